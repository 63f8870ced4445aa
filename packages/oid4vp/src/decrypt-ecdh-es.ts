import { createDecipheriv, createHash, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto'
import { fromBase64url, PolisError } from '@polis/kernel'

/** The protected header of a compact JWE, parsed. */
export interface JweHeader {
  alg: unknown
  enc: unknown
  kid?: unknown
  epk?: unknown
  apu?: unknown
  apv?: unknown
  [member: string]: unknown
}

const keyBits = new Map([
  ['A128GCM', 128],
  ['A256GCM', 256],
])

const malformed = (detail: string) => new PolisError('ERR_MALFORMED', { detail })
const undecryptable = (cause?: unknown) => new PolisError('ERR_RESPONSE_UNDECRYPTABLE', { cause })

/** Splits a compact JWE (RFC 7516 section 7.1) and parses its protected header; nothing is decrypted. */
export function readJweHeader(jwe: string): { header: JweHeader; parts: string[] } {
  const parts = jwe.split('.')
  if (parts.length !== 5) throw malformed('the response is not a compact JWE')
  const bytes = fromBase64url(parts[0] as string)
  if (!bytes) throw malformed('the JWE header is not base64url')
  let header: unknown
  try {
    header = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw malformed('the JWE header is not JSON')
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw malformed('the JWE header is not an object')
  return { header: header as JweHeader, parts }
}

function lengthPrefixed(bytes: Uint8Array): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}

function optionalBytes(value: unknown, name: string): Buffer {
  if (value === undefined) return Buffer.alloc(0)
  const bytes = typeof value === 'string' ? fromBase64url(value) : undefined
  if (!bytes) throw malformed(`${name} is not base64url`)
  return bytes
}

/**
 * Decrypts an ECDH-ES JWE with AES-GCM (RFC 7518 sections 4.6 and 5.3), with node:crypto
 * alone: the verifier's side of `direct_post.jwt`, synchronous and so cheaper than WebCrypto's
 * six round trips to the thread pool. The key is derived with the Concat KDF over the
 * ephemeral key's shared secret, `enc`, `apu` and `apv`. Returns the plaintext.
 */
export function decryptEcdhEs(options: { header: JweHeader; parts: string[]; privateKey: KeyObject }): Buffer {
  const { header, parts } = options
  const bits = typeof header.enc === 'string' ? keyBits.get(header.enc) : undefined
  if (header.alg !== 'ECDH-ES' || bits === undefined) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', {
      detail: 'the response must be ECDH-ES with A128GCM or A256GCM',
    })
  }
  if (header.zip !== undefined || header.crit !== undefined) throw malformed('zip and crit are not accepted')
  const [protectedPart, encryptedKey, ivPart, ciphertextPart, tagPart] = parts as [
    string,
    string,
    string,
    string,
    string,
  ]
  if (encryptedKey !== '') throw malformed('ECDH-ES has no encrypted key')
  const epk = header.epk as { kty?: unknown; crv?: unknown; x?: unknown; y?: unknown } | undefined
  if (typeof epk !== 'object' || epk === null || epk.kty !== 'EC' || epk.crv !== 'P-256') {
    throw malformed('epk must be an EC P-256 key')
  }
  const iv = fromBase64url(ivPart)
  const ciphertext = fromBase64url(ciphertextPart)
  const tag = fromBase64url(tagPart)
  if (iv?.length !== 12 || !ciphertext || tag?.length !== 16) throw malformed('bad iv, ciphertext or tag')
  const otherInfo = Buffer.concat([
    lengthPrefixed(Buffer.from(header.enc as string, 'ascii')),
    lengthPrefixed(optionalBytes(header.apu, 'apu')),
    lengthPrefixed(optionalBytes(header.apv, 'apv')),
    Buffer.from([0, 0, bits >> 8, bits & 0xff]),
  ])
  try {
    // Importing the JWK checks that the point is on the curve (no invalid-curve attack).
    const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: epk.x, y: epk.y } as never, format: 'jwk' })
    const secret = diffieHellman({ privateKey: options.privateKey, publicKey })
    const key = createHash('sha256')
      .update(Buffer.from([0, 0, 0, 1]))
      .update(secret)
      .update(otherInfo)
      .digest()
    const decipher = createDecipheriv(bits === 128 ? 'aes-128-gcm' : 'aes-256-gcm', key.subarray(0, bits / 8), iv)
    decipher.setAAD(Buffer.from(protectedPart, 'ascii'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch (cause) {
    throw undecryptable(cause)
  }
}
