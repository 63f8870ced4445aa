import { type KeyObject, verify } from 'node:crypto'
import { PolisError, rawSignatureToDer } from '@polis/kernel'

/** DER prefix of a P-256 SubjectPublicKeyInfo, up to the uncompressed point (RFC 5480). */
const spkiPrefix = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex')

/** The members of a P-256 public JWK that make the key. */
export interface P256Point {
  x: string
  y: string
}

/** The PEM SubjectPublicKeyInfo of a P-256 point given as JWK coordinates. */
export function p256PublicKeyPem(point: P256Point): string {
  const x = Buffer.from(point.x, 'base64url')
  const y = Buffer.from(point.y, 'base64url')
  if (x.length !== 32 || y.length !== 32) {
    throw new PolisError('ERR_MALFORMED', { detail: 'a P-256 coordinate is not 32 bytes' })
  }
  const der = Buffer.concat([spkiPrefix, Buffer.from([4]), x, y])
  return `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`
}

/**
 * Verifies an ES256 signature (raw r||s) over `data` and returns the boolean, which
 * callers must check. Keys go to `node:crypto` as a KeyObject or a PEM string, never
 * inside an options object: Node tells key kinds apart by trying them, and an options
 * object costs it two thrown exceptions per call, a third of a signature check.
 */
export function verifyEs256Signature(options: {
  data: Uint8Array | string
  signature: Uint8Array
  key: KeyObject | P256Point
}): boolean {
  const data = typeof options.data === 'string' ? Buffer.from(options.data, 'ascii') : options.data
  const signature = rawSignatureToDer(options.signature)
  if ('x' in options.key && 'y' in options.key && typeof options.key.x === 'string') {
    const pem = p256PublicKeyPem(options.key)
    try {
      return verify('sha256', data, pem, signature)
    } catch (cause) {
      throw new PolisError('ERR_MALFORMED', { detail: 'the key is not a valid P-256 point', cause })
    }
  }
  return verify('sha256', data, options.key as KeyObject, signature)
}
