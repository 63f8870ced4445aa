import type { Kysely } from 'kysely'

/**
 * Businesses that ask citizens for documents (issue 7): the business register's legal
 * entities (the demo country's register held only sole proprietors), each business's
 * registration with its purposes and the claims each may ask for, its office decision,
 * its access certificate, and its API keys, kept only as hashes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('legal_entities')
    .addColumn('register_number', 'text', (c) => c.primaryKey())
    .addColumn('legal_name', 'text', (c) => c.notNull())
    .addColumn('legal_form', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('businesses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('register_number', 'text', (c) => c.notNull().unique())
    .addColumn('legal_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('privacy_email', 'text', (c) => c.notNull())
    // JSON [{ id, description, claims: [{ document, claims: [name] }] }]
    .addColumn('purposes', 'text', (c) => c.notNull())
    // pending, approved, refused, revoked
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    // The request-signing key (in `keys`) and its access certificate, once approved.
    .addColumn('key_id', 'text')
    .addColumn('certificate', 'text')
    .addColumn('client_id', 'text')
    // The webhook signing secret, sealed under the key-encryption key.
    .addColumn('webhook_secret', 'text')
    .execute()
  await db.schema
    .createTable('business_api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('business_api_keys_by_business').on('business_api_keys').column('business_id').execute()
}
