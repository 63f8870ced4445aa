import { randomBytes, randomUUID } from 'node:crypto'
import { type ErrorCode, errorCodes, fromBase64url, isPolisError, messageOf, PolisError } from '@polis/kernel'
import {
  createPresentationRequest,
  type PendingPresentationRequest,
  type PresentationResult,
  presentationRequestLink,
  receivePresentationResponse,
} from '@polis/oid4vp'
import type { VerifierRequestTable } from '@polis/store'
import { trustAnchors } from '@polis/trust'
import { z } from 'zod'
import { type Business, businessSigningKey, getBusiness } from '../business/businesses.ts'
import { assertWithinPurpose, type Purpose } from '../business/purposes.ts'
import { findLocalStatus } from '../issuance/status-lists.ts'
import type { Platform } from '../platform/create-platform.ts'
import { webhookRow } from './webhooks.ts'

/** What a business asks through the API. */
export const NewVerifierRequest = z.object({
  purpose: z.string().min(1).max(40),
  dcql_query: z.record(z.string(), z.unknown()),
  transaction_data: z.array(z.record(z.string(), z.unknown())).min(1).max(8).optional(),
  webhook: z.string().url().max(2048).optional(),
  lifetime_seconds: z.number().int().min(30).max(3600).optional(),
})
export type NewVerifierRequest = z.infer<typeof NewVerifierRequest>

/** A created request: where the wallet fetches it, and the link or QR that starts it. */
export interface CreatedVerifierRequest {
  id: string
  clientId: string
  requestUri: string
  responseUri: string
  link: string
  expiresAt: string
}

/** A request as the business polls it: only verified claims with their evidence, or the refusal's code. */
export interface VerifierRequestView {
  id: string
  status: 'pending' | 'verified' | 'refused' | 'expired'
  purpose: string
  created_at: string
  expires_at: string
  answered_at?: string
  result?: VerifiedAnswer
  error?: { code: string; message: string }
}

/** The verified answer, in JSON: each credential's asked claims, its evidence, and the signed transaction data. */
export interface VerifiedAnswer {
  credentials: Array<{
    query_id: string
    format: string
    claims: Record<string, unknown>
    evidence: Record<string, unknown>
  }>
  transaction_data: unknown[]
  verified_at: string
}

/** The URLs of a request on this instance. */
export function requestUrls(publicUrl: string, id: string) {
  const base = `${publicUrl}/verifier/requests/${encodeURIComponent(id)}`
  return { requestUri: `${base}/request-object`, responseUri: `${base}/response` }
}

/** Webhook targets: https, or plain http only on an instance that itself runs on http (development). */
function checkWebhook(platform: Platform, url: string): string {
  const parsed = new URL(url)
  const devHttp = parsed.protocol === 'http:' && platform.publicUrl.startsWith('http:')
  if (parsed.protocol !== 'https:' && !devHttp) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'a webhook is an https URL' })
  }
  if (parsed.username || parsed.password) throw new PolisError('ERR_BAD_REQUEST', { detail: 'no credentials in URLs' })
  return parsed.href
}

/**
 * Creates a presentation request for an approved business: the purpose must be one it
 * registered and the DCQL query must stay within it (ERR_PURPOSE_NOT_REGISTERED,
 * ERR_CLAIM_NOT_REGISTERED); the request object is signed with its access certificate
 * and kept with the pending request, to be served at its request URI.
 */
export async function createVerifierRequest(
  platform: Platform,
  options: { business: Business; input: NewVerifierRequest },
): Promise<CreatedVerifierRequest> {
  const { business, input } = options
  const purpose = business.purposes.find((p) => p.id === input.purpose)
  if (!purpose) throw new PolisError('ERR_PURPOSE_NOT_REGISTERED', { detail: input.purpose })
  const webhook = input.webhook === undefined ? undefined : checkWebhook(platform, input.webhook)
  const id = randomBytes(18).toString('base64url')
  const { requestUri, responseUri } = requestUrls(platform.publicUrl, id)
  const now = platform.now()
  const created = await createPresentationRequest({
    signingKey: await businessSigningKey(platform, business),
    responseUri,
    dcqlQuery: input.dcql_query,
    ...(input.transaction_data ? { transactionData: input.transaction_data } : {}),
    ...(input.lifetime_seconds ? { lifetimeSeconds: input.lifetime_seconds } : {}),
    now,
  })
  assertWithinPurpose({ query: created.pending.dcqlQuery, purpose, publicUrl: platform.publicUrl })
  const expiresAt = new Date(created.pending.expiresAt * 1000).toISOString()
  await platform.store.db
    .insertInto('verifier_requests')
    .values({
      id,
      business_id: business.id,
      purpose: purpose.id,
      pending: JSON.stringify(created.pending),
      request_object: created.requestObject,
      webhook_url: webhook ?? null,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      answered_at: null,
      outcome: null,
      result: null,
      error_code: null,
    })
    .execute()
  return {
    id,
    clientId: created.pending.clientId,
    requestUri,
    responseUri,
    link: presentationRequestLink({ clientId: created.pending.clientId, requestUri }),
    expiresAt,
  }
}

async function getRequestRow(platform: Platform, id: string): Promise<VerifierRequestTable> {
  const row = await platform.store.db
    .selectFrom('verifier_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such request' })
  return row
}

/** A request of this business as it stands; another business's is not found. */
export async function viewVerifierRequest(
  platform: Platform,
  options: { business: Business; id: string },
): Promise<VerifierRequestView> {
  const row = await getRequestRow(platform, options.id)
  if (row.business_id !== options.business.id) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such request' })
  return viewOf(row, platform.now())
}

function viewOf(row: VerifierRequestTable, now: Date): VerifierRequestView {
  const base = { id: row.id, purpose: row.purpose, created_at: row.created_at, expires_at: row.expires_at }
  if (row.answered_at && row.outcome === 'verified') {
    // The claims are erased a day after the answer (pruneVerifierRequests); the outcome stays.
    const result = row.result ? { result: JSON.parse(row.result) as VerifiedAnswer } : {}
    return { ...base, status: 'verified', answered_at: row.answered_at, ...result }
  }
  if (row.answered_at) {
    const code = (row.error_code && row.error_code in errorCodes ? row.error_code : 'ERR_INTERNAL') as ErrorCode
    return { ...base, status: 'refused', answered_at: row.answered_at, error: { code, message: messageOf(code) } }
  }
  return { ...base, status: now.toISOString() > row.expires_at ? 'expired' : 'pending' }
}

/**
 * The signed request object for the wallet (OpenID4VP 1.0 section 5.10): only while the
 * request is open and its business still approved.
 */
export async function requestObjectOf(platform: Platform, id: string): Promise<string> {
  const row = await getRequestRow(platform, id)
  if (row.answered_at) throw new PolisError('ERR_RESPONSE_REPLAYED')
  if (platform.now().toISOString() > row.expires_at) throw new PolisError('ERR_REQUEST_EXPIRED')
  const business = await getBusiness(platform, row.business_id)
  if (business.status !== 'approved') throw new PolisError('ERR_BUSINESS_NOT_APPROVED')
  return row.request_object
}

/** What the platform registered for the business behind an open request: the wallet shows and checks it. */
export interface RequestRegistration {
  client_id: string
  legal_name: string
  register_number: string
  /** The business's registered data-protection contact: where the citizen asks it to delete what they shared. */
  privacy_contact: string
  /** Its registered words, and where the business gave them, the same in English, Ukrainian and Estonian. */
  purpose: { id: string; description: string; descriptions?: Purpose['descriptions'] }
  /** Per document type, its `vct` on this instance and the claims the purpose allows. */
  documents: Array<{ document: string; vct: string; claims: string[] }>
}

/**
 * The registration behind an open request (issue 7's registration certificate, as the
 * platform that keeps it answers): the purpose's words and what it allows, so that the
 * wallet can say why the business asks and refuse a claim outside it.
 */
export async function registrationOf(platform: Platform, id: string): Promise<RequestRegistration> {
  await requestObjectOf(platform, id)
  const row = await getRequestRow(platform, id)
  const business = await getBusiness(platform, row.business_id)
  const purpose = business.purposes.find((p) => p.id === row.purpose)
  if (!purpose || !business.clientId) throw new PolisError('ERR_PURPOSE_NOT_REGISTERED', { detail: row.purpose })
  return {
    client_id: business.clientId,
    legal_name: business.legalName,
    register_number: business.registerNumber,
    privacy_contact: business.privacyEmail,
    purpose: {
      id: purpose.id,
      description: purpose.description,
      ...(purpose.descriptions ? { descriptions: purpose.descriptions } : {}),
    },
    documents: purpose.documents.map((d) => ({
      document: d.document,
      vct: `${platform.publicUrl}/vct/${d.document}`,
      claims: d.claims,
    })),
  }
}

/**
 * Failures that say nothing of the holder's answer (it did not open with this request's
 * key, is not for it, came late or twice, or could not be checked just now): the request
 * stays open for the real answer. Any other failure is the answer, refused.
 */
export const leavesOpen: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ERR_MALFORMED',
  'ERR_TOO_LARGE',
  'ERR_UNSUPPORTED_ALGORITHM',
  'ERR_RESPONSE_MIXUP',
  'ERR_RESPONSE_UNDECRYPTABLE',
  'ERR_STATE_MISMATCH',
  'ERR_REQUEST_EXPIRED',
  'ERR_RESPONSE_REPLAYED',
  'ERR_STATUS_UNAVAILABLE',
  'ERR_INTERNAL',
])

/** What the wallet posted to the response URI (`application/x-www-form-urlencoded`). */
export const PostedResponse = z.object({
  response: z.string().optional(),
  error: z.string().max(100).optional(),
  error_description: z.string().max(500).optional(),
  state: z.string().max(200).optional(),
})
export type PostedResponse = z.infer<typeof PostedResponse>

/**
 * Receives the wallet's `direct_post.jwt` answer at a request's response URI: decrypts
 * and verifies it (@polis/oid4vp), then records it once, atomically, with the webhook
 * to deliver, so a second answer is ERR_RESPONSE_REPLAYED whichever process takes it.
 * A wallet's error response (the citizen declined) closes the request as refused.
 */
export async function receiveVerifierResponse(
  platform: Platform,
  options: { id: string; posted: PostedResponse },
): Promise<void> {
  const row = await getRequestRow(platform, options.id)
  if (row.answered_at) throw new PolisError('ERR_RESPONSE_REPLAYED')
  const now = platform.now()
  if (now.toISOString() > row.expires_at) throw new PolisError('ERR_REQUEST_EXPIRED')
  const pending = JSON.parse(row.pending) as PendingPresentationRequest
  const { posted } = options
  if (posted.response === undefined) {
    if (posted.error === undefined) throw new PolisError('ERR_MALFORMED', { detail: 'neither response nor error' })
    if (posted.state !== pending.state) throw new PolisError('ERR_STATE_MISMATCH')
    await settle(platform, row, { outcome: 'refused', code: 'ERR_HOLDER_DECLINED' })
    return
  }
  let result: PresentationResult
  try {
    result = await receivePresentationResponse({
      response: posted.response,
      request: pending,
      verifyChain: platform.trust.verifyChain,
      anchors: trustAnchors([platform.trust.anchor]),
      statusOf: (reference) => localStatus(platform, reference.uri, reference.idx),
      // Taken below, in one conditional update with the result and its webhook.
      claimResponse: () => true,
      now,
    })
  } catch (error) {
    const code = isPolisError(error) ? error.code : 'ERR_INTERNAL'
    if (!leavesOpen.has(code)) await settle(platform, row, { outcome: 'refused', code }).catch(() => {})
    throw error
  }
  await settle(platform, row, {
    outcome: 'verified',
    answer: answerOf(result),
    citizenId: await sharerOf(platform, result),
  })
}

/**
 * The citizen who answered: the one this instance issued every presented credential to,
 * found by their status-list entries (checked just before). Null when a credential is not
 * this instance's or they name different citizens: then nobody may ask for its deletion here.
 */
async function sharerOf(platform: Platform, result: PresentationResult): Promise<string | null> {
  const prefix = `${platform.publicUrl}/status/`
  const citizens = new Set<string>()
  for (const credential of result.credentials) {
    const status = credential.evidence.status
    if (!status?.uri.startsWith(prefix)) return null
    const row = await platform.store.db
      .selectFrom('issued_credentials')
      .select('citizen_id')
      .where('list_id', '=', status.uri.slice(prefix.length))
      .where('list_index', '=', status.idx)
      .executeTakeFirst()
    if (!row) return null
    citizens.add(row.citizen_id)
  }
  return citizens.size === 1 ? ([...citizens][0] ?? null) : null
}

async function localStatus(platform: Platform, uri: string, idx: number): Promise<number> {
  const prefix = `${platform.publicUrl}/status/`
  const status = uri.startsWith(prefix)
    ? await findLocalStatus(platform.store, uri.slice(prefix.length), idx)
    : undefined
  if (status === undefined)
    throw new PolisError('ERR_STATUS_UNAVAILABLE', { detail: 'not a status list of this instance' })
  return status
}

function answerOf(result: PresentationResult): VerifiedAnswer {
  return {
    credentials: result.credentials.map((credential) => ({
      query_id: credential.queryId,
      format: credential.format,
      claims: jsonSafe(credential.claims) as Record<string, unknown>,
      evidence: jsonSafe(credential.evidence) as Record<string, unknown>,
    })),
    transaction_data: result.transactionData.map((encoded) => {
      const bytes = fromBase64url(encoded)
      return bytes ? JSON.parse(bytes.toString('utf8')) : null
    }),
    verified_at: result.verifiedAt.toISOString(),
  }
}

/** Claims as JSON: bytes (a portrait) as base64url, dates as ISO text. */
function jsonSafe(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64url')
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), jsonSafe(v)]))
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, jsonSafe(v)]])))
  }
  return value
}

/**
 * Closes a request once: the conditional update that sets `answered_at` (and forgets the
 * request's decryption key) succeeds for one caller only; its webhook row is written in
 * the same transaction, so an answer is never recorded without its delivery.
 */
async function settle(
  platform: Platform,
  row: VerifierRequestTable,
  outcome:
    | { outcome: 'verified'; answer: VerifiedAnswer; citizenId: string | null }
    | { outcome: 'refused'; code: ErrorCode },
): Promise<void> {
  const now = platform.now()
  await platform.store.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('verifier_requests')
      .set({
        answered_at: now.toISOString(),
        outcome: outcome.outcome,
        result: outcome.outcome === 'verified' ? JSON.stringify(outcome.answer) : null,
        error_code: outcome.outcome === 'refused' ? outcome.code : null,
        citizen_id: outcome.outcome === 'verified' ? outcome.citizenId : null,
        pending: '{}',
      })
      .where('id', '=', row.id)
      .where('answered_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new PolisError('ERR_RESPONSE_REPLAYED')
    if (!row.webhook_url) return
    const answered = await trx
      .selectFrom('verifier_requests')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    const view = viewOf(answered, now)
    await trx
      .insertInto('verifier_webhooks')
      .values(webhookRow({ id: randomUUID(), url: row.webhook_url, view, businessId: row.business_id, now }))
      .execute()
  })
}
