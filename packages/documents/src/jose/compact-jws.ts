import { createPublicKey, type KeyObject } from 'node:crypto'
import { fromBase64url, PolisError, type Sign, toBase64url } from '@polis/kernel'
import { verifyEs256Signature } from './verify-es256-signature.ts'

/** A compact JWS split into its parts, with header and payload parsed as JSON objects. */
export interface ParsedJws {
  header: Readonly<Record<string, unknown>>
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

const headers = new Map<string, Readonly<Record<string, unknown>>>()
const maxHeaders = 256
/** A header holds an algorithm, a type and at most a certificate chain: 16 KB is generous. */
export const maxHeaderLength = 16 * 1024
const cacheableMembers = new Set(['alg', 'typ', 'x5c', 'kid'])

/**
 * Parses a JWS header, remembering recent ones: every credential of an issuer carries
 * the same header with its certificate chain, a kilobyte to decode each time otherwise,
 * and every key-binding JWT the same two members. Only plain headers are remembered
 * (known members, `x5c` a list of strings), so the cache holds no more than its text.
 */
function parseHeader(part: string, what: string): Readonly<Record<string, unknown>> {
  const known = headers.get(part)
  if (known) return known
  if (part.length > maxHeaderLength) throw new PolisError('ERR_TOO_LARGE', { detail: `${what} header is too long` })
  const header = parseJsonObject(part, `${what} header`)
  const plain =
    Object.keys(header).every((key) => cacheableMembers.has(key)) &&
    (header.x5c === undefined || (Array.isArray(header.x5c) && header.x5c.every((c) => typeof c === 'string')))
  if (plain) {
    if (Array.isArray(header.x5c)) Object.freeze(header.x5c)
    Object.freeze(header)
    if (headers.size >= maxHeaders) headers.delete(headers.keys().next().value as string)
    headers.set(part, header)
  }
  return header
}

/** Parses a compact JWS (RFC 7515 section 7.1) and refuses algorithms other than ES256. */
export function parseCompactJws(jws: string, what = 'JWT'): ParsedJws {
  const first = jws.indexOf('.')
  const second = jws.indexOf('.', first + 1)
  if (first < 0 || second < 0 || jws.indexOf('.', second + 1) >= 0) {
    throw new PolisError('ERR_MALFORMED', { detail: `${what} does not have three parts` })
  }
  const header = parseHeader(jws.slice(0, first), what)
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
  return verifyEs256Signature({ data: jws.signingInput, signature: jws.signature, key })
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

/** A P-256 public JWK, checked for shape (not yet for being a point on the curve). */
export interface P256Jwk {
  kty: 'EC'
  crv: 'P-256'
  x: string
  y: string
}

/** The public members of a P-256 JWK; ERR_UNSUPPORTED_ALGORITHM for any other key. */
export function p256Jwk(jwk: unknown): P256Jwk {
  if (typeof jwk !== 'object' || jwk === null) throw new PolisError('ERR_MALFORMED', { detail: 'jwk is not an object' })
  const { kty, crv, x, y } = jwk as Record<string, unknown>
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'holder key must be an EC P-256 JWK' })
  }
  return { kty, crv, x, y }
}

/** A public key object from a P-256 JWK; ERR_MALFORMED when it is not a point on the curve. */
export function publicKeyFromJwk(jwk: unknown): KeyObject {
  try {
    return createPublicKey({ key: { ...p256Jwk(jwk) }, format: 'jwk' })
  } catch (cause) {
    if (cause instanceof PolisError) throw cause
    throw new PolisError('ERR_MALFORMED', { detail: 'holder key is not a valid P-256 point', cause })
  }
}

/** Verifies an ES256 signature with a key given as JWK (every holder key is new to a verifier). */
export function verifyEs256WithJwk(jws: ParsedJws, jwk: P256Jwk): boolean {
  return verifyEs256Signature({ data: jws.signingInput, signature: jws.signature, key: jwk })
}
