import type { Kysely } from 'kysely'

/**
 * Polis ID's clients are registered and revoked by officials in the office as well as by
 * operators: each keeps who registered it, and who revoked it and why, and the office's
 * form that made it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_clients').addColumn('registered_by', 'text').execute()
  await db.schema.alterTable('id_clients').addColumn('revoked_by', 'text').execute()
  await db.schema.alterTable('id_clients').addColumn('revocation_reason', 'text').execute()
  // The office's form, sent twice (a reload of its answer), registers one client.
  await db.schema.alterTable('id_clients').addColumn('submission_id', 'text').execute()
  await db.schema.createIndex('id_clients_submission').on('id_clients').column('submission_id').unique().execute()
}
