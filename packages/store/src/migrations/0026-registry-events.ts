import type { Kysely } from 'kysely'

/**
 * The registers' events (a birth registered), written in the transaction of the change
 * they tell of: a durable outbox that proactive services read at least once. And the
 * offers those services make, one an event, service and citizen: the unique key makes
 * an event processed twice offer once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('registry_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute()
  await db.schema
    .createIndex('registry_events_unprocessed')
    .on('registry_events')
    .columns(['processed_at', 'occurred_at'])
    .execute()
  await db.schema
    .createTable('proactive_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addUniqueConstraint('proactive_offers_once', ['event_id', 'rule', 'citizen_id'])
    .execute()
  await db.schema.createIndex('proactive_offers_by_citizen').on('proactive_offers').columns(['citizen_id']).execute()
}
