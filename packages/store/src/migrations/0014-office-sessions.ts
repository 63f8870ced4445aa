import type { Kysely } from 'kysely'

/**
 * The office's signed-in officials: a session per sign-in with Polis ID (wallet and
 * second factor), with the agency and roles Polis ID vouched for; and who took a case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('office_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('id_token', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.alterTable('applications').addColumn('assignee', 'text').execute()
}
