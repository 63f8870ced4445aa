import { p256Jwk, parseCompactJws, verifyEs256WithJwk } from '@polis/documents'
import { epochSeconds, isPolisError, PolisError, type PublicJwk } from '@polis/kernel'

/** A verified `jwt` key proof: the holder key it proves and the nonce it carries. */
export interface VerifiedKeyProof {
  holderKey: PublicJwk
  nonce: string
}

/**
 * Checks a `jwt` key proof (OpenID4VCI 1.0 appendix F.1): `typ`, ES256, a public P-256
 * `jwk` in the header, the signature by that key, `aud` = this issuer, a recent `iat`.
 * The nonce is returned for the caller to consume. Any failure is ERR_INVALID_PROOF.
 */
export function verifyKeyProof(options: {
  proof: unknown
  credentialIssuer: string
  now: Date
  maxAgeSeconds?: number
}): VerifiedKeyProof {
  try {
    if (typeof options.proof !== 'string') throw new PolisError('ERR_MALFORMED', { detail: 'the proof is not a JWT' })
    const jws = parseCompactJws(options.proof, 'key proof')
    if (jws.header.typ !== 'openid4vci-proof+jwt') throw new PolisError('ERR_MALFORMED', { detail: 'wrong typ' })
    const jwk = jws.header.jwk as Record<string, unknown> | undefined
    if (!jwk || 'd' in jwk) throw new PolisError('ERR_MALFORMED', { detail: 'the proof must carry a public jwk' })
    const holderKey = p256Jwk(jwk)
    if (!verifyEs256WithJwk(jws, holderKey)) throw new PolisError('ERR_SIGNATURE_INVALID')
    const { aud, iat, nonce } = jws.payload
    const audiences = Array.isArray(aud) ? aud : [aud]
    if (!audiences.includes(options.credentialIssuer)) throw new PolisError('ERR_KB_AUDIENCE_MISMATCH')
    const now = epochSeconds(options.now)
    if (typeof iat !== 'number' || iat > now + 60 || now - iat > (options.maxAgeSeconds ?? 300)) {
      throw new PolisError('ERR_KB_STALE')
    }
    if (typeof nonce !== 'string') throw new PolisError('ERR_INVALID_NONCE')
    return { holderKey: holderKey as PublicJwk, nonce }
  } catch (error) {
    if (isPolisError(error, 'ERR_INVALID_NONCE')) throw error
    throw new PolisError('ERR_INVALID_PROOF', {
      detail: isPolisError(error) ? error.code : 'unreadable proof',
      cause: error,
    })
  }
}
