import type { Kysely } from 'kysely'

/** A passkey remembers which browser made it ("Chrome on Windows"), for the citizen's list. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('id_passkeys').addColumn('label', 'text').execute()
}
