import type { Kysely } from 'kysely'

/**
 * Every read of a citizen's data in the registers: whose, which register and records,
 * why (the purpose the reader gave), and when. Written before the data is handed over,
 * so the citizen's Data Tracker is complete by construction. No content is kept: the
 * kinds of record and how many.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('registry', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    // Its place in the transparency log, once appended there (a loop appends in batches).
    .addColumn('log_index', 'integer')
    .execute()
  await db.schema.createIndex('data_access_by_citizen').on('data_access_log').columns(['citizen_id', 'at']).execute()
  await db.schema.createIndex('data_access_by_log_index').on('data_access_log').columns(['log_index', 'at']).execute()
}
