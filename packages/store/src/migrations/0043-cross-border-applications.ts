import type { Kysely } from 'kysely'

/**
 * Cross-border applications (docs/federation.md, issue 9 item 4): a foreign applicant
 * without a personal number here proves who they are with another country's documents,
 * shared from their wallet over OpenID4VP. Each application keeps its open presentation
 * request (its own id, the pending request with its one-off decryption key, the signed
 * request object) and the append-only list of what happened, from which its status follows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cross_border_applications')
    // Random, 144 bits: the applicant's handle on their application, as no sign-in is theirs here.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Computed from the events, kept for the office's lists.
    .addColumn('status', 'text', (c) => c.notNull())
    // The presentation request open now: its id in the wallet's URLs, the pending request
    // (JSON, '{}' once answered) and the request object; null before the first.
    .addColumn('request_id', 'text', (c) => c.unique())
    .addColumn('pending', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('request_object', 'text')
    .addColumn('request_expires_at', 'text')
    .addColumn('answered_at', 'text')
    .execute()
  await db.schema
    .createIndex('cross_border_applications_by_status')
    .on('cross_border_applications')
    .columns(['service', 'status', 'created_at'])
    .execute()
  await db.schema
    .createTable('cross_border_events')
    .addColumn('application_id', 'text', (c) => c.notNull().references('cross_border_applications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    // `applicant`, `official:<id>` or `system`.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // JSON: the verified claims, the address, the decision.
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cross_border_events_pk', ['application_id', 'seq'])
    .execute()
}
