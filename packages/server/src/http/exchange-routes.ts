import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { PolisError } from '@polis/kernel'
import { exportJWK } from 'jose'
import { centralKeyId, latestConfiguration } from '../exchange/exchange-material.ts'
import type { Platform } from '../platform/create-platform.ts'

const Traffic = z.object({
  messages: z.number(),
  /** The batches the messages travelled in between security servers. */
  batches: z.number(),
  faults: z.number(),
  byCode: z.record(z.string(), z.number()),
  lastFaultAt: z.string().optional(),
})
const ServerStatus = z
  .object({
    owner: z.string(),
    serverCode: z.string(),
    consumer: Traffic,
    provider: Traffic,
    configuration: z.object({
      serial: z.number().optional(),
      expiresAt: z.string().optional(),
      refreshedAt: z.string().optional(),
      lastError: z.string().optional(),
    }),
    /** The federated instances' configurations this server holds (exchange federation). */
    federated: z.array(
      z.object({
        instance: z.string(),
        serial: z.number().optional(),
        expiresAt: z.string().optional(),
        refreshedAt: z.string().optional(),
        lastError: z.string().optional(),
      }),
    ),
    certificateExpiresAt: z.string().optional(),
    openCircuits: z.array(z.object({ server: z.string(), since: z.string() })),
    /** Message ids the provider's door holds against replays: those taken within the last four minutes. */
    rememberedIds: z.number().int(),
    /** Connections from other security servers open at the provider's door now. */
    peerConnections: z.number().int(),
  })
  .openapi('SecurityServerStatus')

/**
 * The exchange over HTTP: the central registry's latest global configuration, as security
 * servers download it (public: it is signed, and says nothing secret), and each security
 * server's status for the operator (traffic and faults per door, configuration and
 * certificate freshness, providers whose circuit is open).
 */
export function registerExchangeRoutes(app: OpenAPIHono, options: { platform: Platform }) {
  const { platform } = options
  app.get('/exchange/globalconf', async (c) => {
    // This process's servers, as they download it.
    const exchange = await platform.exchange?.()
    const signed = await latestConfiguration(platform.store, exchange?.publisher).catch(() => {
      throw new PolisError('ERR_NOT_FOUND', { detail: 'no global configuration published yet' })
    })
    return c.body(signed, 200, { 'content-type': 'application/jose', 'cache-control': 'no-cache' })
  })
  // The central registry's anchor, for another instance's operator to federate with (its fingerprint agreed out of band).
  app.get('/exchange/anchor', async (c) => {
    const publicKey = await exportJWK(await platform.keys.publicCryptoKey(centralKeyId)).catch(() => {
      throw new PolisError('ERR_NOT_FOUND', { detail: 'no central registry yet' })
    })
    return c.json({ instance: platform.config.POLIS_COUNTRY_CODE, publicKey }, 200, { 'cache-control': 'no-cache' })
  })
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/admin/exchange/status',
      summary: 'Each security server of the exchange: traffic, faults, configuration and certificate (operator)',
      security: [{ operator: [] }],
      responses: {
        200: {
          description: 'The servers running, the platform’s first',
          content: {
            'application/json': {
              schema: z.object({ servers: z.array(ServerStatus), stopped: z.array(z.string()) }),
            },
          },
        },
      },
    }),
    async (c) => {
      const exchange = await platform.exchange?.()
      const servers = (await exchange?.status()) ?? []
      const running = new Set(servers.map((s) => s.serverCode))
      const stopped = (exchange?.servers ?? []).filter((code) => !running.has(code))
      // JSON drops what is undefined: the schema's optional fields.
      return c.json(JSON.parse(JSON.stringify({ servers, stopped })), 200)
    },
  )
}
