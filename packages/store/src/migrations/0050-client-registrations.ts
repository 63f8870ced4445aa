import type { Kysely } from 'kysely'

/**
 * Polis ID's clients are registered and revoked by officials in the office as well as by
 * operators: each keeps who registered it, and who revoked it and why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_clients').addColumn('registered_by', 'text').execute()
  await db.schema.alterTable('id_clients').addColumn('revoked_by', 'text').execute()
  await db.schema.alterTable('id_clients').addColumn('revocation_reason', 'text').execute()
}
