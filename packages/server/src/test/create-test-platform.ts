import { mkdtempSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAdaptorServer, type HttpBindings } from '@hono/node-server'
import { frozenClock, loadConfig } from '@polis/kernel'
import { listCitizens, seedRegistries } from '@polis/registries'
import { openTestStore } from '@polis/store'
import { createApp } from '../http/create-app.ts'
import { createIssuer } from '../issuance/create-issuer.ts'
import { createPlatform } from '../platform/create-platform.ts'
import { createVerifier } from '../verification/create-verifier.ts'

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
  return {
    // Named localhost, not 127.0.0.1: WebAuthn (the wallet's passkey) refuses IP addresses as origins.
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
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

/** An instance on a fresh test store with a small seeded country, a frozen clock and its HTTP app. */
export async function createTestPlatform(options: CreateTestPlatformOptions = {}) {
  const now = options.now ?? frozenClock('2026-06-01T10:00:00Z')
  const store = await openTestStore()
  const http = options.listen ? await listenOnLoopback() : undefined
  const publicUrl = http?.origin ?? 'https://polis.test'
  const config = loadConfig({
    POLIS_DATA_DIR: mkdtempSync(join(tmpdir(), 'polis-')),
    POLIS_KEY_ENCRYPTION_KEY: 'c'.repeat(64),
    POLIS_PUBLIC_URL: publicUrl,
    ...options.env?.(publicUrl),
  })
  const platform = await createPlatform({ config, store, now, exchange: options.exchange ?? 'in-process' })
  await seedRegistries({
    store,
    citizens: options.citizens ?? 60,
    seed: 'test',
    replace: false,
    country: config.POLIS_COUNTRY,
  })
  const issuer = createIssuer(platform)
  const verifier = createVerifier(platform)
  const app = createApp({ platform, issuer, verifier, adminToken: 'operator-token-for-tests' })
  http?.serve(app.fetch)
  const citizens = await listCitizens({ store, limit: 1000, offset: 0, now: now() })
  const holding = (code: string) => {
    const citizen = citizens.find((c) => c.documents.includes(code))
    if (!citizen) throw new Error(`no seeded citizen holds ${code}`)
    return citizen.id
  }
  const close = async () => {
    await http?.close()
    // The exchange's servers, then the store.
    await platform.close()
  }
  return { platform, issuer, verifier, app, now, citizens, holding, origin: platform.publicUrl, close }
}
