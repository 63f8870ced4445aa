import { PolisError } from '@polis/kernel/errors'
import { bytesOfBase64 } from './qr-format.ts'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A compact JWS split and its JSON parts read, before any signature check. */
export interface CompactJws {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  signingInput: Uint8Array
  signature: Uint8Array
}

/**
 * Reads a compact JWS (RFC 7515) with JSON header and payload: ES256 only, the `typ`
 * expected, no critical extensions. ERR_MALFORMED, ERR_TOO_LARGE or ERR_UNSUPPORTED_ALGORITHM.
 */
export function readCompactJws(token: string, options: { typ: string; maxLength: number }): CompactJws {
  if (typeof token !== 'string') throw new PolisError('ERR_MALFORMED', { detail: 'a JWS is text' })
  if (token.length > options.maxLength) throw new PolisError('ERR_TOO_LARGE', { detail: 'the JWS is too long' })
  const parts = token.trim().split('.')
  if (parts.length !== 3) throw new PolisError('ERR_MALFORMED', { detail: 'not a compact JWS' })
  const [header, payload, signature] = parts as [string, string, string]
  const parsedHeader = readJson(header, 'header')
  if (parsedHeader.alg !== 'ES256') throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'alg must be ES256' })
  const typ = typeof parsedHeader.typ === 'string' ? parsedHeader.typ.toLowerCase().replace(/^application\//, '') : ''
  if (typ !== options.typ) throw new PolisError('ERR_MALFORMED', { detail: `typ must be ${options.typ}` })
  if (parsedHeader.crit !== undefined)
    throw new PolisError('ERR_MALFORMED', { detail: 'critical headers are not supported' })
  const signatureBytes = bytesOfBase64(signature, 'base64url')
  if (signatureBytes?.length !== 64) {
    throw new PolisError('ERR_SIGNATURE_INVALID', { detail: 'an ES256 signature is 64 bytes' })
  }
  return {
    header: parsedHeader,
    payload: readJson(payload, 'payload'),
    signingInput: new TextEncoder().encode(`${header}.${payload}`),
    signature: signatureBytes as Uint8Array,
  }
}

/** Checks an ES256 signature with WebCrypto; ERR_SIGNATURE_INVALID when it does not verify. */
export async function assertEs256(key: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<void> {
  const valid = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    signature as Uint8Array<ArrayBuffer>,
    data as Uint8Array<ArrayBuffer>,
  )
  if (!valid) throw new PolisError('ERR_SIGNATURE_INVALID', { detail: 'the signature does not verify' })
}

/** A P-256 public key for verifying, from its JWK; ERR_MALFORMED when it is not one. */
export async function importVerifyKey(jwk: unknown): Promise<CryptoKey> {
  const key = jwk as JsonWebKey
  if (
    typeof jwk !== 'object' ||
    jwk === null ||
    key.kty !== 'EC' ||
    key.crv !== 'P-256' ||
    typeof key.x !== 'string' ||
    typeof key.y !== 'string'
  ) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the key is not a P-256 JWK' })
  }
  try {
    return await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: key.x, y: key.y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    )
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the key is not a point on P-256', cause })
  }
}

function readJson(segment: string, what: string): Record<string, unknown> {
  const bytes = bytesOfBase64(segment, 'base64url')
  let value: unknown
  try {
    if (!bytes) throw new TypeError('not base64url')
    value = JSON.parse(utf8.decode(bytes))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: `the JWS ${what} is not base64url JSON`, cause })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PolisError('ERR_MALFORMED', { detail: `the JWS ${what} is not a JSON object` })
  }
  return value as Record<string, unknown>
}
