/**
 * The registers' access log: every read of a citizen's data, written before the data is
 * handed over (no log entry, no data), for the citizen's Data Tracker. Reads that happen
 * at the same moment (many requests at once) share one insert: each read waits for the
 * write that holds its entry, so the log is complete by construction and costs one round
 * trip for a burst of reads.
 */
import type { QueryRegistry, RegistryName } from '@polis/kernel'
import { rowsInserter, type Store, timeOrderedId } from '@polis/store'
import { batchedWriter } from './batched-writer.ts'

/** One read: whose data, from which register, which kinds of record and how many, why, when. */
export interface DataAccess {
  citizenId: string
  registry: RegistryName
  kinds: string[]
  records: number
  purpose: string
  /** Who read: the calling subsystem, as the exchange names it (`UA/GOV/municipality/services`). */
  reader?: string
  at: Date
}

export interface AccessLog {
  /** Resolves once the entry is written; rejects when it could not be (the read then fails). */
  record(access: DataAccess): Promise<void>
}

/** The access log over this database, writing the reads of one moment together. */
export function createAccessLog(store: Store, options: { batchLimit?: number } = {}): AccessLog {
  const insert = rowsInserter(store.db, 'data_access_log')
  const record = batchedWriter<DataAccess>(
    async (entries) => {
      await insert(
        entries.map((e) => ({
          id: timeOrderedId(e.at.getTime()),
          citizen_id: e.citizenId,
          at: e.at.toISOString(),
          registry: e.registry,
          kinds: JSON.stringify(e.kinds),
          records: e.records,
          purpose: e.purpose,
          reader: e.reader ?? null,
        })),
      )
    },
    { limit: options.batchLimit ?? 200 },
  )
  return { record }
}

/**
 * A registry client whose every successful read is in the access log before its records
 * are returned. A read the log cannot take fails: the data is not handed over unlogged.
 */
export function loggedRegistryClient(
  queryRegistry: QueryRegistry,
  options: { log: AccessLog; now: () => Date; kindsOf: (registry: RegistryName) => string[] },
): QueryRegistry {
  return async (query) => {
    const records = await queryRegistry(query)
    await options.log.record({
      citizenId: query.citizenId,
      registry: query.registry,
      kinds: query.kind === undefined ? options.kindsOf(query.registry) : [query.kind].flat(),
      records: records.length,
      purpose: query.purpose,
      at: options.now(),
    })
    return records
  }
}
