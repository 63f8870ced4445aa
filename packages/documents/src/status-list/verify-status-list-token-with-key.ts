import { type KeyObject, verify } from 'node:crypto'
import { fromBase64url, PolisError, rawSignatureToDer } from '@polis/kernel'
import { z } from 'zod'
import { decodeStatusList } from './decode-status-list.ts'
import type { StatusList } from './status-list.ts'

/** The JOSE header of a Status List Token, as far as verification reads it. */
export const StatusListTokenHeader = z.object({
  alg: z.string(),
  typ: z.string().optional(),
  kid: z.string().optional(),
  x5c: z.array(z.string()).optional(),
  crit: z.array(z.string()).optional(),
})
export type StatusListTokenHeader = z.infer<typeof StatusListTokenHeader>

/** The claims of a Status List Token in JWT format (section 5.1); other claims are allowed and ignored. */
const StatusListTokenClaims = z.object({
  sub: z.string(),
  iat: z.number(),
  exp: z.number().optional(),
  nbf: z.number().optional(),
  ttl: z.number().positive().optional(),
  status_list: z.unknown(),
})

/** What a verified Status List Token says: the list, and the times that bound how long to rely on it. */
export interface VerifiedStatusListToken {
  list: StatusList
  iat: number
  exp: number | undefined
  ttl: number | undefined
}

/** Size limits applied while verifying; each has a safe default. */
export interface StatusListTokenLimits {
  /** Longest token accepted, in characters; longer ones throw ERR_TOO_LARGE. Defaults to 4 MiB. */
  maxTokenLength?: number | undefined
  /** Cap on the inflated list, in bytes (ERR_TOO_LARGE). Defaults to 16 MiB. */
  maxListBytes?: number | undefined
}

/** A token to verify against a key the caller resolves from its header. */
export interface VerifyStatusListTokenWithKeyOptions extends StatusListTokenLimits {
  token: string
  /** The `uri` of the credential's status reference; `sub` must equal it (section 8.3, step 4a). */
  expectedUri: string
  now: Date
  /** Returns the key the token must be signed with; throws (ERR_UNTRUSTED_ISSUER) when none is trusted. */
  resolveKey: (header: StatusListTokenHeader) => KeyObject
}

/** Default cap on a Status List Token's length in characters. */
export const maxStatusListTokenLength = 4 * 1024 * 1024

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Verifies a Status List Token in JWT format (sections 5.1 and 8.3) against a key the caller
 * resolves: ES256 only, `typ` statuslist+jwt, signature, `sub`, `exp`/`nbf`, then the list.
 * An expired or not yet valid token throws ERR_STATUS_UNAVAILABLE: it is the list that
 * cannot be relied on, not the credential that has expired (ERR_EXPIRED would say so).
 */
export function verifyStatusListTokenWithKey(options: VerifyStatusListTokenWithKeyOptions): VerifiedStatusListToken {
  const { token } = options
  if (typeof token !== 'string') {
    throw new PolisError('ERR_MALFORMED', { detail: 'the status list token is not a string' })
  }
  if (token.length > (options.maxTokenLength ?? maxStatusListTokenLength)) {
    throw new PolisError('ERR_TOO_LARGE', { detail: 'the status list token is longer than allowed' })
  }
  const parts = token.split('.')
  if (parts.length !== 3) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the status list token is not a JWS in compact serialization' })
  }
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string]
  const header = parseSegment(encodedHeader, StatusListTokenHeader, 'header')
  // RFC 8725, section 3.1: accept exactly the algorithm we expect; `none` and HMAC never.
  if (header.alg !== 'ES256') {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'status list tokens must be signed with ES256' })
  }
  if (!isStatusListJwtType(header.typ)) {
    throw new PolisError('ERR_MALFORMED', { detail: 'typ must be statuslist+jwt' })
  }
  if (header.crit !== undefined) {
    // RFC 7515, section 4.1.11: we understand no extension, so any critical one is fatal.
    throw new PolisError('ERR_MALFORMED', { detail: 'the token has critical header parameters we do not support' })
  }
  const key = options.resolveKey(header)
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'the signing key is not a P-256 key' })
  }
  const signature = fromBase64url(encodedSignature)
  if (signature === undefined || signature.length !== 64) {
    throw new PolisError('ERR_SIGNATURE_INVALID', { detail: 'an ES256 signature is 64 bytes of base64url' })
  }
  let valid: boolean
  try {
    const signingInput = Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii')
    // The key itself and a DER signature: node:crypto's fastest path (verifyEs256Signature).
    valid = verify('sha256', signingInput, key, rawSignatureToDer(signature))
  } catch (cause) {
    throw new PolisError('ERR_SIGNATURE_INVALID', { detail: 'the signature could not be checked', cause })
  }
  if (!valid) {
    throw new PolisError('ERR_SIGNATURE_INVALID', { detail: 'the status list token signature does not verify' })
  }
  const claims = parseSegment(encodedPayload, StatusListTokenClaims, 'payload')
  if (claims.sub !== options.expectedUri) {
    throw new PolisError('ERR_MALFORMED', { detail: 'sub is not the status list URI the credential references' })
  }
  const at = options.now.getTime() / 1000
  if (claims.exp !== undefined && at >= claims.exp) {
    throw new PolisError('ERR_STATUS_UNAVAILABLE', { detail: 'the status list token has expired' })
  }
  if (claims.nbf !== undefined && at < claims.nbf) {
    throw new PolisError('ERR_STATUS_UNAVAILABLE', { detail: 'the status list token is not valid yet' })
  }
  const list = decodeStatusList(claims.status_list, { maxBytes: options.maxListBytes })
  return { list, iat: claims.iat, exp: claims.exp, ttl: claims.ttl }
}

/** RFC 7515, section 4.1.9: `typ` compares case-insensitively and may omit `application/`. */
function isStatusListJwtType(typ: string | undefined): boolean {
  const type = typ?.toLowerCase()
  return type === 'statuslist+jwt' || type === 'application/statuslist+jwt'
}

function parseSegment<T>(segment: string, schema: z.ZodType<T>, name: string): T {
  const bytes = fromBase64url(segment)
  let json: unknown
  try {
    if (bytes === undefined) throw new TypeError('not base64url')
    json = JSON.parse(utf8.decode(bytes))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: `the token ${name} is not base64url JSON`, cause })
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    throw new PolisError('ERR_MALFORMED', { detail: `the token ${name} lacks required members` })
  }
  return parsed.data
}
