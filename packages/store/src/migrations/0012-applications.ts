import type { Kysely } from 'kysely'

/**
 * E-services: applications as an append-only list of events (the status is a projection
 * kept beside them for work queues), one per citizen and client key so that a retried
 * submission is the same application; drafts; and the citizen's inbox.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('service_version', 'integer', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('applications_client_key', ['citizen_id', 'client_key'])
    .execute()
  await db.schema.createIndex('applications_citizen').on('applications').columns(['citizen_id', 'created_at']).execute()
  await db.schema.createIndex('applications_queue').on('applications').columns(['agency', 'status']).execute()
  await db.schema
    .createTable('application_events')
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_events_pk', ['application_id', 'seq'])
    .execute()
  await db.schema
    .createTable('application_drafts')
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_drafts_pk', ['citizen_id', 'service_code'])
    .execute()
  await db.schema
    .createTable('inbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema
    .createIndex('inbox_messages_citizen')
    .on('inbox_messages')
    .columns(['citizen_id', 'created_at'])
    .execute()
}
