import { createPublicKey, type KeyObject, verify } from 'node:crypto'
import { fromBase64url, PolisError, type Sign, toBase64url } from '@polis/kernel'

/** A compact JWS split into its parts, with header and payload parsed as JSON objects. */
export interface ParsedJws {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** `base64url(header) . base64url(payload)`: the bytes the signature covers. */
  signingInput: string
  signature: Buffer
}

/** Algorithms Polis accepts; `none`, HMAC and RSA are refused before any key is looked at. */
const acceptedAlgorithms = new Set(['ES256'])

function parseJsonObject(part: string, what: string): Record<string, unknown> {
  const bytes = fromBase64url(part)
  if (!bytes) throw new PolisError('ERR_MALFORMED', { detail: `${what} is not base64url` })
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: `${what} is not JSON`, cause })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PolisError('ERR_MALFORMED', { detail: `${what} is not a JSON object` })
  }
  return value as Record<string, unknown>
}

/** Parses a compact JWS (RFC 7515 section 7.1) and refuses algorithms other than ES256. */
export function parseCompactJws(jws: string, what = 'JWT'): ParsedJws {
  const first = jws.indexOf('.')
  const second = jws.indexOf('.', first + 1)
  if (first < 0 || second < 0 || jws.indexOf('.', second + 1) >= 0) {
    throw new PolisError('ERR_MALFORMED', { detail: `${what} does not have three parts` })
  }
  const header = parseJsonObject(jws.slice(0, first), `${what} header`)
  if (typeof header.alg !== 'string' || !acceptedAlgorithms.has(header.alg)) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: `${what} alg must be ES256` })
  }
  if (header.crit !== undefined) {
    throw new PolisError('ERR_MALFORMED', { detail: `${what} has critical extensions Polis does not understand` })
  }
  const payload = parseJsonObject(jws.slice(first + 1, second), `${what} payload`)
  const signature = fromBase64url(jws.slice(second + 1))
  if (signature?.length !== 64) {
    throw new PolisError('ERR_MALFORMED', { detail: `${what} signature is not a 64-byte ES256 signature` })
  }
  return { header, payload, signingInput: jws.slice(0, second), signature }
}

/** Verifies an ES256 signature; returns the boolean, which callers must check. */
export function verifyEs256(jws: ParsedJws, key: KeyObject): boolean {
  return verify('sha256', Buffer.from(jws.signingInput, 'ascii'), { key, dsaEncoding: 'ieee-p1363' }, jws.signature)
}

/** Signs a JWT as compact JWS through the Sign port (the key never enters this package). */
export async function signCompactJws(options: {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  sign: Sign
}): Promise<string> {
  const signingInput = `${toBase64url(JSON.stringify(options.header))}.${toBase64url(JSON.stringify(options.payload))}`
  const signature = await options.sign(Buffer.from(signingInput, 'ascii'))
  return `${signingInput}.${toBase64url(signature)}`
}

/** A public key object from a P-256 JWK; ERR_MALFORMED for anything else. */
export function publicKeyFromJwk(jwk: unknown): KeyObject {
  if (typeof jwk !== 'object' || jwk === null) throw new PolisError('ERR_MALFORMED', { detail: 'jwk is not an object' })
  const { kty, crv, x, y } = jwk as Record<string, unknown>
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'holder key must be an EC P-256 JWK' })
  }
  try {
    return createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' })
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'holder key is not a valid P-256 point', cause })
  }
}
