import type { Kysely } from 'kysely'

/**
 * The keys of the writes a register's keeper has carried out (docs/exchange.md): a write
 * retried with its key, after an answer lost on the way back, is not carried out twice.
 * The key is written in the write's own transaction, so a key held means the write holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('registry_operation_keys')
    .addColumn('registry', 'text', (c) => c.notNull())
    // The writer's key: the application and which of its outputs (`<application id>/<output>`).
    .addColumn('key', 'text', (c) => c.notNull())
    // SHA-256 of the operation, the citizen and the values: the same key must mean the same write.
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_operation_keys_pk', ['registry', 'key'])
    .execute()
}
