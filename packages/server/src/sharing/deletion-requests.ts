import { randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import type { DeletionRequestTable } from '@polis/store'
import { z } from 'zod'
import { getBusiness } from '../business/businesses.ts'
import type { Platform } from '../platform/create-platform.ts'

/** Where a deletion request stands: asked, then done or refused by the business. */
export type DeletionState = 'asked' | 'done' | 'refused'

/** What was shared, as the wallet recorded it: per document type, the claims. */
export const SharedClaims = z
  .array(
    z.object({
      document: z.string().min(1).max(64),
      claims: z.array(z.string().min(1).max(64)).max(64),
    }),
  )
  .min(1)
  .max(16)
export type SharedClaims = z.infer<typeof SharedClaims>

/** A citizen's request that a business delete what it received in one share. */
export interface DeletionRequest {
  id: string
  businessId: string
  citizenId: string
  /** The verifier request the data was shared in. */
  requestId: string
  claims: SharedClaims
  askedAt: string
  state: DeletionState
  answeredAt: string | undefined
  answerReason: string | undefined
  reportedAt: string | undefined
  reportText: string | undefined
}

function toDeletionRequest(row: DeletionRequestTable): DeletionRequest {
  return {
    id: row.id,
    businessId: row.business_id,
    citizenId: row.citizen_id,
    requestId: row.request_id,
    claims: SharedClaims.parse(JSON.parse(row.claims)),
    askedAt: row.asked_at,
    state: z.enum(['asked', 'done', 'refused']).parse(row.state),
    answeredAt: row.answered_at ?? undefined,
    answerReason: row.answer_reason ?? undefined,
    reportedAt: row.reported_at ?? undefined,
    reportText: row.report_text ?? undefined,
  }
}

/** A verifier request's id, as its `request_uri` names it. */
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a request id')

/** A deletion request as the wallet sends it. */
export const AskDeletion = z.object({
  request_id: RequestId,
  claims: SharedClaims,
})

/**
 * Records a citizen's request that a business delete what it received through a verifier
 * request that ended verified with this citizen's credentials (ERR_NOT_SHARED otherwise), and sends it by e-mail to the
 * business's registered data-protection contact through the mail outbox, in the same
 * transaction. The mail names the request and the claims, never the citizen: the
 * business knows whose data came with that request. Asking twice answers the first.
 */
export async function askDeletion(
  platform: Platform,
  options: { citizenId: string; input: unknown },
): Promise<DeletionRequest> {
  const parsed = AskDeletion.safeParse(options.input)
  if (!parsed.success) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: `deletion request: ${parsed.error.issues[0]?.message}` })
  }
  const { db } = platform.store
  const shared = await db
    .selectFrom('verifier_requests')
    .select(['business_id', 'outcome', 'created_at', 'citizen_id'])
    .where('id', '=', parsed.data.request_id)
    .executeTakeFirst()
  // Only the citizen whose credentials answered it: not whoever saw the request's link.
  if (shared?.outcome !== 'verified' || shared.citizen_id !== options.citizenId) {
    throw new PolisError('ERR_NOT_SHARED')
  }
  const existing = await findCitizenDeletion(platform, {
    citizenId: options.citizenId,
    requestId: parsed.data.request_id,
  })
  if (existing) return existing
  const business = await getBusiness(platform, shared.business_id)
  const now = platform.now().toISOString()
  const row: DeletionRequestTable = {
    id: randomUUID(),
    business_id: business.id,
    citizen_id: options.citizenId,
    request_id: parsed.data.request_id,
    claims: JSON.stringify(parsed.data.claims),
    asked_at: now,
    state: 'asked',
    answered_at: null,
    answer_reason: null,
    reported_at: null,
    report_text: null,
  }
  const shown = parsed.data.claims.map((d) => `- ${d.document}: ${d.claims.join(', ')}`).join('\n')
  const answerAt = `${platform.publicUrl}/business/${business.registerNumber}/deletions`
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('deletion_requests').values(row).execute()
    await trx
      .insertInto('mail_outbox')
      .values({
        id: randomUUID(),
        to_address: business.privacyEmail,
        subject: `Request to erase personal data (GDPR Article 17) / Запит про видалення персональних даних`,
        body:
          `${business.legalName},\n\n` +
          `A citizen who shared documents with you through ${platform.config.POLIS_COUNTRY_NAME} asks you to erase ` +
          `the personal data you received in verifier request ${row.request_id} ` +
          `(${shared.created_at.slice(0, 10)}), under Article 17 of the GDPR:\n\n${shown}\n\n` +
          `Say whether you erased it, or why not, in your business cabinet: ${answerAt}\n` +
          'The citizen sees your answer, and may report it to the data-protection authority.\n\n' +
          `Громадянин, який передав вам документи, просить видалити персональні дані, отримані в запиті ${row.request_id}. ` +
          `Відповідайте в кабінеті бізнесу: ${answerAt}\n`,
        created_at: now,
        next_attempt_at: now,
        attempts: 0,
        sent_at: null,
      })
      .execute()
  })
  return toDeletionRequest(row)
}

async function findCitizenDeletion(
  platform: Platform,
  options: { citizenId: string; requestId: string },
): Promise<DeletionRequest | undefined> {
  const row = await platform.store.db
    .selectFrom('deletion_requests')
    .selectAll()
    .where('citizen_id', '=', options.citizenId)
    .where('request_id', '=', options.requestId)
    .executeTakeFirst()
  return row ? toDeletionRequest(row) : undefined
}

/** A citizen's deletion requests, newest first. */
export async function listCitizenDeletions(platform: Platform, citizenId: string): Promise<DeletionRequest[]> {
  const rows = await platform.store.db
    .selectFrom('deletion_requests')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .orderBy('asked_at', 'desc')
    .execute()
  return rows.map(toDeletionRequest)
}

/** The deletion requests a business received, newest first. */
export async function listBusinessDeletions(platform: Platform, businessId: string): Promise<DeletionRequest[]> {
  const rows = await platform.store.db
    .selectFrom('deletion_requests')
    .selectAll()
    .where('business_id', '=', businessId)
    .orderBy('asked_at', 'desc')
    .execute()
  return rows.map(toDeletionRequest)
}

const Reason = z.string().trim().min(3).max(1000)

/**
 * The business's answer: done, or refused with a reason (3 to 1000 characters,
 * ERR_BAD_REQUEST on the field `reason`). Once only (ERR_DELETION_ANSWERED).
 */
export async function answerDeletion(
  platform: Platform,
  options: { businessId: string; id: string; outcome: 'done' | 'refused'; reason?: string | undefined },
): Promise<DeletionRequest> {
  const reason = options.reason?.trim() ? Reason.safeParse(options.reason) : undefined
  if (options.outcome === 'refused' && !reason?.success) {
    throw new PolisError('ERR_BAD_REQUEST', {
      detail: 'a refusal needs a reason of 3 to 1000 characters',
      field: 'reason',
    })
  }
  if (reason && !reason.success)
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the reason is too long', field: 'reason' })
  const updated = await platform.store.db
    .updateTable('deletion_requests')
    .set({ state: options.outcome, answered_at: platform.now().toISOString(), answer_reason: reason?.data ?? null })
    .where('id', '=', options.id)
    .where('business_id', '=', options.businessId)
    .where('state', '=', 'asked')
    .executeTakeFirst()
  const row = await platform.store.db
    .selectFrom('deletion_requests')
    .selectAll()
    .where('id', '=', options.id)
    .where('business_id', '=', options.businessId)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND')
  if (Number(updated.numUpdatedRows) !== 1) throw new PolisError('ERR_DELETION_ANSWERED')
  return toDeletionRequest(row)
}

/**
 * Files the citizen's report of a deletion request to the data-protection authority: what
 * they say (3 to 2000 characters), once (ERR_ALREADY_REPORTED). The office's `dpa`
 * officials read the reports.
 */
export async function reportDeletion(
  platform: Platform,
  options: { citizenId: string; id: string; text: unknown },
): Promise<DeletionRequest> {
  const text = z.string().trim().min(3).max(2000).safeParse(options.text)
  if (!text.success)
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'a report is 3 to 2000 characters', field: 'text' })
  const updated = await platform.store.db
    .updateTable('deletion_requests')
    .set({ reported_at: platform.now().toISOString(), report_text: text.data })
    .where('id', '=', options.id)
    .where('citizen_id', '=', options.citizenId)
    .where('reported_at', 'is', null)
    .executeTakeFirst()
  const row = await platform.store.db
    .selectFrom('deletion_requests')
    .selectAll()
    .where('id', '=', options.id)
    .where('citizen_id', '=', options.citizenId)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND')
  if (Number(updated.numUpdatedRows) !== 1) throw new PolisError('ERR_ALREADY_REPORTED')
  return toDeletionRequest(row)
}

/** Every report to the data-protection authority, newest first. */
export async function listDeletionReports(platform: Platform): Promise<DeletionRequest[]> {
  const rows = await platform.store.db
    .selectFrom('deletion_requests')
    .selectAll()
    .where('reported_at', 'is not', null)
    .orderBy('reported_at', 'desc')
    .execute()
  return rows.map(toDeletionRequest)
}
