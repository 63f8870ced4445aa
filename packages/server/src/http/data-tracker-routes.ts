import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { PolisError } from '@polis/kernel'
import { openPlatformLog, type PlatformLog } from '../cli/open-platform-log.ts'
import { readDataTracker, trackerFilterOf } from '../data-tracker/data-tracker.ts'
import { accessProof } from '../data-tracker/log-accesses.ts'
import type { Platform } from '../platform/create-platform.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'
import { deviceAuthenticator } from './device-auth.ts'

const Text3 = z.object({ uk: z.string(), en: z.string(), et: z.string() })
const Access = z
  .object({
    id: z.string(),
    at: z.string(),
    registry: z.string(),
    kinds: z.array(z.string()),
    records: z.number(),
    purpose: z.string(),
    who: Text3,
    reader: z.string().nullable().openapi({ description: 'The system that read, as the exchange names it' }),
    system: Text3.nullable(),
    why: Text3,
    flagged: z.boolean(),
    logIndex: z.number().nullable(),
  })
  .openapi('DataAccess')
const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })

/**
 * The citizen's Data Tracker for the wallet: every read of their data in the registers,
 * newest first, who read it and why, filtered by period, register and the flagged.
 */
export function registerDataTrackerRoutes(app: OpenAPIHono, options: { platform: Platform; engine: ServiceEngine }) {
  const { platform, engine } = options
  const authenticate = deviceAuthenticator(platform)
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/data-tracker',
      summary: 'Who read the citizen’s data in the registers, when, which data and why (newest first, at most 500)',
      security: [{ device: [] }],
      request: {
        query: z.object({
          from: z.string().max(10).optional().openapi({ description: 'A day, YYYY-MM-DD' }),
          to: z.string().max(10).optional().openapi({ description: 'A day, YYYY-MM-DD' }),
          registry: z.string().max(40).optional(),
          flagged: z.enum(['yes', 'no']).optional(),
        }),
      },
      responses: {
        200: {
          description: 'The reads',
          content: { 'application/json': { schema: z.object({ accesses: z.array(Access) }) } },
        },
        400: { description: 'A filter that is not one', content: { 'application/json': { schema: ErrorResponse } } },
        401: { description: 'Not a wallet device', content: { 'application/json': { schema: ErrorResponse } } },
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const accesses = await readDataTracker(platform.store, {
        citizenId: me.citizenId,
        filter: trackerFilterOf(c.req.valid('query')),
        serviceOf: (code) => engine.catalogue.find((d) => d.code === code),
      })
      return c.json({ accesses }, 200, { 'cache-control': 'no-store' })
    },
  )

  let platformLog: Promise<PlatformLog> | undefined
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/data-tracker/{id}/proof',
      summary:
        'A read of the citizen’s data as its transparency-log entry with its inclusion proof (c2sp.org/tlog-proof), ' +
        'for `polis log verify` with the key at /log/key',
      security: [{ device: [] }],
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: {
          description: 'The entry and its proof',
          content: {
            'application/json': { schema: z.object({ entry: z.record(z.string(), z.unknown()), proof: z.string() }) },
          },
        },
        401: { description: 'Not a wallet device', content: { 'application/json': { schema: ErrorResponse } } },
        404: {
          description: 'Not a read of this citizen, or not in the log yet',
          content: { 'application/json': { schema: ErrorResponse } },
        },
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      platformLog ??= openPlatformLog(platform)
      const proof = await accessProof(platform, await platformLog, {
        citizenId: me.citizenId,
        id: c.req.valid('param').id,
      })
      if (!proof) throw new PolisError('ERR_NOT_FOUND')
      return c.json({ entry: { ...proof.entry } as Record<string, unknown>, proof: proof.proof }, 200, {
        'cache-control': 'no-store',
      })
    },
  )
}
