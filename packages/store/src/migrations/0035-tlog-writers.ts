import { type Kysely, sql } from 'kysely'
import type { Engine } from '../engine.ts'

/**
 * Documents issued, their status changes and officials' actions on cases go into the
 * transparency log, appended by a loop off the request's path: each row keeps its place
 * in the log once there. The indexes hold only the rows still to log, so they stay
 * small and cost nothing to the rows never logged (a citizen's own steps in a case).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  for (const table of ['issued_credentials', 'status_events', 'application_events']) {
    await db.schema
      .alterTable(table)
      .addColumn('log_index', engine === 'postgres' ? 'bigint' : 'integer')
      .execute()
  }
  await db.schema
    .createIndex('issued_credentials_to_log')
    .on('issued_credentials')
    .columns(['issued_at'])
    .where(sql.ref('log_index'), 'is', null)
    .execute()
  await db.schema
    .createIndex('status_events_to_log')
    .on('status_events')
    .columns(['at'])
    .where(sql.ref('log_index'), 'is', null)
    .execute()
  await db.schema
    .createIndex('official_actions_to_log')
    .on('application_events')
    .columns(['at'])
    .where(sql<boolean>`log_index is null and actor like 'official:%'`)
    .execute()
}
