import type { Store } from '@polis/store'
import { sql } from 'kysely'

/** How much of what matters an instance holds, for the operator's summary after a backup or restore. */
export interface InstanceHoldings {
  citizens: number
  documents: number
  applications: number
  logEntries: number
  statusLists: number
  keys: number
}

/** The tables of an instance's own data: every table but the migrations' and SQLite's own. */
export async function listDataTables(store: Store): Promise<string[]> {
  const result =
    store.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(store.db)
  return result.rows
    .map((row) => row.name)
    .filter((name) => !name.startsWith('sqlite_') && !name.startsWith('kysely_migration'))
    .sort()
}

/**
 * An instance is empty when no table holds a row, but for `meta`'s marker and key check:
 * a database just made or migrated, never a started instance (its first start makes keys).
 */
export async function isEmptyInstance(store: Store): Promise<boolean> {
  for (const table of await listDataTables(store)) {
    const query =
      table === 'meta'
        ? sql<{ one: number }>`select 1 as one from meta where key not in ('polis.schema', 'kek.check') limit 1`
        : sql<{ one: number }>`select 1 as one from ${sql.table(table)} limit 1`
    if ((await query.execute(store.db)).rows.length > 0) return false
  }
  return true
}

/** Counts citizens, issued documents, applications, log entries, status lists and keys. */
export async function countHoldings(store: Store): Promise<InstanceHoldings> {
  const count = async (
    table: 'persons' | 'issued_credentials' | 'applications' | 'tlog_entries' | 'status_lists' | 'keys',
  ) => {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  return {
    citizens: await count('persons'),
    documents: await count('issued_credentials'),
    applications: await count('applications'),
    logEntries: await count('tlog_entries'),
    statusLists: await count('status_lists'),
    keys: await count('keys'),
  }
}
