import type { Kysely } from 'kysely'

/**
 * An inbox message may link to a page of its own (a buyer's, to confirm a sale that is
 * not their application): `link`, a path on the portal, null for most. And the files of
 * drafts never submitted are found by their age for the housekeeping that deletes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inbox_messages').addColumn('link', 'text').execute()
  await db.schema
    .createIndex('attachments_unclaimed')
    .on('attachments')
    .columns(['application_id', 'created_at'])
    .execute()
}
