/**
 * One of the exchange bench's servers, in a worker thread of its own, as `polis serve`
 * runs each security server:
 * - `provider`: the migration service's security server with the population register
 *   behind it as Polis serves it (records read from an embedded database of a small
 *   seeded country, each read written to the access log first), and the same register
 *   served directly over plain HTTP for the baseline;
 * - `consumer`: social protection's security server, whose door the bench calls.
 * Mutual TLS between them, every message signed both ways and recorded by both servers
 * as `polis serve` records it (a row in `exchange_records` written before the message goes
 * on, each server's thread into its own embedded database). The setup (CA, certificates,
 * keys, the signed configuration naming the ports) comes from the bench.
 */
import { createPrivateKey } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import {
  createGlobalConfigurationClient,
  createSecurityServer,
  type ProvidedService,
  type ServerTls,
} from '@polis/exchange'
import { openStore } from '@polis/store'
import type { JWK } from 'jose'
import { exchangeRecorder } from '../packages/server/src/exchange/build-security-server.ts'
import { populationRecords, populationRegister } from './population-register.ts'

export interface ServerSetup {
  role: 'provider' | 'consumer'
  tls: ServerTls
  /** The member's private signing key (JWK). */
  signingKey: JWK
  signedConfiguration: string
  central: JWK
  ports: { consumer: number; provider: number }
}

const setup = workerData as ServerSetup
const now = () => new Date()
const port = parentPort as NonNullable<typeof parentPort>
const configuration = createGlobalConfigurationClient({
  anchor: { instance: 'UA', publicKey: setup.central },
  download: async () => setup.signedConfiguration,
  now,
})
await configuration.refresh()

let closeMore = async () => {}
let ready: Record<string, unknown> = {}
let services: Record<string, ProvidedService> = {}
// The provider's register and records share its database; the consumer's server has one for its records.
const store = await openStore({ dataDir: ':memory:' })
if (setup.role === 'provider') {
  const population = await populationRegister(store, now)
  services = { 'population/records': population.register }
  ready = { direct: population.directPort, citizens: population.citizens }
  closeMore = async () => {
    population.direct.close()
  }
}
const server = createSecurityServer({
  owner: {
    instance: 'UA',
    memberClass: 'GOV',
    memberCode: setup.role === 'provider' ? '00015622' : '00032684',
  },
  serverCode: setup.role === 'provider' ? 'ss-migration' : 'ss-social',
  tls: setup.tls,
  // As a security server holds it: a node:crypto key, its fastest signing path.
  signingKey: createPrivateKey({ key: setup.signingKey as never, format: 'jwk' }),
  configuration,
  services,
  rights: [
    {
      service: populationRecords,
      endpoint: { method: 'GET', path: '/persons/{citizenId}/records' },
      to: { client: 'UA/GOV/00032684/benefits' },
    },
  ],
  record: exchangeRecorder(store)(`GOV/${setup.role}`),
  now,
})
const ports = await server.listen(setup.ports)
port.postMessage({ ready: { ...ready, consumer: ports.consumer } })
port.on('message', async (message: { close?: true; records?: true; traffic?: true; cpu?: true }) => {
  if (message.records) {
    // The rows this server's records left, against the messages it handled (each side counts its own).
    const row = await store.db
      .selectFrom('exchange_records')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    const status = server.status()
    port.postMessage({
      records: { rows: Number(row.count), messages: status[setup.role].messages },
    })
  }
  if (message.traffic) port.postMessage({ traffic: server.status().provider })
  if (message.cpu) {
    // This thread's CPU so far, in microseconds: the server's share of a round trip.
    const { user, system } = process.threadCpuUsage()
    port.postMessage({ cpu: user + system })
  }
  if (message.close) {
    await server.close()
    await closeMore()
    await store.close()
    port.postMessage({ closed: true })
    port.close()
  }
})
