import type { HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { createDemoBank, type DemoBank, demoBankPath, type VerifierApiClient } from '@polis/demo-bank'
import { PolisError } from '@polis/kernel'
import type { Context } from 'hono'
import { createApiKey } from '../business/businesses.ts'
import type { Platform } from '../platform/create-platform.ts'
import { servesDemoBank } from '../platform/load-identity-providers.ts'
import { setSecurityHeaders } from './security-headers.ts'

export interface DemoBankRoutesOptions {
  platform: Platform
  log: (line: Record<string, unknown>) => void
}

/** The DEMO BANK's register number: a legal entity of the seeded business register. */
const demoBankRegisterNumber = '40000017'
const apiKeyLabel = 'demo-bank.api-key'

/**
 * The bank's API key for the verifier API, once an operator has registered and an
 * approver approved it as any business (`polis businesses add --register-number 40000017`):
 * made on first use and kept sealed in `meta`, the first written winning between processes.
 */
async function findDemoBankApiKey(platform: Platform): Promise<string | undefined> {
  const { db } = platform.store
  const stored = async () => {
    const row = await db.selectFrom('meta').select('value').where('key', '=', apiKeyLabel).executeTakeFirst()
    return row ? platform.keys.unseal(row.value, apiKeyLabel) : undefined
  }
  const known = await stored()
  if (known) return known
  const business = await db
    .selectFrom('businesses')
    .select(['id', 'status'])
    .where('register_number', '=', demoBankRegisterNumber)
    .executeTakeFirst()
  if (business?.status !== 'approved') return undefined
  const key = await createApiKey(platform, business.id)
  await db
    .insertInto('meta')
    .values({ key: apiKeyLabel, value: platform.keys.seal(key, apiKeyLabel) })
    .onConflict((c) => c.column('key').doNothing())
    .execute()
  return stored()
}

/**
 * Mounts the DEMO BANK under `/demo-bank` when this instance serves it. oidc-provider is
 * a Koa app that writes to Node's response itself, so the route hands it the request
 * and response from @hono/node-server and then tells the adapter that the response is
 * already sent (Hono writes nothing more). The bank is built on its first request.
 */
export function registerDemoBank(app: OpenAPIHono, options: DemoBankRoutesOptions): void {
  const { platform } = options
  if (!servesDemoBank(platform)) return
  let bank: Promise<DemoBank> | undefined
  const load = () => {
    bank ??= createDemoBank({
      store: platform.store,
      sealer: platform.keys,
      publicUrl: platform.publicUrl,
      redirectUri: `${platform.publicUrl}/api/wallet/enrol/callback`,
      clientSecret: platform.config.POLIS_DEMO_BANK_CLIENT_SECRET,
      now: platform.now,
      log: options.log,
      verifierApi: async (): Promise<VerifierApiClient | undefined> => {
        const apiKey = await findDemoBankApiKey(platform)
        if (!apiKey) return undefined
        return { polisUrl: platform.publicUrl, apiKey, fetch: async (input, init) => app.request(input, init) }
      },
    }).catch((error: unknown) => {
      bank = undefined
      throw error
    })
    return bank
  }
  const handler = async (c: Context) => {
    const { incoming, outgoing } = (c.env ?? {}) as Partial<HttpBindings>
    // Only a Node HTTP server has a request to hand over (not `app.request` in tests).
    if (!incoming || !outgoing) throw new PolisError('ERR_NOT_FOUND', { detail: 'the DEMO BANK needs the Node server' })
    setSecurityHeaders(outgoing, { https: platform.publicUrl.startsWith('https:') })
    await (await load()).handle(incoming, outgoing)
    // The adapter's own marker: a Response built here would be written again over the sent one.
    return RESPONSE_ALREADY_SENT
  }
  app.all(demoBankPath, handler)
  app.all(`${demoBankPath}/*`, handler)
}
