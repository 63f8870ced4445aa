import type { Kysely } from 'kysely'

/**
 * Digital signatures: citizens' signing certificates (one active per enrolled phone,
 * kept after revocation so that old signatures can still be judged) and signing
 * requests, which hold the document until it is signed, declined or expired, and stay
 * as the citizen's signing history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signing_certificates')
    .addColumn('serial_number', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('der', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revocation_reason', 'text')
    .execute()
  await db.schema.createIndex('signing_certificates_device').on('signing_certificates').column('device_id').execute()
  await db.schema
    .createTable('signing_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('requester_kind', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('browser_secret_hash', 'text')
    .addColumn('purpose', 'text')
    .addColumn('document_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('document_size', 'integer', (c) => c.notNull())
    .addColumn('document_sha256', 'text', (c) => c.notNull())
    .addColumn('document', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('control_code', 'text', (c) => c.notNull())
    .addColumn('callback_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('certificate_serial', 'text')
    .addColumn('prepared', 'text')
    .addColumn('prepared_document', 'text')
    .addColumn('citizen_id', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('declined_at', 'text')
    .addColumn('result', 'text')
    .execute()
  await db.schema.createIndex('signing_requests_citizen').on('signing_requests').column('citizen_id').execute()
}
