import type { Kysely } from 'kysely'

/**
 * How easy citizens found a service, one rating an application once it is decided (1
 * very hard, 5 very easy), for the owning agency's insight. No citizen is stored with
 * it: the application it rates is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_ratings')
    .addColumn('application_id', 'text', (c) => c.primaryKey())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('service_ratings_by_service')
    .on('service_ratings')
    .columns(['service_code', 'rated_at'])
    .execute()
}
