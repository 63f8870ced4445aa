import { PolisError } from '@polis/kernel'
import type { Disclosure } from './parse-sd-jwt.ts'

/**
 * Rebuilds the disclosed claims from the issuer-signed payload and the disclosures,
 * exactly as RFC 9901 section 7.1 (steps 3 to 5) prescribes: every digest is replaced
 * by its disclosure at most once, undisclosed digests disappear, a disclosure that no
 * digest references, or a digest that appears twice, fails the whole SD-JWT.
 */
export function resolveDisclosures(
  payload: Record<string, unknown>,
  disclosures: Disclosure[],
): Record<string, unknown> {
  const sdAlg = payload._sd_alg ?? 'sha-256'
  if (sdAlg !== 'sha-256') throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: '_sd_alg must be sha-256' })

  const byDigest = new Map<string, Disclosure>()
  for (const disclosure of disclosures) {
    if (byDigest.has(disclosure.digest)) throw new PolisError('ERR_DISCLOSURE_DUPLICATE')
    byDigest.set(disclosure.digest, disclosure)
  }
  const seenDigests = new Set<string>()
  let used = 0

  const claim = (digest: unknown): Disclosure | undefined => {
    if (typeof digest !== 'string') throw new PolisError('ERR_MALFORMED', { detail: 'a digest is not a string' })
    if (seenDigests.has(digest)) throw new PolisError('ERR_DISCLOSURE_DUPLICATE', { detail: 'a digest appears twice' })
    seenDigests.add(digest)
    const disclosure = byDigest.get(digest)
    if (disclosure) used++
    return disclosure
  }

  const visit = (value: unknown, depth: number): unknown => {
    if (depth > 32) throw new PolisError('ERR_MALFORMED', { detail: 'claims nest too deeply' })
    if (Array.isArray(value)) {
      const result: unknown[] = []
      for (const element of value) {
        if (isArrayDigest(element)) {
          const disclosure = claim(element['...'])
          if (!disclosure) continue
          if (disclosure.name !== undefined) {
            throw new PolisError('ERR_MALFORMED', { detail: 'an array element disclosure has a claim name' })
          }
          result.push(visit(disclosure.value, depth + 1))
        } else {
          result.push(visit(element, depth + 1))
        }
      }
      return result
    }
    if (typeof value !== 'object' || value === null) return value
    const object = value as Record<string, unknown>
    const result: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(object)) {
      if (key === '_sd' || (key === '_sd_alg' && depth === 0)) continue
      result[key] = visit(inner, depth + 1)
    }
    if (object._sd !== undefined) {
      if (!Array.isArray(object._sd)) throw new PolisError('ERR_MALFORMED', { detail: '_sd is not an array' })
      for (const digest of object._sd) {
        const disclosure = claim(digest)
        if (!disclosure) continue
        if (disclosure.name === undefined) {
          throw new PolisError('ERR_MALFORMED', { detail: 'an object disclosure has no claim name' })
        }
        if (Object.hasOwn(object, disclosure.name) || Object.hasOwn(result, disclosure.name)) {
          throw new PolisError('ERR_MALFORMED', { detail: 'a disclosed claim name already exists' })
        }
        result[disclosure.name] = visit(disclosure.value, depth + 1)
      }
    }
    return result
  }

  const claims = visit(payload, 0) as Record<string, unknown>
  if (used !== byDigest.size) throw new PolisError('ERR_DISCLOSURE_UNREFERENCED')
  return claims
}

function isArrayDigest(element: unknown): element is { '...': unknown } {
  return (
    typeof element === 'object' &&
    element !== null &&
    !Array.isArray(element) &&
    Object.hasOwn(element, '...') &&
    Object.keys(element).length === 1
  )
}
