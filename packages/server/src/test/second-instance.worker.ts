/**
 * The second instance of the two-instance test topology, in a thread of its own: its own
 * modules, platform, keys read from the database, exchange servers, caches and app, so
 * that nothing it holds in memory is the first instance's. It opens the test's schema,
 * serves on a loopback port and tells it; it reads the test's frozen clock from shared
 * memory, and closes when told.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parentPort, workerData } from 'node:worker_threads'
import { createAdaptorServer } from '@hono/node-server'
import { loadConfig } from '@polis/kernel'
import { openStore, type TestDatabase } from '@polis/store'
import { createApp } from '../http/create-app.ts'
import { createIssuer } from '../issuance/create-issuer.ts'
import { createPlatform } from '../platform/create-platform.ts'
import { createVerifier } from '../verification/create-verifier.ts'

/** What the first instance hands over: only data, nothing of its memory but the clock's one cell. */
export interface SecondInstanceData {
  database: TestDatabase
  env: Record<string, string>
  /** The test's clock in milliseconds since the epoch, in one shared cell. */
  clock: SharedArrayBuffer
  exchange: 'in-process' | 'off'
}

const data = workerData as SecondInstanceData
const port = parentPort as NonNullable<typeof parentPort>
const cell = new BigInt64Array(data.clock)
const now = () => new Date(Number(Atomics.load(cell, 0)))
try {
  const config = loadConfig(data.env)
  const store = await openStore(data.database)
  const platform = await createPlatform({ config, store, now, exchange: data.exchange })
  const app = createApp({
    platform,
    issuer: createIssuer(platform),
    verifier: createVerifier(platform),
    adminToken: 'operator-token-for-tests',
  })
  const server = createAdaptorServer({ fetch: app.fetch }) as Server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port.on('message', async (message) => {
    if (message !== 'close') return
    try {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await platform.close()
    } finally {
      port.postMessage({ closed: true })
    }
  })
  port.postMessage({ port: (server.address() as AddressInfo).port })
} catch (error) {
  port.postMessage({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) })
}
