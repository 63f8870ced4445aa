import { type Kysely, sql } from 'kysely'

/**
 * Service definitions as versions in the database, which is their truth from now on: one
 * row per code and version (a draft, in review, live, retired or superseded), the JSON of
 * the definition, who wrote and who reviewed it, and a `revision` that a draft's update
 * must name (two officials never overwrite each other). At most one live version per code.
 * Each step is kept in `service_version_events`; `service_catalogue` holds a counter every
 * step bumps, which a process reads to know that its catalogue in memory is stale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_versions')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('based_on', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_versions_pk', ['code', 'version'])
    .execute()
  await db.schema
    .createIndex('service_versions_one_live')
    .unique()
    .on('service_versions')
    .column('code')
    .where(sql.ref('state'), '=', 'live')
    .execute()
  await db.schema
    .createTable('service_version_events')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('service_version_events_pk', ['code', 'seq'])
    .execute()
  await db.schema
    .createTable('service_catalogue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute()
  await sql`insert into service_catalogue (id, revision) values ('live', 0)`.execute(db)
}
