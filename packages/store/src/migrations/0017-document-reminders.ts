import type { Kysely } from 'kysely'

/** Which documents' owners were reminded that they expire: one reminder per document and expiry date. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_reminders')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_reminders_pk', ['kind', 'record_id', 'expires_on'])
    .execute()
}
