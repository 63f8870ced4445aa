import type { Kysely } from 'kysely'

/**
 * Life-event bundles: one application (the newborn package) that fans out to the
 * applications of several services, each decided by its own agency. A part's application
 * names the bundle it belongs to; a citizen's list shows the bundle, not its parts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('bundle_id', 'text').execute()
  await db.schema.createIndex('applications_by_bundle').on('applications').columns(['bundle_id']).execute()
  // The bundles in progress, for the loop that moves on those a crash left behind.
  await db.schema.createIndex('applications_by_status').on('applications').columns(['status', 'updated_at']).execute()
}
