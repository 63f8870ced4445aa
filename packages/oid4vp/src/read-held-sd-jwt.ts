import { PolisError } from '@polis/kernel/errors'
import { base64url } from 'jose'

/** A credential the wallet holds, read for choosing what to show: every claim, and what reveals each. */
export interface HeldSdJwt {
  vct: string
  /** Every claim, disclosable ones resolved, without `_sd` members. */
  claims: Record<string, unknown>
  /** The disclosures that reveal each top-level claim whole (its own and those nested in it). */
  disclosuresOf: ReadonlyMap<string, readonly string[]>
  /** The issuer-signed JWT. */
  jwt: string
}

const decoder = new TextDecoder('utf-8', { fatal: true })
const encoder = new TextEncoder()

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(decoder.decode(base64url.decode(part)))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'a credential part is not base64url JSON', cause })
  }
}

async function digestOf(disclosure: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(disclosure))))
}

const cache = new Map<string, HeldSdJwt>()
const maxCached = 64

/**
 * Reads an SD-JWT VC as issued (`<jwt>~<disclosures>~`) on the holder's side: the wallet's
 * own credential, so nothing is verified here, only taken apart (RFC 9901 section 7.1
 * steps 3 to 5) with WebCrypto digests. Remembered, as a wallet reads the same few often.
 */
export async function readHeldSdJwt(credential: string): Promise<HeldSdJwt> {
  const known = cache.get(credential)
  if (known) return known
  const parts = credential.split('~')
  if (parts.length < 2 || parts.at(-1) !== '') throw new PolisError('ERR_MALFORMED', { detail: 'not an issued SD-JWT' })
  const jwt = parts[0] as string
  const payload = decodeJson(jwt.split('.')[1] ?? '')
  if (typeof payload !== 'object' || payload === null) throw new PolisError('ERR_MALFORMED')
  const byDigest = new Map<string, { encoded: string; value: unknown[] }>()
  for (const encoded of parts.slice(1, -1)) {
    const value = decodeJson(encoded)
    if (!Array.isArray(value)) throw new PolisError('ERR_MALFORMED', { detail: 'a disclosure is not an array' })
    byDigest.set(await digestOf(encoded), { encoded, value })
  }
  const resolve = (value: unknown, used: string[], depth: number): unknown => {
    if (depth > 32) throw new PolisError('ERR_MALFORMED', { detail: 'claims nest too deeply' })
    if (Array.isArray(value)) {
      const result: unknown[] = []
      for (const element of value) {
        const digest = (element as { '...'?: unknown } | null)?.['...']
        const disclosure = typeof digest === 'string' ? byDigest.get(digest) : undefined
        if (disclosure) {
          used.push(disclosure.encoded)
          result.push(resolve(disclosure.value[1], used, depth + 1))
        } else if (typeof digest !== 'string') result.push(resolve(element, used, depth + 1))
      }
      return result
    }
    if (typeof value !== 'object' || value === null) return value
    const result: Record<string, unknown> = {}
    for (const [name, inner] of Object.entries(value)) {
      if (name !== '_sd' && name !== '_sd_alg') result[name] = resolve(inner, used, depth + 1)
    }
    const digests = (value as { _sd?: unknown })._sd
    for (const digest of Array.isArray(digests) ? digests : []) {
      const disclosure = byDigest.get(digest as string)
      if (disclosure && typeof disclosure.value[1] === 'string') {
        used.push(disclosure.encoded)
        result[disclosure.value[1]] = resolve(disclosure.value[2], used, depth + 1)
      }
    }
    return result
  }
  const claims: Record<string, unknown> = {}
  const disclosuresOf = new Map<string, string[]>()
  const top = payload as Record<string, unknown>
  for (const [name, value] of Object.entries(top)) {
    if (name === '_sd' || name === '_sd_alg') continue
    const used: string[] = []
    claims[name] = resolve(value, used, 1)
    if (used.length > 0) disclosuresOf.set(name, used)
  }
  for (const digest of Array.isArray(top._sd) ? top._sd : []) {
    const disclosure = byDigest.get(digest as string)
    if (!disclosure || typeof disclosure.value[1] !== 'string') continue
    const used = [disclosure.encoded]
    claims[disclosure.value[1]] = resolve(disclosure.value[2], used, 1)
    disclosuresOf.set(disclosure.value[1], used)
  }
  if (typeof claims.vct !== 'string') throw new PolisError('ERR_MALFORMED', { detail: 'the credential has no vct' })
  const held: HeldSdJwt = { vct: claims.vct, claims, disclosuresOf, jwt }
  if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string)
  cache.set(credential, held)
  return held
}
