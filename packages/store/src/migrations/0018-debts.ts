import type { Kysely } from 'kysely'

/**
 * What citizens owe the state, as the registers that bill it keep it: traffic fines
 * (police), parking fines (municipalities), court fines, enforcement debts and taxes.
 * One row per item; paying closes it once (`status` from `due` to `paid`, with the
 * payment that closed it), so a second payment of the same item finds it closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('debts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('registry', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('payment_id', 'text')
    .execute()
  await db.schema.createIndex('debts_citizen_id').on('debts').columns(['citizen_id', 'kind']).execute()
}
