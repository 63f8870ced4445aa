import { type Clock, type Config, type QueryRegistry, systemClock } from '@polis/kernel'
import {
  createAccessLog,
  createLocalRegistryChecker,
  createLocalRegistryClient,
  createLocalRegistryWriter,
  loggedRegistryClient,
  recordKinds,
} from '@polis/registries'
import {
  type LiveCatalogue,
  loadCatalogue,
  openLiveCatalogue,
  type RegistryWrite,
  seedServiceVersions,
} from '@polis/services'
import { createDatabaseKeyStore, type DatabaseKeyStore, openStore, type Store } from '@polis/store'
import { type Exchange, type ExchangeMode, startExchange } from '../exchange/start-exchange.ts'
import { bootstrapSigning, type SigningAuthority } from '../signing/bootstrap-signing.ts'
import { bootstrapTrust, type NationalTrust } from './bootstrap-trust.ts'
import { countryProfile } from './country-profile.ts'
import { loadKeyEncryptionKey } from './load-key-encryption-key.ts'

/** One running instance of Polis: its database, keys, PKI and registries, wired once. */
export interface Platform {
  config: Config
  store: Store
  keys: DatabaseKeyStore
  trust: NationalTrust
  /** The signing CA and time-stamping authority of citizens' digital signatures. */
  signing: SigningAuthority
  queryRegistry: QueryRegistry
  /** Whose a tax number is (a co-applicant, a document's other holder), read for a purpose like the registers. */
  findCitizenByTaxNumber(taxNumber: string, purpose: string): Promise<string | undefined>
  /** A register's operation (a service's output), carried out by its keeper; or only checked. */
  updateRegistry(update: RegistryWrite): Promise<void>
  checkRegistryUpdate(update: RegistryWrite): Promise<void>
  /** The live e-services, from the database (the shipped catalogue is put in on first start). */
  services: LiveCatalogue
  /**
   * The exchange the registers are read through, started on the first read (or at once by
   * the server); undefined when this instance reads its own tables directly (`exchange: 'off'`).
   */
  exchange: (() => Promise<Exchange>) | undefined
  publicUrl: string
  now: Clock
  close(): Promise<void>
}

export interface CreatePlatformOptions {
  config: Config
  now?: Clock
  /** An already open store (tests); otherwise one is opened from the configuration. */
  store?: Store
  warn?: (message: string) => void
  /**
   * How the registers are reached: through the exchange, its security servers all in this
   * thread (`in-process`, the default, and `polis serve`'s unless POLIS_EXCHANGE says
   * otherwise) or each in a worker thread (`workers`); `off` reads the registry tables
   * directly (benchmarks' baseline).
   */
  exchange?: ExchangeMode | 'off'
}

/** How the platform reaches the registers: reads, whose a tax number is, and a service's writes. */
type RegisterPorts = Pick<
  Platform,
  'queryRegistry' | 'findCitizenByTaxNumber' | 'updateRegistry' | 'checkRegistryUpdate'
>

/** The registers through the exchange, started on the first call: each keeper logs the read before it answers. */
function registersThrough(exchange: () => Promise<Exchange>): RegisterPorts {
  return {
    queryRegistry: async (query) => (await exchange()).queryRegistry(query),
    findCitizenByTaxNumber: async (taxNumber, purpose) => (await exchange()).findCitizenByTaxNumber(taxNumber, purpose),
    updateRegistry: async (update) => (await exchange()).updateRegistry(update),
    checkRegistryUpdate: async (update) => (await exchange()).checkRegistryUpdate(update),
  }
}

/** The registry tables read and written directly (`exchange: 'off'`, the benchmarks' baseline). */
function localRegisters(store: Store, now: Clock): RegisterPorts {
  return {
    // Every read of a citizen's data is in the access log (their Data Tracker) before it is handed over.
    queryRegistry: loggedRegistryClient(createLocalRegistryClient({ store, now }), {
      log: createAccessLog(store),
      now,
      kindsOf: (registry) => recordKinds[registry],
    }),
    findCitizenByTaxNumber: async (taxNumber) =>
      (await store.db.selectFrom('persons').select('id').where('tax_number', '=', taxNumber).executeTakeFirst())?.id,
    updateRegistry: createLocalRegistryWriter({ store, now }),
    checkRegistryUpdate: createLocalRegistryChecker({ store, now }),
  }
}

/** The origin this instance is reached at, without a trailing slash. */
export function publicUrlOf(config: Config): string {
  const url = config.POLIS_PUBLIC_URL ?? `http://localhost:${config.PORT}`
  return url.replace(/\/+$/, '')
}

/**
 * Opens the database, unseals the keys, creates the national PKI on first start and
 * wires the registry client: the composition root every command and the server share.
 */
export async function createPlatform(options: CreatePlatformOptions): Promise<Platform> {
  const { config } = options
  const now = options.now ?? systemClock
  const warn = options.warn ?? ((message: string) => console.warn(`warning: ${message}`))
  const store = options.store ?? (await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.POLIS_DATA_DIR }))
  try {
    const kek = loadKeyEncryptionKey(config, warn)
    const keys = await createDatabaseKeyStore({ db: store.db, kek, now })
    const trust = await bootstrapTrust({
      store,
      keys,
      agencies: countryProfile(config).agencies.map((agency) => ({ code: agency.code, name: agency.name.en })),
      country: { name: config.POLIS_COUNTRY_NAME, code: config.POLIS_COUNTRY_CODE },
      now: now(),
    })
    const signing = await bootstrapSigning({
      store,
      keys,
      country: { name: config.POLIS_COUNTRY_NAME, code: config.POLIS_COUNTRY_CODE },
      now: now(),
      crlUrl: `${publicUrlOf(config)}/signatures/crl`,
    })
    await seedServiceVersions(store, { definitions: loadCatalogue(), now: now() })
    const services = await openLiveCatalogue({ store })
    const mode = options.exchange ?? 'in-process'
    let exchange: Promise<Exchange> | undefined
    const startedExchange = () => {
      exchange ??= startExchange({
        store,
        keys,
        config,
        services,
        now,
        mode: mode === 'off' ? 'in-process' : mode,
        centralAddress: `${publicUrlOf(config)}/exchange`,
      }).catch((error: unknown) => {
        exchange = undefined
        throw error
      })
      return exchange
    }
    return {
      config,
      store,
      keys,
      trust,
      signing,
      ...(mode === 'off' ? localRegisters(store, now) : registersThrough(startedExchange)),
      services,
      exchange: mode === 'off' ? undefined : startedExchange,
      publicUrl: publicUrlOf(config),
      now,
      close: async () => {
        if (exchange) await (await exchange.catch(() => undefined))?.close()
        await store.close()
      },
    }
  } catch (error) {
    if (!options.store) await store.close()
    throw error
  }
}
