import { randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import type { Context, MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { routePath } from 'hono/route'
import type { Metrics } from './create-metrics.ts'

export type Log = (line: Record<string, unknown>) => void

export interface ObserveRequestsOptions {
  metrics: Metrics
  log: Log
  /** Routes answered too often to log each time (probes, scrapes); still counted. */
  quiet?: ReadonlySet<string>
}

const requestIds = new WeakMap<Request, string>()
const unmatchedRequests = new WeakSet<Request>()

/** Marks a request that no route answered, from the app's not-found handler. */
export function markUnmatched(c: Context): void {
  unmatchedRequests.add(c.req.raw)
}

/** The id this process gave the request, also sent back as `x-request-id`. */
export function requestIdOf(c: Context): string | undefined {
  return requestIds.get(c.req.raw)
}

/**
 * The route template that answered (`/api/wallet/devices/:id`), not the path: paths carry
 * ids, and label values must stay few. Middleware that refused a request names its pattern;
 * a request no route answered is `unmatched`.
 */
export function routeOf(c: Context): string {
  return unmatchedRequests.has(c.req.raw) ? 'unmatched' : routePath(c)
}

/**
 * Times each request into the latency histogram and writes one log line for it: method,
 * route template, status, milliseconds and a request id of this process's own making.
 * Never the path, the query, a header or a body: those carry citizens' ids and tokens.
 */
export function observeRequests(options: ObserveRequestsOptions): MiddlewareHandler {
  const { metrics, log } = options
  const quiet = options.quiet ?? new Set<string>()
  return async (c, next) => {
    const started = performance.now()
    // The caller's own id is not taken: it could carry anything into the log.
    const requestId = randomUUID()
    requestIds.set(c.req.raw, requestId)
    c.header('x-request-id', requestId)
    let status = 500
    try {
      await next()
      status = c.res.status
    } finally {
      const seconds = (performance.now() - started) / 1000
      const route = routeOf(c)
      metrics.observeRequest({ method: c.req.method, route, status, seconds })
      // What the app's error handler answered, by code: a wave of one code is the first sign of most trouble.
      const error = c.error
      if (error) {
        metrics.countError(
          error instanceof PolisError
            ? error.code
            : error instanceof HTTPException
              ? `http_${error.status}`
              : 'ERR_INTERNAL',
        )
      }
      if (!quiet.has(route)) {
        log({
          level: status >= 500 ? 'error' : 'info',
          event: 'request',
          requestId,
          method: c.req.method,
          route,
          status,
          ms: Math.round(seconds * 10_000) / 10,
        })
      }
    }
  }
}
