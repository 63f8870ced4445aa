import type { ClaimsPath } from './dcql-query.ts'

/**
 * The values a claims path pointer selects (OpenID4VP 1.0 section 7.2): a member name
 * steps into an object, an index into an array, null into every element. Empty when
 * the path selects nothing.
 */
export function readClaimsPath(claims: unknown, path: ClaimsPath): unknown[] {
  let selected: unknown[] = [claims]
  for (const step of path) {
    const next: unknown[] = []
    for (const value of selected) {
      if (step === null) {
        if (Array.isArray(value)) next.push(...value)
      } else if (typeof step === 'number') {
        if (Array.isArray(value) && step < value.length) next.push(value[step])
      } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, step)) {
        next.push((value as Record<string, unknown>)[step])
      }
    }
    if (next.length === 0) return []
    selected = next
  }
  return selected
}
