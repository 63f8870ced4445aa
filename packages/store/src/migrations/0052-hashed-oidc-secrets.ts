import type { Kysely } from 'kysely'

/**
 * Sessions, codes and tokens of Polis ID and the DEMO BANK are kept under the SHA-256 of
 * their ids from now on (`storedOidcId`). Those stored before under their ids go: citizens
 * sign in once more, and no working secret is left in the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Interactions too: they held their session's cookie.
  const models = ['Session', 'AccessToken', 'AuthorizationCode', 'RefreshToken', 'ClientCredentials', 'Interaction']
  for (const table of ['id_models', 'demo_bank_models']) {
    await (db as Kysely<Record<string, { model: string }>>).deleteFrom(table).where('model', 'in', models).execute()
  }
}
