import type { RegistryName, RegistryRecord } from '@polis/kernel'
import type { Database, Store } from '@polis/store'

/** The person a query is about, already read from the population register. */
export type PersonRow = Database['persons']

/** Reads one kind of record of one registry about one person. */
/** Reads a person's records of one kind; `now` is the platform's clock, for what depends on the day. */
export type RecordReader = (store: Store, person: PersonRow, now: Date) => Promise<RegistryRecord[]>

/** The kinds of record each registry answers with, and how each is read. */
export type RegistryReaders = { [R in RegistryName]: Record<string, RecordReader> }

/** The country whose registers these are (ISO 3166-1 alpha-2). */
export const registryCountry = 'UA'

/** A record of a registry, with plain JSON data. */
export function record(
  registry: RegistryName,
  kind: string,
  id: string,
  data: Record<string, unknown>,
): RegistryRecord {
  return { registry, kind, id, data }
}
