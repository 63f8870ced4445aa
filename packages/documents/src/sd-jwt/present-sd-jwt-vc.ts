import { epochSeconds, PolisError, type Sign } from '@polis/kernel'
import { signCompactJws } from '../jose/compact-jws.ts'
import { parseSdJwt, sha256Base64url } from './parse-sd-jwt.ts'

export interface PresentSdJwtVcOptions {
  /** The credential as issued: `<jwt>~<disclosures>~`. */
  credential: string
  /** Top-level claim names to reveal; every other disclosure is withheld. */
  disclose: readonly string[]
  /** Signs with the holder key the credential is bound to. */
  holderSign: Sign
  nonce: string
  audience: string
  now: Date
}

/**
 * Builds an SD-JWT+KB presentation (RFC 9901 sections 4.3 and 5): keeps only the chosen
 * disclosures and adds a key-binding JWT over them, the nonce and the audience.
 */
export async function presentSdJwtVc(options: PresentSdJwtVcOptions): Promise<string> {
  const parsed = parseSdJwt(options.credential)
  if (parsed.keyBinding) throw new PolisError('ERR_MALFORMED', { detail: 'this is already a presentation' })
  const wanted = new Set(options.disclose)
  const kept = parsed.disclosures.filter((d) => d.name !== undefined && wanted.has(d.name))
  const jwt = options.credential.slice(0, options.credential.indexOf('~'))
  const sdJwt = `${jwt}~${kept.map((d) => `${d.encoded}~`).join('')}`
  const keyBinding = await signCompactJws({
    header: { alg: 'ES256', typ: 'kb+jwt' },
    payload: {
      iat: epochSeconds(options.now),
      aud: options.audience,
      nonce: options.nonce,
      sd_hash: sha256Base64url(sdJwt),
    },
    sign: options.holderSign,
  })
  return `${sdJwt}${keyBinding}`
}

/** The names of the claims a credential can disclose, for a holder choosing what to show. */
export function disclosableClaims(credential: string): string[] {
  return parseSdJwt(credential)
    .disclosures.map((d) => d.name)
    .filter((name): name is string => name !== undefined)
}
