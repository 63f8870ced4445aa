/**
 * One security server in a worker thread of its own: it opens the database with a small
 * pool, unseals its keys, builds its server and listens on the ports the configuration
 * names; it answers its status when asked and closes when told.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { loadConfig } from '@polis/kernel'
import { createAccessLog } from '@polis/registries'
import { openLiveCatalogue } from '@polis/services'
import { createDatabaseKeyStore, openStore } from '@polis/store'
import { loadKeyEncryptionKey } from '../platform/load-key-encryption-key.ts'
import { buildSecurityServer, exchangeRecorder } from './build-security-server.ts'
import type { ExchangeMaterial } from './exchange-material.ts'
import { platformOperator, serverPlans } from './exchange-members.ts'

const data = workerData as {
  code: string
  ports: { consumer: number; provider: number }
  env: Record<string, string>
  hosts: string[]
  publisher: string
  clockOffsetMs: number
  /** What the platform made or read at start: a worker never makes keys or certificates of its own. */
  material: ExchangeMaterial
}
const port = parentPort as NonNullable<typeof parentPort>
const now = () => new Date(Date.now() + data.clockOffsetMs)
const config = loadConfig(data.env)
const store = await openStore({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.POLIS_DATA_DIR,
  migrate: false,
  poolSize: 4,
})
const keys = await createDatabaseKeyStore({
  db: store.db,
  kek: loadKeyEncryptionKey(config, () => {}),
  now,
})
const services = await openLiveCatalogue({ store })
const plan = serverPlans().find((p) => p.code === data.code)
if (!plan) throw new Error(`no security server ${data.code}`)
const built = await buildSecurityServer({
  store,
  keys,
  plan,
  material: data.material,
  publisher: data.publisher,
  now,
  definitions: () => {
    void services.poll()
    return services.definitions
  },
  accessLog: createAccessLog(store),
  recorder: exchangeRecorder(store),
  ...(plan.owner === platformOperator ? { hosts: data.hosts } : {}),
})
port.postMessage({ ready: await built.server.listen(data.ports) })
port.on('message', async (message: { status?: number; refresh?: number; close?: true }) => {
  if (message.status !== undefined) port.postMessage({ answer: message.status, status: built.server.status() })
  if (message.refresh !== undefined) {
    await built.refresh()
    port.postMessage({ answer: message.refresh })
  }
  if (message.close) {
    built.stop()
    await built.server.close()
    await store.close()
    port.close()
  }
})
