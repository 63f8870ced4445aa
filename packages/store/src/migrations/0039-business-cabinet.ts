import type { Kysely } from 'kysely'

/**
 * The business cabinet: who may act for a legal entity of the business register (its
 * representatives), why a registration was refused or revoked, and the citizens'
 * deletion requests to businesses, tracked, with their reports to the data-protection
 * authority.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('legal_entity_representatives')
    .addColumn('register_number', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    // director, board-member
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('legal_entity_representatives_pk', ['register_number', 'citizen_id'])
    .execute()
  await db.schema
    .createIndex('legal_entity_representatives_by_citizen')
    .on('legal_entity_representatives')
    .column('citizen_id')
    .execute()
  await db.schema.alterTable('businesses').addColumn('decision_reason', 'text').execute()
  await db.schema
    .createTable('deletion_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    // The verifier request the data was shared in.
    .addColumn('request_id', 'text', (c) => c.notNull())
    // JSON: the document types and claims shared, as the wallet recorded them.
    .addColumn('claims', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    // asked, done, refused
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answer_reason', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('report_text', 'text')
    .execute()
  await db.schema
    .createIndex('deletion_requests_by_business')
    .on('deletion_requests')
    .columns(['business_id', 'asked_at'])
    .execute()
  await db.schema
    .createIndex('deletion_requests_by_citizen')
    .on('deletion_requests')
    .columns(['citizen_id', 'request_id'])
    .unique()
    .execute()
}
