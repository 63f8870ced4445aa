import type { Kysely } from 'kysely'

/**
 * Who answered a presentation request: the citizen the platform issued the presented
 * credentials to, found by their status-list entries when the answer verified. Only that
 * citizen may then ask the business to delete what it received (docs/sharing.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('verifier_requests').addColumn('citizen_id', 'text').execute()
}
