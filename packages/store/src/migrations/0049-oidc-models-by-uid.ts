import type { Kysely } from 'kysely'

/**
 * oidc-provider finds a session by its uid within its model (`model` and `uid`), and a
 * code is redeemed with its session read in the same query. An index of `uid` alone let
 * PostgreSQL combine it with the primary key's `model`, reading every session's entry
 * (hundreds of microseconds a redemption once sessions were in the thousands): one index
 * of both columns finds the row directly.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['id_models', 'demo_bank_models']) {
    await db.schema.createIndex(`${table}_model_uid`).on(table).columns(['model', 'uid']).execute()
    await db.schema.dropIndex(`${table}_uid`).execute()
  }
}
