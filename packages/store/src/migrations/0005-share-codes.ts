import type { Kysely } from 'kysely'

/**
 * One-time share codes, the online fallback of the in-person QR: a wallet leaves a fresh
 * presentation behind a short number for three minutes, and a verifier redeems it once.
 * The number is kept only as its SHA-256, and the presentation is erased once redeemed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('share_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('presentation', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('redeemed_at', 'text')
    .execute()
  await db.schema.createIndex('share_codes_expiry').on('share_codes').column('expires_at').execute()
}
