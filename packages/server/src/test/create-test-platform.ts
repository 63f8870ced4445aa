import { mkdtempSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAdaptorServer, type HttpBindings } from '@hono/node-server'
import { frozenClock, loadConfig } from '@polis/kernel'
import { listCitizens, seedRegistries } from '@polis/registries'
import { createTestDatabase, openStore, openTestStore } from '@polis/store'
import { Hono } from 'hono'
import { createApp } from '../http/create-app.ts'
import { createIssuer } from '../issuance/create-issuer.ts'
import { createPlatform } from '../platform/create-platform.ts'
import { createVerifier } from '../verification/create-verifier.ts'
import { startRoundRobinProxy } from './round-robin-proxy.ts'
import { startSecondInstance } from './start-second-instance.ts'

/**
 * How many instances a test platform runs, from POLIS_TEST_TOPOLOGY: `one-instance` (the
 * default), or `two-instances`: two instances on one PostgreSQL schema, the second in a
 * worker thread of its own so that they share nothing in memory, each request to the next
 * in turn (behind the round-robin proxy when listening), as two server processes behind a
 * balancer (docs/operations.md, Many processes).
 */
export type TestTopology = 'one-instance' | 'two-instances'

/** The topology this run asks for; an unknown name stops the test with a clear message. */
export function testTopology(value = process.env.POLIS_TEST_TOPOLOGY): TestTopology {
  if (!value || value === 'one-instance') return 'one-instance'
  if (value === 'two-instances') return 'two-instances'
  throw new Error(`POLIS_TEST_TOPOLOGY=${value}: use one-instance or two-instances`)
}

export interface CreateTestPlatformOptions {
  citizens?: number
  /**
   * Also serve the app over HTTP on a loopback port, the public URL being that origin
   * (for flows that need real requests: the DEMO BANK, OpenID Connect between processes).
   */
  listen?: boolean
  /** Further configuration, given the instance's public URL (known only once it listens). */
  env?: (publicUrl: string) => Record<string, string>
  /** The platform's clock; by default frozen at 2026-06-01T10:00:00Z. */
  now?: ReturnType<typeof frozenClock>
  /** How the registers are read: through the exchange in this thread (the default), or `off` (benchmarks' baseline). */
  exchange?: 'in-process' | 'off'
}

/** Starts a Node HTTP server on a free loopback port before the app exists; the app is plugged in later. */
async function listenOnLoopback() {
  let handle: (request: Request, env: HttpBindings) => Response | Promise<Response> = () =>
    new Response(null, { status: 503 })
  const server = createAdaptorServer({ fetch: (request, env) => handle(request, env as HttpBindings) }) as Server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    // Named localhost, not 127.0.0.1: WebAuthn (the wallet's passkey) refuses IP addresses as origins.
    origin: `http://localhost:${port}`,
    port,
    serve: (fetch: typeof handle) => {
      handle = fetch
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The app as the tests call it in-process: `request` and `fetch` (and the routes it declares). */
type TestApp = Pick<ReturnType<typeof createApp>, 'fetch' | 'request' | 'routes'>

/** One app in front of several: each call to the next in turn, as the proxy does over HTTP. */
function inTurn(fetches: Array<(request: Request, env: HttpBindings) => Response | Promise<Response>>): TestApp {
  let next = 0
  const front = new Hono()
  front.all('*', (c) =>
    (fetches[next++ % fetches.length] as (typeof fetches)[number])(c.req.raw, c.env as HttpBindings),
  )
  return front
}

/**
 * An instance on a fresh test store with a small seeded country, a frozen clock and its HTTP
 * app; under the `two-instances` topology (see `testTopology`) a second instance beside it
 * on the same database, in a thread of its own. `platform`, `issuer` and `verifier` are the
 * first's, which the test's own reads and writes go through.
 */
export async function createTestPlatform(options: CreateTestPlatformOptions = {}) {
  const now = options.now ?? frozenClock('2026-06-01T10:00:00Z')
  const exchange = options.exchange ?? 'in-process'
  const two = testTopology() === 'two-instances'
  const database = two ? await createTestDatabase() : undefined
  const store = database ? await openStore(database) : await openTestStore()
  const http = options.listen ? await listenOnLoopback() : undefined
  // Before the instances: its address is their public URL. The second joins once it serves.
  const proxy = two && http ? await startRoundRobinProxy([http.port]) : undefined
  // Named localhost, not 127.0.0.1: WebAuthn (the wallet's passkey) refuses IP addresses as origins.
  const publicUrl = proxy ? `http://localhost:${proxy.port}` : (http?.origin ?? 'https://polis.test')
  const env = {
    POLIS_DATA_DIR: mkdtempSync(join(tmpdir(), 'polis-')),
    POLIS_KEY_ENCRYPTION_KEY: 'c'.repeat(64),
    POLIS_PUBLIC_URL: publicUrl,
    ...options.env?.(publicUrl),
  }
  const config = loadConfig(env)
  const platform = await createPlatform({ config, store, now, exchange })
  await seedRegistries({
    store,
    citizens: options.citizens ?? 60,
    seed: 'test',
    replace: false,
    country: config.POLIS_COUNTRY,
  })
  const issuer = createIssuer(platform)
  const verifier = createVerifier(platform)
  const first = createApp({ platform, issuer, verifier, adminToken: 'operator-token-for-tests' })
  http?.serve(first.fetch)
  // The second starts on the database the first has set up, as a second process would.
  const second = database ? await startSecondInstance({ database, env, now, exchange }) : undefined
  if (second) proxy?.add(second.port)
  const app: TestApp = second ? inTurn([first.fetch, second.fetch]) : first
  const citizens = await listCitizens({ store, limit: 1000, offset: 0, now: now() })
  const holding = (code: string) => {
    const citizen = citizens.find((c) => c.documents.includes(code))
    if (!citizen) throw new Error(`no seeded citizen holds ${code}`)
    return citizen.id
  }
  const close = async () => {
    proxy?.close()
    await http?.close()
    await second?.close()
    // The exchange's servers, then the store.
    await platform.close()
  }
  return { platform, issuer, verifier, app, now, citizens, holding, origin: platform.publicUrl, close }
}
