import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Platform } from '../platform/create-platform.ts'
import {
  askDeletion,
  type DeletionRequest,
  listCitizenDeletions,
  RequestId,
  reportDeletion,
  SharedClaims,
} from '../sharing/deletion-requests.ts'
import { deviceAuthenticator } from './device-auth.ts'
import { countAttempt } from './rate-limit.ts'

const noStore = { 'cache-control': 'no-store' }
const device = [{ device: [] }]
const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
const errors = (statuses: Array<400 | 401 | 404 | 409 | 429>) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Error (docs/errors.md)', content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  )

const WalletDeletionRequest = z
  .object({
    id: z.string(),
    request_id: z.string().openapi({ description: 'The verifier request the data was shared in' }),
    state: z.enum(['asked', 'done', 'refused']),
    asked_at: z.string(),
    answered_at: z.string().nullable(),
    reason: z.string().nullable().openapi({ description: 'The business’s reason for refusing, or its note' }),
    reported_at: z.string().nullable(),
  })
  .openapi('WalletDeletionRequest')

const toWire = (d: DeletionRequest) => ({
  id: d.id,
  request_id: d.requestId,
  state: d.state,
  asked_at: d.askedAt,
  answered_at: d.answeredAt ?? null,
  reason: d.answerReason ?? null,
  reported_at: d.reportedAt ?? null,
})

/**
 * Deletion requests from the wallet: the citizen (the device's) asks a business to erase
 * what it received in one share, sees how the business answered, and may report it to
 * the data-protection authority. Ten changes an hour per citizen.
 */
export function registerWalletDeletionRoutes(
  app: OpenAPIHono,
  options: { platform: Platform; log: (line: Record<string, unknown>) => void },
): void {
  const { platform } = options
  const authenticate = deviceAuthenticator(platform)
  const limit = (c: Context, citizenId: string) =>
    countAttempt(c, {
      store: platform.store,
      now: platform.now,
      name: 'deletion-request',
      limit: 10,
      windowSeconds: 3600,
      log: options.log,
      subject: citizenId,
    })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/deletion-requests',
      summary: 'Ask a business to erase what it received in a share; sent to its data-protection contact',
      security: device,
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({ request_id: RequestId, claims: SharedClaims }),
            },
          },
        },
      },
      responses: {
        201: { description: 'Asked', content: { 'application/json': { schema: WalletDeletionRequest } } },
        ...errors([400, 401, 404, 429]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      await limit(c, me.citizenId)
      const asked = await askDeletion(platform, { citizenId: me.citizenId, input: c.req.valid('json') })
      return c.json(toWire(asked), 201, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/deletion-requests',
      summary: 'The citizen’s deletion requests and how each business answered',
      security: device,
      responses: {
        200: {
          description: 'Newest first',
          content: { 'application/json': { schema: z.object({ requests: z.array(WalletDeletionRequest) }) } },
        },
        ...errors([401]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const all = await listCitizenDeletions(platform, me.citizenId)
      return c.json({ requests: all.map(toWire) }, 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/deletion-requests/{id}/report',
      summary: 'Report a deletion request to the data-protection authority',
      security: device,
      request: {
        params: z.object({ id: z.string().max(64) }),
        body: { content: { 'application/json': { schema: z.object({ text: z.string().max(2000) }) } } },
      },
      responses: {
        200: { description: 'Reported', content: { 'application/json': { schema: WalletDeletionRequest } } },
        ...errors([400, 401, 404, 409, 429]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      await limit(c, me.citizenId)
      const reported = await reportDeletion(platform, {
        citizenId: me.citizenId,
        id: c.req.valid('param').id,
        text: c.req.valid('json').text,
      })
      return c.json(toWire(reported), 200, noStore)
    },
  )
}
