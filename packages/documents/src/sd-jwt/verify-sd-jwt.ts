import type { KeyObject } from 'node:crypto'
import { epochSeconds, PolisError, type PublicJwk } from '@polis/kernel'
import { type P256Jwk, type ParsedJws, p256Jwk, verifyEs256, verifyEs256WithJwk } from '../jose/compact-jws.ts'
import { type ParsedSdJwt, parseSdJwt, sha256Base64url } from './parse-sd-jwt.ts'
import { resolveDisclosures } from './resolve-disclosures.ts'

/** What the verifier asked for in the key-binding JWT (RFC 9901 section 7.3). */
export interface KeyBindingExpectation {
  /** Refuse an SD-JWT without a key-binding JWT. */
  required: boolean
  nonce?: string | undefined
  audience?: string | undefined
  /** How old the key-binding JWT may be. */
  maxAgeSeconds: number
}

export interface VerifySdJwtOptions {
  sdJwt: string
  /** Finds the key that must have signed the issuer JWT; throws when the issuer is not trusted. */
  issuerKey: (jwt: ParsedJws) => KeyObject
  keyBinding: KeyBindingExpectation
  now: Date
  /** Clock skew tolerated for `iat` in the future. */
  skewSeconds?: number
}

/** An SD-JWT whose signatures and disclosures checked out. */
export interface VerifiedSdJwt {
  parsed: ParsedSdJwt
  /** The issuer-signed claims with the disclosed ones put back (section 7.1). */
  claims: Record<string, unknown>
  /** The holder key from `cnf.jwk`, when the SD-JWT is key-bound. */
  holderKey: PublicJwk | undefined
  keyBound: boolean
}

/**
 * Verifies an SD-JWT or SD-JWT+KB as RFC 9901 section 7 prescribes: issuer signature,
 * disclosures, and the key-binding JWT's signature, `sd_hash`, `nonce`, `aud` and `iat`.
 * Throws a PolisError with a stable code at the first failure.
 */
export function verifySdJwt(options: VerifySdJwtOptions): VerifiedSdJwt {
  const parsed = parseSdJwt(options.sdJwt)
  const key = options.issuerKey(parsed.jwt)
  if (!verifyEs256(parsed.jwt, key)) throw new PolisError('ERR_SIGNATURE_INVALID')
  const claims = resolveDisclosures(parsed.jwt.payload, parsed.disclosures)

  const cnf = parsed.jwt.payload.cnf as { jwk?: unknown } | undefined
  const holderJwk = typeof cnf === 'object' && cnf !== null ? cnf.jwk : undefined
  if (!parsed.keyBinding) {
    if (options.keyBinding.required) throw new PolisError('ERR_KB_MISSING')
    return { parsed, claims, holderKey: holderJwk as PublicJwk | undefined, keyBound: false }
  }
  if (holderJwk === undefined) throw new PolisError('ERR_KB_MISSING', { detail: 'the credential has no cnf.jwk' })
  verifyKeyBinding(parsed, p256Jwk(holderJwk), options)
  return { parsed, claims, holderKey: holderJwk as PublicJwk, keyBound: true }
}

function verifyKeyBinding(parsed: ParsedSdJwt, holderKey: P256Jwk, options: VerifySdJwtOptions): void {
  const kb = parsed.keyBinding as ParsedJws
  if (kb.header.typ !== 'kb+jwt')
    throw new PolisError('ERR_MALFORMED', { detail: 'key-binding JWT typ must be kb+jwt' })
  if (!verifyEs256WithJwk(kb, holderKey)) throw new PolisError('ERR_KB_SIGNATURE_INVALID')
  const { iat, nonce, aud, sd_hash: sdHash } = kb.payload
  if (typeof sdHash !== 'string' || sdHash !== sha256Base64url(parsed.sdHashInput)) {
    throw new PolisError('ERR_KB_SD_HASH_MISMATCH')
  }
  const expected = options.keyBinding
  if (typeof nonce !== 'string' || (expected.nonce !== undefined && nonce !== expected.nonce)) {
    throw new PolisError('ERR_KB_NONCE_MISMATCH')
  }
  if (typeof aud !== 'string' || (expected.audience !== undefined && aud !== expected.audience)) {
    throw new PolisError('ERR_KB_AUDIENCE_MISMATCH')
  }
  const now = epochSeconds(options.now)
  const skew = options.skewSeconds ?? 60
  if (typeof iat !== 'number' || iat > now + skew || now - iat > expected.maxAgeSeconds) {
    throw new PolisError('ERR_KB_STALE')
  }
}
