import type { Kysely } from 'kysely'

/**
 * The verifier API's presentation requests and their webhooks. A request keeps the
 * verifier's side (with its one-off decryption key) until its answer; `answered_at`
 * is set once by a conditional update, so any process may take the answer and a
 * second is refused. Webhooks are outbox rows: claimed, sent, retried with backoff.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('verifier_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('pending', 'text', (c) => c.notNull())
    .addColumn('request_object', 'text', (c) => c.notNull())
    .addColumn('webhook_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    // verified or refused, with the result (verified claims and evidence) or the error code.
    .addColumn('outcome', 'text')
    .addColumn('result', 'text')
    .addColumn('error_code', 'text')
    .execute()
  await db.schema
    .createIndex('verifier_requests_by_business')
    .on('verifier_requests')
    .columns(['business_id', 'created_at'])
    .execute()
  await db.schema
    .createTable('verifier_webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_status', 'integer')
    .addColumn('delivered_at', 'text')
    .execute()
  await db.schema
    .createIndex('verifier_webhooks_due')
    .on('verifier_webhooks')
    .columns(['delivered_at', 'next_attempt_at'])
    .execute()
}
