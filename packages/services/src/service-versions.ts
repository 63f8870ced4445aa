import { PolisError } from '@polis/kernel'
import type { ServiceVersionEventTable, ServiceVersionTable, Store } from '@polis/store'
import { ServiceDefinition } from './definition.ts'

/** Where a version stands: written, waiting for a second official, published, withdrawn or replaced. */
export type ServiceVersionState = ServiceVersionTable['state']

/** The states a version an application may have been submitted under can be in. */
export const publishedStates: readonly ServiceVersionState[] = ['live', 'superseded', 'retired']

/** One version of a service as officials and the CLI read it; `definition` is its JSON, valid or not (a draft). */
export interface ServiceVersion {
  code: string
  version: number
  state: ServiceVersionState
  definition: unknown
  basedOn: number | null
  createdBy: string
  createdAt: string
  updatedAt: string
  reviewedBy: string | null
  publishedAt: string | null
  revision: number
}

/** One step in a service's history. */
export interface ServiceHistoryEntry {
  seq: number
  version: number
  type: ServiceVersionEventTable['type']
  actor: string
  at: string
  reason: string | null
}

type Db = Store['db']

const versionOf = (row: ServiceVersionTable): ServiceVersion => ({
  code: row.code,
  version: row.version,
  state: row.state,
  definition: JSON.parse(row.definition),
  basedOn: row.based_on,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  reviewedBy: row.reviewed_by,
  publishedAt: row.published_at,
  revision: row.revision,
})

/** The version, or undefined. */
export async function findServiceVersion(
  db: Db,
  options: { code: string; version: number },
): Promise<ServiceVersion | undefined> {
  const row = await db
    .selectFrom('service_versions')
    .selectAll()
    .where('code', '=', options.code)
    .where('version', '=', options.version)
    .executeTakeFirst()
  return row && versionOf(row)
}

/** The version; ERR_UNKNOWN_SERVICE when there is none. */
export async function getServiceVersion(db: Db, options: { code: string; version: number }): Promise<ServiceVersion> {
  const found = await findServiceVersion(db, options)
  if (!found) throw new PolisError('ERR_UNKNOWN_SERVICE', { detail: `${options.code} v${options.version}` })
  return found
}

/** The live version of a service, if it has one. */
export async function findLiveVersion(db: Db, code: string): Promise<ServiceVersion | undefined> {
  const row = await db
    .selectFrom('service_versions')
    .selectAll()
    .where('code', '=', code)
    .where('state', '=', 'live')
    .executeTakeFirst()
  return row && versionOf(row)
}

/** Every version of every service (or of one), by code then version. */
export async function listServiceVersions(store: Store, options: { code?: string } = {}): Promise<ServiceVersion[]> {
  let query = store.db.selectFrom('service_versions').selectAll()
  if (options.code) query = query.where('code', '=', options.code)
  const rows = await query.orderBy('code').orderBy('version').execute()
  return rows.map(versionOf)
}

/** Who did what to a service, oldest first. */
export async function serviceHistory(store: Store, code: string): Promise<ServiceHistoryEntry[]> {
  const rows = await store.db
    .selectFrom('service_version_events')
    .selectAll()
    .where('code', '=', code)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({ seq: r.seq, version: r.version, type: r.type, actor: r.actor, at: r.at, reason: r.reason }))
}

/** The counter every lifecycle step bumps: a process whose catalogue was read at another value reloads it. */
export async function catalogueRevision(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('service_catalogue')
    .select('revision')
    .where('id', '=', 'live')
    .executeTakeFirst()
  return row?.revision ?? 0
}

/** The live definitions, parsed at this edge (they were checked in full when published). */
export async function loadLiveRows(
  store: Store,
): Promise<Array<{ code: string; version: number; definition: string }>> {
  return store.db
    .selectFrom('service_versions')
    .select(['code', 'version', 'definition'])
    .where('state', '=', 'live')
    .orderBy('code')
    .execute()
}

/** A stored definition read back: the schema parses it (no `as` on what the database answers). */
export function parseStoredDefinition(json: string): ServiceDefinition {
  return ServiceDefinition.parse(JSON.parse(json))
}

/**
 * Puts each shipped definition in as the live version of its code when that code has no
 * version at all: after the first start the database is the truth, and a catalogue file
 * changed later does not overwrite what officials published. Safe when two processes
 * start at once: the insert does nothing on a conflict. Answers how many were put in.
 */
export async function seedServiceVersions(
  store: Store,
  options: { definitions: ServiceDefinition[]; now: Date },
): Promise<number> {
  const known = new Set(
    (await store.db.selectFrom('service_versions').select('code').distinct().execute()).map((r) => r.code),
  )
  const missing = options.definitions.filter((d) => !known.has(d.code))
  if (missing.length === 0) return 0
  const at = options.now.toISOString()
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('service_versions')
      .values(
        missing.map((d) => ({
          code: d.code,
          version: d.version,
          state: 'live' as const,
          definition: JSON.stringify(d),
          based_on: null,
          created_by: 'system',
          created_at: at,
          updated_at: at,
          reviewed_by: null,
          published_at: at,
          revision: 1,
        })),
      )
      .onConflict((c) => c.doNothing())
      .execute()
    await trx
      .insertInto('service_version_events')
      .values(
        missing.map((d) => ({
          code: d.code,
          seq: 1,
          version: d.version,
          type: 'published' as const,
          actor: 'system',
          at,
          reason: 'catalogue',
        })),
      )
      .onConflict((c) => c.doNothing())
      .execute()
    await trx
      .updateTable('service_catalogue')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', 'live')
      .execute()
  })
  return missing.length
}
