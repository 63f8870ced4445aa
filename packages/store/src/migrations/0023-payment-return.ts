import type { Kysely } from 'kysely'

/**
 * Where the provider sends the citizen back after paying: the wallet's own page for a
 * payment started in the wallet (the portal's application page when null). Chosen by
 * the platform when it starts the payment, never by the citizen's browser.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('payments').addColumn('return_to', 'text').execute()
}
