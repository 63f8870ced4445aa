import type { Kysely } from 'kysely'
import type { Engine } from '../engine.ts'

/**
 * Files citizens attach to applications (a medical certificate, a scan): the bytes
 * themselves (a BLOB on SQLite, bytea on PostgreSQL) with their checked kind, size and
 * SHA-256. An attachment belongs to its citizen and service, and to the application it
 * was submitted with once there is one (`application_id` null until then).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('field_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text')
    .execute()
  await db.schema.createIndex('attachments_citizen').on('attachments').columns(['citizen_id', 'service_code']).execute()
  await db.schema.createIndex('attachments_application').on('attachments').column('application_id').execute()
}
