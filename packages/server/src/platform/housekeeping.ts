import { expireDraftAttachments, resumeApprovals } from '@polis/services'
import { refreshFederatedCountries } from '../federation/federated-countries.ts'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { remindExpiringDocuments } from '../services/document-reminders.ts'
import type { Platform } from './create-platform.ts'
import { reloadIssuerKeys } from './reload-issuer-keys.ts'

/** How long records outlive their use, for whoever asks about them afterwards. */
const keep = {
  /** A finished sign-in's row: the browser's page may still poll it for a while. */
  walletLoginsHours: 1,
  /** A request nobody signed: the business can still ask what became of it. */
  unsignedRequestsDays: 30,
  /** What the security team reviews. */
  securityEventsDays: 180,
  /** A registry event its offers were made for: kept a while to trace an offer to it. */
  processedEventsDays: 90,
}

const hoursAgo = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString()

/**
 * Forgets what has served its purpose, so that no table grows without end and nothing
 * personal is kept longer than needed: spent offers, tokens and nonces, finished
 * sign-ins and their challenges, the documents of signing requests nobody signed (at
 * once) and the requests themselves (after a month), payments never made (expired
 * after their 90 minutes), files uploaded to drafts never submitted (after 7 days),
 * registry events processed 90 days ago, and old security events. Every
 * process may run it; each delete is idempotent. Returns the rows touched per table.
 */
export async function sweepExpired(platform: Platform): Promise<Record<string, number>> {
  const { db } = platform.store
  const now = platform.now()
  const at = now.toISOString()
  const counts: Record<string, number> = {}
  const count = (table: string, result: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => {
    counts[table] = (counts[table] ?? 0) + Number(result.numDeletedRows ?? result.numUpdatedRows ?? 0)
  }
  count('credential_offers', await db.deleteFrom('credential_offers').where('expires_at', '<', at).executeTakeFirst())
  count('access_tokens', await db.deleteFrom('access_tokens').where('expires_at', '<', at).executeTakeFirst())
  count('proof_nonces', await db.deleteFrom('proof_nonces').where('expires_at', '<', at).executeTakeFirst())
  count(
    'id_wallet_logins',
    await db
      .deleteFrom('id_wallet_logins')
      .where('expires_at', '<', hoursAgo(now, keep.walletLoginsHours))
      .executeTakeFirst(),
  )
  count(
    'id_passkey_challenges',
    await db.deleteFrom('id_passkey_challenges').where('expires_at', '<', at).executeTakeFirst(),
  )
  count('id_second_factors', await db.deleteFrom('id_second_factors').where('expires_at', '<', at).executeTakeFirst())
  count(
    'signing_requests',
    await db
      .updateTable('signing_requests')
      .set({ document: null, prepared_document: null })
      .where('signed_at', 'is', null)
      .where('expires_at', '<', at)
      .where((eb) => eb.or([eb('document', 'is not', null), eb('prepared_document', 'is not', null)]))
      .executeTakeFirst(),
  )
  count(
    'signing_requests',
    await db
      .deleteFrom('signing_requests')
      .where('signed_at', 'is', null)
      .where('expires_at', '<', hoursAgo(now, keep.unsignedRequestsDays * 24))
      .executeTakeFirst(),
  )
  // A payment page left open past its 90 minutes can no longer be paid.
  count(
    'payments',
    await db
      .updateTable('payments')
      .set({ status: 'expired' })
      .where('status', '=', 'created')
      .where('expires_at', '<', at)
      .executeTakeFirst(),
  )
  // A file uploaded to a draft that no submitted application took within its week.
  counts.attachments = await expireDraftAttachments(platform.store, { now: platform.now })
  // Registry events whose offers were made long ago (the offers stay, with the event's id).
  count(
    'registry_events',
    await db
      .deleteFrom('registry_events')
      .where('processed_at', '<', hoursAgo(now, keep.processedEventsDays * 24))
      .executeTakeFirst(),
  )
  count(
    'security_events',
    await db
      .deleteFrom('security_events')
      .where('at', '<', hoursAgo(now, keep.securityEventsDays * 24))
      .executeTakeFirst(),
  )
  return counts
}

/** An approval whose outputs have not ended this long after it is taken as cut off (its writes time out long before). */
const approvalsCutOffAfterMs = 2 * 60_000

/**
 * Carries out again the approvals whose outputs were cut off (a crash, a register's answer
 * lost): each register write carries its key, so nothing is written twice.
 */
export async function resumeCutOffApprovals(platform: Platform) {
  const before = new Date(platform.now().getTime() - approvalsCutOffAfterMs)
  return resumeApprovals(createServiceEngine(platform).ports, { before })
}

/**
 * Runs `sweepExpired`, then the expiry reminders, carries out approvals cut off before
 * their end, takes up issuing keys rotated by another
 * process (`polis keys rotate`), then fetches the trust lists of the
 * countries this one federates with (docs/federation.md), now and every ten minutes until
 * stopped; failures are logged, never thrown.
 */
export function startHousekeeping(platform: Platform, log: (line: Record<string, unknown>) => void): () => void {
  const run = () =>
    sweepExpired(platform)
      .then(() => remindExpiringDocuments(platform))
      .then(() => resumeCutOffApprovals(platform))
      .then((resumed) => {
        if (resumed.completed.length > 0 || resumed.failed > 0) {
          log({
            level: 'info',
            event: 'approvals_resumed',
            completed: resumed.completed.length,
            failed: resumed.failed,
          })
        }
      })
      .then(() => reloadIssuerKeys(platform))
      .then(() => refreshFederatedCountries(platform))
      .then((outcomes) => {
        for (const outcome of outcomes) {
          if (!outcome.ok) {
            log({ level: 'warn', event: 'trust_list_refused', country: outcome.code, code: outcome.error })
          }
        }
      })
      .catch((error: unknown) =>
        log({ level: 'warn', event: 'housekeeping_failed', name: error instanceof Error ? error.name : 'unknown' }),
      )
  void run()
  const timer = setInterval(run, 10 * 60_000)
  timer.unref()
  return () => clearInterval(timer)
}
