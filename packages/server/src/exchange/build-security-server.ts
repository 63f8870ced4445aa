/**
 * One security server of the demo country, as it runs in a worker of its own or in the
 * platform's process: its TLS identity and member's key from the database, its copy of
 * the global configuration (downloaded from the central registry's table, refreshed every
 * minute, kept while that fails), the registers it serves with their rights, and every
 * message recorded for the transparency log.
 */

import { X509Certificate } from 'node:crypto'
import {
  type AccessRight,
  createGlobalConfigurationClient,
  createSecurityServer,
  type ExchangeRecord,
  type SecurityServer,
} from '@polis/exchange'
import type { Clock } from '@polis/kernel'
import {
  type AccessLog,
  batchedWriter,
  createLocalRegistryChecker,
  createLocalRegistryClient,
  createLocalRegistryWriter,
  recordKinds,
} from '@polis/registries'
import type { ServiceDefinition } from '@polis/services'
import { type DatabaseKeyStore, rowsInserter, type Store, timeOrderedId } from '@polis/store'
import { storeRefusal } from '../ops/degraded-mode.ts'
import { federatedConfigurations, federatedRights } from './exchange-federations.ts'
import { type ExchangeMaterial, latestConfiguration, memberKeyId } from './exchange-material.ts'
import { rightsFor, type ServerPlan, taxpayersService } from './exchange-members.ts'
import { registryService, taxpayerService } from './registry-service.ts'

export interface BuildSecurityServerOptions {
  store: Store
  keys: DatabaseKeyStore
  plan: ServerPlan
  material: ExchangeMaterial
  /** The publisher whose configurations this server follows: the process that started it. */
  publisher: string
  now: Clock
  /** The live services' definitions: the rights follow what they read. */
  definitions: () => readonly ServiceDefinition[]
  accessLog: AccessLog
  /** The recorder of this thread's servers (`exchangeRecorder`). */
  recorder: ReturnType<typeof exchangeRecorder>
  /** Members whose clients this server hosts (the platform's: every reading system's agency). */
  hosts?: string[]
  /** How long to wait for a provider or a backend (ms). */
  timeout?: number
}

/**
 * Where the messages the servers of this thread handle are kept until the loop appends
 * them to the transparency log: one batched writer for them all, so the two sides of a
 * call (and the calls of one moment) share one insert. Answers a recorder per server.
 */
export function exchangeRecorder(store: Store) {
  const insert = rowsInserter(store.db, 'exchange_records')
  const write = batchedWriter<ExchangeRecord & { server: string }>(async (records) => {
    const rows = records.map((r) => ({
      id: timeOrderedId(Date.parse(r.at)),
      side: r.side,
      server: r.server,
      message_id: r.id,
      client: r.client,
      service: r.service,
      issue: r.issue ?? null,
      request_hash: r.requestHash,
      status: r.status,
      fault: r.fault ?? null,
      at: r.at,
      log_index: null,
    }))
    // A message that cannot be recorded is not carried; a database out of reach is said as such.
    await insert(rows).catch((error: unknown) => {
      throw storeRefusal(error) ?? error
    })
  })
  return (server: string) => (record: ExchangeRecord) => write({ ...record, server })
}

export async function buildSecurityServer(
  options: BuildSecurityServerOptions,
): Promise<{ server: SecurityServer; refresh(): Promise<unknown>; stop(): void }> {
  const { store, keys, plan, material, now } = options
  const configuration = createGlobalConfigurationClient({
    anchor: { instance: material.instance, publicKey: material.centralJwk },
    download: () => latestConfiguration(store, options.publisher),
    now,
  })
  const first = await configuration.refresh()
  if (!first.kept) throw new Error(`${plan.code}: no usable global configuration (${first.error})`)
  // The federated instances' configurations, kept by the platform in the store, and the rights granted to their clients.
  const federated = federatedConfigurations(store, now)
  let foreignRights: AccessRight[] = []
  const refreshFederation = async () => {
    await federated.refresh()
    foreignRights = await federatedRights(store, material.instance)
  }
  await refreshFederation()
  const refreshAll = async () => {
    await Promise.all([configuration.refresh(), refreshFederation().catch(() => {})])
    server.refreshTrust()
  }
  const refresher = setInterval(() => void refreshAll().catch(() => {}), 60_000)
  refresher.unref()
  const memberKeys: Record<string, Awaited<ReturnType<DatabaseKeyStore['privateKeyObject']>>> = {}
  for (const member of options.hosts ?? []) {
    memberKeys[`${material.instance}/GOV/${member}`] = await keys.privateKeyObject(memberKeyId(member))
  }
  // The rights follow the live services; worked out again only when they change.
  let rightsFrom: readonly ServiceDefinition[] | undefined
  let rights: AccessRight[] = []
  // The same list while nothing changed: the provider indexes a list once.
  let joined: { own: AccessRight[]; foreign: AccessRight[]; all: AccessRight[] } | undefined
  const currentRights = () => {
    const definitions = options.definitions()
    if (definitions !== rightsFrom) {
      rights = rightsFor(material.instance, plan.registries, definitions)
      rightsFrom = definitions
    }
    if (foreignRights.length === 0) return rights
    if (joined?.own !== rights || joined.foreign !== foreignRights) {
      joined = { own: rights, foreign: foreignRights, all: [...rights, ...foreignRights] }
    }
    return joined.all
  }
  const read = createLocalRegistryClient({ store, now })
  const write = createLocalRegistryWriter({ store, now })
  const check = createLocalRegistryChecker({ store, now })
  const tls = material.tls[plan.code]
  if (!tls) throw new Error(`${plan.code}: no TLS identity`)
  const server = createSecurityServer({
    owner: { instance: material.instance, memberClass: 'GOV', memberCode: plan.owner },
    serverCode: plan.code,
    tls,
    signingKey: await keys.privateKeyObject(memberKeyId(plan.owner)),
    memberKeys,
    configuration,
    federated: federated.clients,
    services: {
      ...Object.fromEntries(
        plan.registries.map((registry) => [
          `${registry}/records`,
          registryService({
            registry,
            read,
            write,
            check,
            log: options.accessLog,
            kindsOf: (r) => recordKinds[r],
            now,
          }),
        ]),
      ),
      ...(plan.registries.includes('tax')
        ? { [`tax/${taxpayersService}`]: taxpayerService({ store, log: options.accessLog, now }) }
        : {}),
    },
    rights: currentRights,
    record: options.recorder(`GOV/${plan.owner}/${plan.code}`),
    certificateExpiresAt: new Date(new X509Certificate(tls.certificatePem).validTo).toISOString(),
    now,
    ...(options.timeout ? { timeout: options.timeout } : {}),
  })
  return { server, refresh: refreshAll, stop: () => clearInterval(refresher) }
}
