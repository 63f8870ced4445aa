import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { PolisError } from '@polis/kernel'
import { listCitizens, seedLegalEntities, seedRegistries } from '@polis/registries'
import { startAccessLogging } from '../data-tracker/log-accesses.ts'
import { createApp } from '../http/create-app.ts'
import { createIssuer } from '../issuance/create-issuer.ts'
import { startTransparencyLogging } from '../log/start-transparency-logging.ts'
import { startOutbox } from '../mail/outbox.ts'
import { createJsonLog } from '../ops/create-json-log.ts'
import { drainServer } from '../ops/drain-server.ts'
import { sampleEventLoopLag } from '../ops/load-shedding.ts'
import { serverTimeouts } from '../ops/server-timeouts.ts'
import { createPlatform } from '../platform/create-platform.ts'
import { startHousekeeping } from '../platform/housekeeping.ts'
import { servesDemoBank } from '../platform/load-identity-providers.ts'
import { startRegistryEvents } from '../services/registry-events-loop.ts'
import { createVerifier } from '../verification/create-verifier.ts'
import { startWebhooks } from '../verifier-api/webhooks.ts'
import type { Command } from './command.ts'
import { openPlatformLog } from './open-platform-log.ts'
import { colour, progressBar } from './terminal.ts'

const demoCitizens = 1000
const demoSeed = 'polis-demo'
/** How long requests in flight get to finish once the process is told to stop (docs/operations.md). */
const drainMs = 10_000

export const serveCommand: Command = {
  summary: 'Serve the instance over HTTP, seeding the demo country when the registries are empty',
  usage: 'polis serve   (PORT, HOST, POLIS_DATA_DIR, DATABASE_URL, POLIS_PUBLIC_URL from the environment)',
  async run({ config }) {
    const platform = await createPlatform({ config, exchange: config.POLIS_EXCHANGE })
    if ((await listCitizens({ store: platform.store, limit: 1, offset: 0 })).length === 0) {
      console.log(`Empty registries: seeding the demo country with ${demoCitizens} synthetic citizens…`)
      await seedRegistries({
        store: platform.store,
        citizens: demoCitizens,
        seed: demoSeed,
        replace: false,
        country: config.POLIS_COUNTRY,
        onProgress: progressBar('citizens'),
      })
    } else {
      // A country seeded before its business register named representatives gets them now (once).
      await seedLegalEntities(platform.store)
    }
    const log = createJsonLog({ write: (line) => console.error(line), now: () => new Date() })
    let draining = false
    // The registers' security servers, before the first request reads through them.
    const exchange = await platform.exchange?.()
    const lag = sampleEventLoopLag()
    const app = createApp({
      platform,
      issuer: createIssuer(platform),
      verifier: createVerifier(platform),
      adminToken: config.POLIS_ADMIN_TOKEN,
      log,
      draining: () => draining,
      ...(config.POLIS_SHED_LAG_MS > 0
        ? { loadShedding: { lagMs: lag.current, maxLagMs: config.POLIS_SHED_LAG_MS } }
        : {}),
    })
    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions: serverTimeouts })
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', (error: NodeJS.ErrnoException) => {
        platform.close().catch(() => {})
        reject(
          error.code === 'EADDRINUSE' || error.code === 'EACCES'
            ? new PolisError('ERR_CONFIG_INVALID', {
                detail: `cannot listen on ${config.HOST}:${config.PORT} (${error.code}); set PORT to a free port`,
              })
            : error,
        )
      })
    })
    const url = platform.publicUrl
    const bank = servesDemoBank(platform)
      ? `\n  DEMO BANK (not real) ${url}/demo-bank/.well-known/openid-configuration`
      : ''
    console.log(`
${colour.bold(`Polis — ${config.POLIS_COUNTRY_NAME}`)} is running on ${platform.store.engine === 'sqlite' ? `SQLite in ${config.POLIS_DATA_DIR}` : 'PostgreSQL'}

  Portal               ${colour.cyan(`${url}/`)}
  Wallet               ${colour.cyan(`${url}/wallet/`)}
  Verifier             ${colour.cyan(`${url}/verify/`)}
  Polis ID             ${url}/id/.well-known/openid-configuration
  Signatures           ${url}/signatures/
  Platform endpoints   ${url}/platform
  Health               ${url}/health/ready  (live: /health/live; metrics for the operator: /metrics)
  Issuer metadata      ${url}/.well-known/openid-credential-issuer
  Trust list           ${url}/trust/list  (readable: ${url}/trust/list.json)
  Trust anchor         ${url}/trust/anchor.pem
  OpenAPI              ${url}/openapi.json
  Exchange             ${exchange?.servers.length ?? 0} security servers (${config.POLIS_EXCHANGE}); configuration ${url}/exchange/globalconf${bank}

Try: npx polis citizens   ·   npx polis issue --citizen ID --type id-card
Press Ctrl+C to stop.`)
    const stopHousekeeping = startHousekeeping(platform, log)
    const stopOutbox = startOutbox(platform, log)
    const stopWebhooks = startWebhooks(platform, log)
    const stopRegistryEvents = startRegistryEvents(platform, log)
    const stopAccessLogging = startAccessLogging(platform, () => openPlatformLog(platform), log)
    // Documents issued, status changes and officials' actions into the log, and a checkpoint when one is due.
    const stopTransparencyLogging = startTransparencyLogging(platform, () => openPlatformLog(platform), log)
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        // One drain, whichever signal came first; a second SIGINT (no listener left) stops at once.
        if (draining) return
        // Readiness fails from now on, so a balancer sends no more; requests in flight finish.
        draining = true
        log({ level: 'info', event: 'stopping', signal })
        stopHousekeeping()
        stopOutbox()
        stopWebhooks()
        stopRegistryEvents()
        stopAccessLogging()
        const logStopped = stopTransparencyLogging()
        // serve() made a node:http server: no HTTP/2 options are given to it.
        void drainServer(server as Server, { timeoutMs: drainMs }).then(async (inTime) => {
          if (!inTime) log({ level: 'warn', event: 'requests_cut', afterMs: drainMs })
          await logStopped
          resolve()
        })
      }
      process.once('SIGINT', () => stop('SIGINT'))
      process.once('SIGTERM', () => stop('SIGTERM'))
    })
    // The exchange's security servers, then the store, once no request needs them.
    await platform.close()
    lag.stop()
    log({ level: 'info', event: 'stopped' })
    return 0
  },
}
