import type { ClaimsPath } from './dcql-query.ts'

/**
 * The part of `claims` that the given paths point at, in the same shape: what a verifier
 * answers when asked for `["address", "locality"]` is `{ address: { locality } }`, not
 * the whole address. A path step that is an index or null keeps that array whole.
 */
export function pickClaims(claims: Record<string, unknown>, paths: readonly ClaimsPath[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {}
  for (const path of paths) copyPath(claims, picked, path)
  return picked
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function copyPath(from: Record<string, unknown>, to: Record<string, unknown>, path: ClaimsPath): void {
  const [step, ...rest] = path
  if (typeof step !== 'string' || !Object.hasOwn(from, step)) return
  const value = from[step]
  const next = rest[0]
  if (rest.length === 0 || typeof next !== 'string' || !isObject(value)) {
    to[step] = value
    return
  }
  const existing = to[step]
  if (Object.hasOwn(to, step) && !isObject(existing)) return
  const target = isObject(existing) ? existing : {}
  to[step] = target
  copyPath(value, target, rest)
}
