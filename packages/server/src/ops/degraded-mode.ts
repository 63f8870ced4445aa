/**
 * Degraded mode: what the server does while its database cannot be reached. Writes and
 * reads that need the database are refused at once with `ERR_STORE_UNAVAILABLE` (503,
 * `Retry-After`), never a 500; the public documents wallets and verifiers fetch (trust
 * lists, status lists, type metadata, the exchange's configuration) are answered from the
 * last copy this process served; the apps are files. When the database answers again,
 * the next request uses it: nothing has to be restarted.
 */
import { PolisError } from '@polis/kernel'
import type { MiddlewareHandler } from 'hono'

/** Node's and PostgreSQL's ways of saying a database connection could not be had or was lost. */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // SQLSTATE class 08, connection exception.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
  '57P01',
  '57P02',
  '57P03',
  '53300',
])
const unreachableMessages = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error/,
]

/** What an error from the store says about the store, following its causes: unreachable, full, or neither. */
export function storeTrouble(error: unknown): 'unreachable' | 'full' | undefined {
  for (let at = error, depth = 0; at && typeof at === 'object' && depth < 5; depth++) {
    const { code, message, errstr, errors, cause } = at as {
      code?: unknown
      message?: unknown
      errstr?: unknown
      errors?: unknown
      cause?: unknown
    }
    // PostgreSQL's disk_full; SQLite's SQLITE_FULL (node:sqlite gives its text).
    if (code === '53100' || errstr === 'database or disk is full') return 'full'
    if (typeof code === 'string' && unreachableCodes.has(code)) return 'unreachable'
    if (typeof message === 'string' && unreachableMessages.some((pattern) => pattern.test(message))) {
      return 'unreachable'
    }
    // A connection tried on several addresses fails with each one's error.
    if (Array.isArray(errors) && errors.some((one) => storeTrouble(one) === 'unreachable')) return 'unreachable'
    at = cause
  }
  return undefined
}

/** The error a citizen gets for a store that cannot be used: a stable code and "nothing was saved", or undefined. */
export function storeRefusal(error: unknown): PolisError | undefined {
  const trouble = storeTrouble(error)
  if (trouble === 'unreachable') return new PolisError('ERR_STORE_UNAVAILABLE', { cause: error })
  if (trouble === 'full') return new PolisError('ERR_STORE_FULL', { cause: error })
  return undefined
}

/** The public documents kept for degraded mode: small, signed, the same for everyone. */
export const keptForDegradedMode = [
  '/trust/*',
  '/status/*',
  '/vct/*',
  '/.well-known/*',
  '/exchange/globalconf',
] as const

interface KeptAnswer {
  body: ArrayBuffer
  headers: Array<[string, string]>
  keptAt: number
}

/**
 * Keeps the last good answer to each public GET it is mounted on, and gives it again when
 * the database cannot be reached, marked `x-polis-degraded: kept`. Bounded: answers up to
 * `largestAnswer` bytes, at most `most` of them, each refreshed at most every `refreshMs`.
 */
export function keepAnswersForDegradedMode(
  options: { largestAnswer?: number; most?: number; refreshMs?: number } = {},
): MiddlewareHandler {
  const largestAnswer = options.largestAnswer ?? 256 * 1024
  const most = options.most ?? 500
  const refreshMs = options.refreshMs ?? 10_000
  const kept = new Map<string, KeptAnswer>()
  return async (c, next) => {
    if (c.req.method !== 'GET') return next()
    await next()
    const key = c.req.url
    const held = kept.get(key)
    if (c.res.status === 200) {
      if (held && performance.now() - held.keptAt < refreshMs) return
      const length = Number(c.res.headers.get('content-length') ?? Number.NaN)
      if (length > largestAnswer) return
      const body = await c.res.clone().arrayBuffer()
      if (body.byteLength > largestAnswer) return
      if (!held && kept.size >= most) kept.delete(kept.keys().next().value as string)
      const headers: Array<[string, string]> = []
      c.res.headers.forEach((value, name) => {
        headers.push([name, value])
      })
      kept.set(key, { body, headers, keptAt: performance.now() })
      return
    }
    if (held && c.error && storeTrouble(c.error) === 'unreachable') {
      const headers = new Headers(held.headers)
      headers.set('x-polis-degraded', 'kept')
      c.res = new Response(held.body, { status: 200, headers })
    }
  }
}
