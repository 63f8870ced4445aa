import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import type { ServiceDefinition } from './definition.ts'
import {
  catalogueRevision,
  findServiceVersion,
  loadLiveRows,
  parseStoredDefinition,
  publishedStates,
} from './service-versions.ts'

/**
 * The live services, held in memory so that finding one costs no query. A publish in this
 * process calls `refresh()` at once; other processes notice within `checkEveryMs` by
 * reading one counter, at most that often, when they are asked for a service.
 */
export interface LiveCatalogue {
  /** The live definitions, by code. */
  readonly definitions: ServiceDefinition[]
  /** The live definition of a code, or undefined (none, or retired). */
  find(code: string): ServiceDefinition | undefined
  /**
   * The version an application was submitted under, live or not (superseded, retired):
   * published versions never change, so each is read once. ERR_UNKNOWN_SERVICE if none.
   */
  findVersion(code: string, version: number): Promise<ServiceDefinition>
  /** Reloads the live definitions now. */
  refresh(): Promise<void>
  /** Reloads them if the counter moved, checking at most every `checkEveryMs`; never throws. */
  poll(): Promise<void>
  /**
   * Reads the counter now and reloads until the definitions are at least that recent: what
   * answers after it has every publish committed before it began, in whichever process
   * published (a request on one of several processes). Throws what the database throws.
   */
  check(): Promise<void>
}

export interface OpenLiveCatalogueOptions {
  store: Store
  /** How long a process may answer from memory before it reads the counter again (2 s). */
  checkEveryMs?: number
  /** A monotonic clock in milliseconds (`performance.now`): the platform's may be frozen. */
  clock?: () => number
}

/** Loads the live catalogue from the database. */
export async function openLiveCatalogue(options: OpenLiveCatalogueOptions): Promise<LiveCatalogue> {
  const { store } = options
  const checkEveryMs = options.checkEveryMs ?? 2000
  const clock = options.clock ?? (() => performance.now())
  const published = new Map<string, ServiceDefinition>()
  const key = (code: string, version: number) => `${code}@${version}`
  let live = new Map<string, ServiceDefinition>()
  let definitions: ServiceDefinition[] = []
  let revision = -1
  let checkedAt = clock()
  let loading: Promise<void> | undefined

  const load = async () => {
    // The counter first: a step that commits while the rows are read is seen at the next check.
    const seen = await catalogueRevision(store)
    const rows = await loadLiveRows(store)
    const next = new Map<string, ServiceDefinition>()
    for (const row of rows) {
      const cached = published.get(key(row.code, row.version))
      const definition = cached ?? parseStoredDefinition(row.definition)
      published.set(key(row.code, row.version), definition)
      next.set(row.code, definition)
    }
    live = next
    definitions = [...next.values()]
    revision = seen
  }
  // An application older than the versions kept (submitted before the instance stored
  // them, under a catalogue file since replaced) finishes under the first version stored,
  // as it would have before: the catalogue file that was shipped then.
  const adoptedBefore = async (code: string, version: number) => {
    const first = await store.db
      .selectFrom('service_versions')
      .select('version')
      .where('code', '=', code)
      .where('created_by', '=', 'system')
      .orderBy('version')
      .executeTakeFirst()
    return first && first.version > version ? findServiceVersion(store.db, { code, version: first.version }) : undefined
  }
  const refresh = () => {
    loading ??= load().finally(() => {
      loading = undefined
    })
    return loading
  }
  await refresh()

  return {
    get definitions() {
      return definitions
    },
    find: (code) => live.get(code),
    async findVersion(code, version) {
      const cached = published.get(key(code, version))
      if (cached) return cached
      const found = (await findServiceVersion(store.db, { code, version })) ?? (await adoptedBefore(code, version))
      if (!found || !publishedStates.includes(found.state)) {
        throw new PolisError('ERR_UNKNOWN_SERVICE', { detail: `${code} v${version}` })
      }
      const definition = parseStoredDefinition(JSON.stringify(found.definition))
      published.set(key(code, version), definition)
      return definition
    },
    refresh,
    async poll() {
      if (loading || clock() - checkedAt < checkEveryMs) return
      checkedAt = clock()
      try {
        if ((await catalogueRevision(store)) !== revision) await refresh()
      } catch {
        // The store closing under a check, or a database hiccup: the next check tries again.
      }
    },
    async check() {
      const seen = await catalogueRevision(store)
      // A reload already under way may have read the counter before that publish: another follows.
      while (revision < seen) await refresh()
      checkedAt = clock()
    },
  }
}
