import type { HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { createDemoBank, type DemoBank, demoBankPath } from '@polis/demo-bank'
import { PolisError } from '@polis/kernel'
import type { Context } from 'hono'
import type { Platform } from '../platform/create-platform.ts'
import { servesDemoBank } from '../platform/load-identity-providers.ts'

export interface DemoBankRoutesOptions {
  platform: Platform
  log: (line: Record<string, unknown>) => void
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
    await (await load()).handle(incoming, outgoing)
    // The adapter's own marker: a Response built here would be written again over the sent one.
    return RESPONSE_ALREADY_SENT
  }
  app.all(demoBankPath, handler)
  app.all(`${demoBankPath}/*`, handler)
}
