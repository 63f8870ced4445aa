import { epochSeconds, PolisError, type Sign } from '@polis/kernel'
import { signCompactJws } from '../jose/compact-jws.ts'
import { type Disclosure, parseSdJwt, sha256Base64url } from './parse-sd-jwt.ts'

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
  const kept = selectDisclosures(parsed.jwt.payload, parsed.disclosures, new Set(options.disclose))
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

/**
 * The disclosures that reveal the chosen top-level claims whole: a chosen claim's own
 * disclosure and every disclosure nested inside it (object members, array elements),
 * and nothing nested under a claim that stays hidden.
 */
function selectDisclosures(
  payload: Record<string, unknown>,
  disclosures: Disclosure[],
  wanted: Set<string>,
): Disclosure[] {
  const byDigest = new Map(disclosures.map((d) => [d.digest, d]))
  const kept = new Set<Disclosure>()
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const element of value) {
        const digest = (element as { '...'?: unknown } | null)?.['...']
        const disclosure = typeof digest === 'string' ? byDigest.get(digest) : undefined
        if (disclosure) {
          kept.add(disclosure)
          collect(disclosure.value)
        } else collect(element)
      }
    } else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>
      for (const digest of Array.isArray(object._sd) ? object._sd : []) {
        const disclosure = byDigest.get(digest as string)
        if (disclosure) {
          kept.add(disclosure)
          collect(disclosure.value)
        }
      }
      for (const [key, inner] of Object.entries(object)) if (key !== '_sd') collect(inner)
    }
  }
  for (const digest of Array.isArray(payload._sd) ? payload._sd : []) {
    const disclosure = byDigest.get(digest as string)
    if (disclosure?.name !== undefined && wanted.has(disclosure.name)) {
      kept.add(disclosure)
      collect(disclosure.value)
    }
  }
  for (const [name, value] of Object.entries(payload)) if (wanted.has(name)) collect(value)
  return disclosures.filter((d) => kept.has(d))
}

/** The names of the claims a credential can disclose, for a holder choosing what to show. */
export function disclosableClaims(credential: string): string[] {
  const parsed = parseSdJwt(credential)
  const topLevel = new Set(Array.isArray(parsed.jwt.payload._sd) ? parsed.jwt.payload._sd : [])
  return parsed.disclosures.filter((d) => d.name !== undefined && topLevel.has(d.digest)).map((d) => d.name as string)
}
