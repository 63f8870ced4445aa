import type { Kysely } from 'kysely'

/**
 * Counters of attempts per window, shared by every process (guessing one-time codes,
 * flooding sign-ins), and the security team's log of what was refused: kinds and
 * hashed subjects, never a code, an address or a person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
    .execute()
  await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute()
  await db.schema
    .createTable('security_events')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('security_events_at').on('security_events').column('at').execute()
}
