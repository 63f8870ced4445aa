import { PolisError } from '@polis/kernel'
import type { MiddlewareHandler } from 'hono'

export interface EventLoopLag {
  /** The event loop's lag over the last sampling interval, in milliseconds. */
  current: () => number
  stop: () => void
}

/**
 * Samples the event loop's lag as a timer's drift: a timer due every interval measures how
 * late it ran, and that lateness is the reading until the next one. Timers run first in the
 * loop after a long block, so requests that queued during the block already see the lag it
 * caused. (Node's delay histogram was tried first: on Node 24 it records no long delay for a
 * block of the loop, as measured, so it would never shed.)
 */
export function sampleEventLoopLag(options: { intervalMs?: number } = {}): EventLoopLag {
  const intervalMs = options.intervalMs ?? 100
  let lagMs = 0
  let due = performance.now() + intervalMs
  let timer: NodeJS.Timeout
  const tick = () => {
    const now = performance.now()
    lagMs = Math.max(0, now - due)
    due = now + intervalMs
    timer = setTimeout(tick, intervalMs).unref()
  }
  timer = setTimeout(tick, intervalMs).unref()
  return {
    current: () => lagMs,
    stop: () => clearTimeout(timer),
  }
}

export interface ShedLoadOptions {
  /** The current lag in milliseconds: read once per request, so it must be a number already at hand. */
  lagMs: () => number
  /** Above this lag new requests are refused. */
  maxLagMs: number
  /** What the refusal's Retry-After says. */
  retryAfterSeconds?: number
  /** Paths never refused: liveness, so a busy process is not restarted, and the operator's scrape. */
  exempt?: ReadonlySet<string>
}

/** Paths a lagging process still answers. */
export const neverShed: ReadonlySet<string> = new Set(['/health/live', '/metrics'])

/**
 * Answers new requests with ERR_OVERLOADED (503) and Retry-After while the event loop lags
 * past the limit, before any body is read or the database asked, so a process under a flood
 * answers at once instead of queueing work until every caller times out.
 */
export function shedLoad(options: ShedLoadOptions): MiddlewareHandler {
  const exempt = options.exempt ?? neverShed
  const retryAfter = String(options.retryAfterSeconds ?? 2)
  return async (c, next) => {
    if (options.lagMs() > options.maxLagMs && !exempt.has(c.req.path)) {
      c.header('retry-after', retryAfter)
      throw new PolisError('ERR_OVERLOADED')
    }
    await next()
  }
}
