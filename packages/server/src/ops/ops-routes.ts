import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { Platform } from '../platform/create-platform.ts'
import { checkReadiness } from './check-readiness.ts'
import type { Metrics } from './create-metrics.ts'

export interface RegisterOpsRoutesOptions {
  platform: Platform
  metrics: Metrics
  /** The operator's bearer token check, the same as the operator API's. */
  operatorOnly: MiddlewareHandler
  /** True once the process was told to stop: readiness fails so the balancer sends no more. */
  draining?: () => boolean
  /** How long the database and the exchange get to answer a readiness probe. */
  readinessTimeoutMs?: number
}

/** Paths probed or scraped every few seconds: counted, not logged each time. */
export const opsRoutes: ReadonlySet<string> = new Set(['/health', '/health/live', '/health/ready', '/metrics'])

const Outcome = z.enum(['ok', 'failed', 'timeout'])
const Readiness = z
  .object({
    /** `degraded`: the database cannot be reached; public documents and the apps are still served, nothing is saved. */
    status: z.enum(['ready', 'degraded', 'unavailable']),
    checks: z.object({
      database: Outcome,
      exchange: z.enum(['ok', 'failed', 'timeout', 'off']),
      draining: z.boolean(),
    }),
    stopped: z.array(z.string()),
  })
  .openapi('Readiness')

/** Liveness, readiness and the Prometheus scrape (docs/operations.md). */
export function registerOpsRoutes(app: OpenAPIHono, options: RegisterOpsRoutesOptions) {
  const { platform, metrics } = options
  const draining = options.draining ?? (() => false)
  const timeoutMs = options.readinessTimeoutMs ?? 1000

  app.openapi(
    createRoute({
      method: 'get',
      path: '/health/live',
      summary: 'Liveness: the process answers (nothing else is checked, so a slow database does not get it restarted)',
      responses: {
        200: {
          description: 'Alive',
          content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
        },
      },
    }),
    (c) => c.json({ status: 'ok' as const }, 200, { 'cache-control': 'no-store' }),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/health/ready',
      summary: "Readiness: the database answers in time and the exchange's security servers run",
      responses: {
        200: { description: 'Ready for traffic', content: { 'application/json': { schema: Readiness } } },
        503: {
          description: 'Not ready: the checks say which part',
          content: { 'application/json': { schema: Readiness } },
        },
      },
    }),
    async (c) => {
      const readiness = await checkReadiness({ platform, timeoutMs, draining: draining() })
      const body = {
        status: readiness.ready
          ? ('ready' as const)
          : readiness.checks.database !== 'ok' && !readiness.checks.draining
            ? ('degraded' as const)
            : ('unavailable' as const),
        checks: readiness.checks,
        stopped: readiness.stopped,
      }
      return readiness.ready
        ? c.json(body, 200, { 'cache-control': 'no-store' })
        : c.json(body, 503, { 'cache-control': 'no-store' })
    },
  )

  // Counts by route and the exchange's traffic are for the operator only.
  app.use('/metrics', options.operatorOnly)
  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics of this process (operator)',
      security: [{ operator: [] }],
      responses: {
        200: { description: 'Text exposition format 0.0.4', content: { 'text/plain': { schema: z.string() } } },
      },
    }),
    async (c) =>
      c.text(await metrics.render(), 200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }),
  )
}
