import type { Kysely } from 'kysely'

/** OpenID4VCI issuance state: credential offers, access tokens and proof nonces (hashes, never secrets). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credential_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('configuration_ids', 'text', (c) => c.notNull())
    .addColumn('tx_code_hash', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('redeemed_at', 'text')
    .execute()
  await db.schema.createIndex('credential_offers_citizen').on('credential_offers').column('citizen_id').execute()
  await db.schema
    .createTable('access_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('offer_id', 'text', (c) => c.notNull().references('credential_offers.id'))
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('configuration_ids', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('proof_nonces')
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
}
