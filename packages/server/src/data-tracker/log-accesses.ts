/**
 * The Data Tracker's reads in the transparency log: a loop appends the reads not yet
 * there, oldest first, a batch at a time, and keeps each read's place in the log, so the
 * citizen can take an entry with its inclusion proof and check it offline
 * (`polis log verify`). Reads are written to the access log first, on the request's
 * path; the log follows within seconds, off it. A process that stops between an append
 * and keeping the places appends those reads again: the log may hold a read twice,
 * never miss one.
 */
import { createHash } from 'node:crypto'
import type { LogEntry } from '@polis/transparency-log'
import type { PlatformLog } from '../cli/open-platform-log.ts'
import { appendRows } from '../log/log-records.ts'
import type { Platform } from '../platform/create-platform.ts'
import { describePurpose } from './data-tracker.ts'

/** Appends up to `limit` reads not yet in the log; answers how many. */
export async function logAccesses(platform: Platform, log: PlatformLog, options: { limit?: number } = {}) {
  const rows = await platform.store.db
    .selectFrom('data_access_log')
    .select(['id', 'citizen_id', 'at', 'registry', 'kinds', 'purpose', 'reader'])
    .where('log_index', 'is', null)
    .orderBy('at')
    .orderBy('id')
    .limit(options.limit ?? 500)
    .execute()
  return appendRows(platform.store.db, log, rows, {
    entryOf: async (row) => ({
      kind: 'data.read',
      at: row.at,
      actor: (row.reader ?? describePurpose(row.purpose, (code) => platform.services.find(code)).who.en).slice(0, 200),
      service: `${row.registry}: ${(JSON.parse(row.kinds) as string[]).join(' ')}`.slice(0, 200),
      purpose: row.purpose.slice(0, 200),
      subject: await log.tagCitizen(row.citizen_id),
      hashes: {},
    }),
    keep: (trx, row, index) =>
      trx.updateTable('data_access_log').set({ log_index: index }).where('id', '=', row.id).execute(),
  })
}

/**
 * The exchange's messages in the transparency log, as `log-accesses` does the reads: each
 * security server's record of a message it handled (the consumer's as `exchange.request`,
 * the provider's as `exchange.response`), with the parties, the service, the purpose and
 * the SHA-256 of the request hash, never the content or the citizen.
 */
export async function logExchangeMessages(platform: Platform, log: PlatformLog, options: { limit?: number } = {}) {
  const rows = await platform.store.db
    .selectFrom('exchange_records')
    .selectAll()
    .where('log_index', 'is', null)
    .orderBy('at')
    .orderBy('id')
    .limit(options.limit ?? 500)
    .execute()
  return appendRows(platform.store.db, log, rows, {
    entryOf: async (row): Promise<LogEntry> => {
      const provider = row.service.split('/').slice(0, 3).join('/')
      const consumer = row.side === 'consumer'
      return {
        kind: consumer ? 'exchange.request' : 'exchange.response',
        at: row.at,
        actor: (consumer ? row.client : provider).slice(0, 200),
        counterpart: (consumer ? provider : row.client).slice(0, 200),
        service: `${row.service}${row.fault ? ` (${row.fault})` : ''}`.slice(0, 200),
        ...(row.issue ? { purpose: row.issue.slice(0, 200) } : {}),
        hashes: { request: createHash('sha256').update(row.request_hash).digest('base64url') },
      }
    },
    keep: (trx, row, index) =>
      trx.updateTable('exchange_records').set({ log_index: index }).where('id', '=', row.id).execute(),
  })
}

/**
 * A read of the citizen's own as its log entry with its inclusion proof, the bundle
 * `polis log verify` reads; undefined for anyone else's read, or one not yet logged.
 */
export async function accessProof(platform: Platform, log: PlatformLog, options: { citizenId: string; id: string }) {
  const row = await platform.store.db
    .selectFrom('data_access_log')
    .select('log_index')
    .where('id', '=', options.id)
    .where('citizen_id', '=', options.citizenId)
    .executeTakeFirst()
  if (row?.log_index === null || row?.log_index === undefined) return undefined
  const { entry, proof } = await log.log.proveEntry(Number(row.log_index))
  return { entry, proof }
}

/** Every few seconds, the reads not yet in the log; failures are logged, never thrown. */
export function startAccessLogging(
  platform: Platform,
  open: () => Promise<PlatformLog>,
  report: (line: Record<string, unknown>) => void,
): () => void {
  let running = false
  let log: PlatformLog | undefined
  const timer = setInterval(() => {
    if (running) return
    running = true
    ;(async () => {
      log ??= await open()
      while ((await logAccesses(platform, log)) === 500);
      while ((await logExchangeMessages(platform, log)) === 500);
    })()
      .catch((error: unknown) =>
        report({
          level: 'warn',
          event: 'access_logging_failed',
          name: error instanceof Error ? error.name : 'unknown',
        }),
      )
      .finally(() => {
        running = false
      })
  }, 2_000)
  timer.unref()
  return () => clearInterval(timer)
}
