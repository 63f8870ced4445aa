/**
 * Documents issued, their status changes and officials' actions on cases, into the
 * transparency log: each is first a row where it happens (issued_credentials,
 * status_events, application_events), written on the request's path as before; a loop
 * appends the rows not yet logged, oldest first, a batch at a time, and keeps each row's
 * place in the log. Nothing personal goes in clear: citizens and officials as keyed tags,
 * content as hashes, no free text. A process that stops between an append and keeping
 * the places appends those rows again: the log may hold one twice, never miss one.
 */
import { hashContent, type LogEntry } from '@polis/transparency-log'
import { sql } from 'kysely'
import type { PlatformLog } from '../cli/open-platform-log.ts'
import type { Platform } from '../platform/create-platform.ts'

type Db = Platform['store']['db']

/** What a status value of a Token Status List means. */
const statusNames: Record<number, string> = { 0: 'valid', 1: 'revoked', 2: 'suspended' }
const clip = (text: string) => text.slice(0, 200)

/** Appends the entries of some rows, then keeps each row's place in the log. */
export async function appendRows<Row>(
  db: Db,
  log: PlatformLog,
  rows: Row[],
  options: { entryOf: (row: Row) => Promise<LogEntry>; keep: (trx: Db, row: Row, index: number) => Promise<unknown> },
): Promise<number> {
  if (rows.length === 0) return 0
  const entries: LogEntry[] = []
  for (const row of rows) entries.push(await options.entryOf(row))
  const { first } = await log.log.append(entries)
  await db.transaction().execute(async (trx) => {
    for (const [i, row] of rows.entries()) await options.keep(trx, row, first + i)
  })
  return rows.length
}

/** Documents issued and not yet logged: who issued which type to whom (tagged), the credential as a hash of its id. */
export async function logIssuedDocuments(platform: Platform, log: PlatformLog, options: { limit: number }) {
  const { db } = platform.store
  const rows = await db
    .selectFrom('issued_credentials')
    .select(['id', 'citizen_id', 'document_type', 'issuer_id', 'issued_at'])
    .where('log_index', 'is', null)
    .orderBy('issued_at')
    .limit(options.limit)
    .execute()
  return appendRows(db, log, rows, {
    entryOf: async (row) => ({
      kind: 'document.issued',
      at: row.issued_at,
      actor: clip(`agency:${row.issuer_id}`),
      service: clip(row.document_type),
      subject: await log.tagCitizen(row.citizen_id),
      hashes: { credential: hashContent(row.id) },
    }),
    keep: (trx, row, index) =>
      trx.updateTable('issued_credentials').set({ log_index: index }).where('id', '=', row.id).execute(),
  })
}

/** Revocations, suspensions and reinstatements not yet logged; the operator's reason stays out (free text). */
export async function logStatusChanges(platform: Platform, log: PlatformLog, options: { limit: number }) {
  const { db } = platform.store
  const rows = await db
    .selectFrom('status_events as e')
    .innerJoin('issued_credentials as c', 'c.id', 'e.credential_id')
    .select(['e.id', 'e.status', 'e.at', 'e.credential_id', 'c.citizen_id', 'c.document_type', 'c.issuer_id'])
    .where('e.log_index', 'is', null)
    .orderBy('e.at')
    .orderBy('e.id')
    .limit(options.limit)
    .execute()
  return appendRows(db, log, rows, {
    entryOf: async (row) => ({
      kind: 'document.status',
      at: row.at,
      actor: clip(`agency:${row.issuer_id}`),
      service: clip(row.document_type),
      purpose: statusNames[row.status] ?? `status ${row.status}`,
      subject: await log.tagCitizen(row.citizen_id),
      hashes: { credential: hashContent(row.credential_id) },
    }),
    keep: (trx, row, index) =>
      trx.updateTable('status_events').set({ log_index: index }).where('id', '=', row.id).execute(),
  })
}

/**
 * Officials' actions on cases not yet logged (a decision, a stage passed, a question
 * asked): the official as a keyed tag, the agency, the service and what was done, the
 * case, the applicant tagged, and the event's content as a hash.
 */
export async function logOfficialActions(platform: Platform, log: PlatformLog, options: { limit: number }) {
  const { db } = platform.store
  const rows = await db
    .selectFrom('application_events as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select(['e.application_id', 'e.seq', 'e.type', 'e.at', 'e.actor', 'e.reason', 'e.data'])
    .select(['a.citizen_id', 'a.service_code', 'a.agency'])
    .where('e.log_index', 'is', null)
    // Written out, not bound, so that both engines' planners use the partial index of migration 0035.
    .where(sql<boolean>`e.actor like 'official:%'`)
    .orderBy('e.at')
    .orderBy('e.application_id')
    .orderBy('e.seq')
    .limit(options.limit)
    .execute()
  return appendRows(db, log, rows, {
    entryOf: async (row) => {
      const outcome = (JSON.parse(row.data) as { outcome?: unknown }).outcome
      return {
        kind: 'official.action',
        at: row.at,
        actor: `official:${await log.tagCitizen(row.actor.slice('official:'.length))}`,
        counterpart: clip(`agency:${row.agency}`),
        service: clip(`${row.service_code}: ${row.type}${typeof outcome === 'string' ? ` ${outcome}` : ''}`),
        purpose: clip(`application:${row.application_id}`),
        subject: await log.tagCitizen(row.citizen_id),
        hashes: { event: hashContent(JSON.stringify({ type: row.type, reason: row.reason, data: row.data })) },
      }
    },
    keep: (trx, row, index) =>
      trx
        .updateTable('application_events')
        .set({ log_index: index })
        .where('application_id', '=', row.application_id)
        .where('seq', '=', row.seq)
        .execute(),
  })
}

/** Every writer once, each until it has nothing left; answers how many rows went into the log. */
export async function logRecords(platform: Platform, log: PlatformLog, options: { limit?: number } = {}) {
  const limit = options.limit ?? 500
  let logged = 0
  for (const writer of [logIssuedDocuments, logStatusChanges, logOfficialActions]) {
    for (;;) {
      const count = await writer(platform, log, { limit })
      logged += count
      if (count < limit) break
    }
  }
  return logged
}
