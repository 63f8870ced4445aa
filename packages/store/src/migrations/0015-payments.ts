import type { Kysely } from 'kysely'

/**
 * Payments of applications' fees through a provider: the platform's record of each
 * payment it asked for and what the provider said of it; and the sandbox provider's own
 * book, which stands in for a bank's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .addColumn('refunded_amount', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('payments_application').on('payments').column('application_id').execute()
}
