import type { Kysely } from 'kysely'

/**
 * The exchange's tables: the central registry's signed publications of the global
 * configuration, the messages security servers handled (never their content: hashes,
 * parties, service, purpose), each later appended to the transparency log, and the
 * reader of each data access, now named by the exchange (the calling subsystem).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('data_access_log').addColumn('reader', 'text').execute()
  await db.schema
    .createTable('exchange_configurations')
    .addColumn('serial', 'integer', (c) => c.primaryKey())
    // The process whose security servers it names: each running platform publishes its own.
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('signed', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('exchange_configurations_by_publisher')
    .on('exchange_configurations')
    .columns(['publisher', 'serial'])
    .execute()
  await db.schema
    .createTable('exchange_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('server', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('issue', 'text')
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('fault', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    // Its place in the transparency log, once appended there (a loop appends in batches).
    .addColumn('log_index', 'integer')
    .execute()
  await db.schema
    .createIndex('exchange_records_by_log_index')
    .on('exchange_records')
    .columns(['log_index', 'at'])
    .execute()
}
