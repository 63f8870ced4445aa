import { randomBytes } from 'node:crypto'
import { isTrustRefusal } from '@polis/documents/qr'
import { type ErrorCode, isPolisError, type Language, PolisError } from '@polis/kernel'
import { type CredentialOffer, createCredentialOffer } from '@polis/oid4vc'
import {
  createPresentationRequest,
  type PendingPresentationRequest,
  presentationRequestLink,
  receivePresentationResponse,
  type VerifiedCredential,
} from '@polis/oid4vp'
import { registerForeignResident } from '@polis/registries'
import type { CrossBorderApplicationTable } from '@polis/store'
import { z } from 'zod'
import { listFederatedCountries } from '../federation/federated-countries.ts'
import { offerableConfigurations } from '../issuance/offerable-configurations.ts'
import { countryProfile } from '../platform/country-profile.ts'
import type { Platform } from '../platform/create-platform.ts'
import type { Verifier } from '../verification/create-verifier.ts'
import { leavesOpen, type PostedResponse } from '../verifier-api/verifier-requests.ts'
import { officeVerifierKey } from './office-verifier-key.ts'
import { type AskedDocument, addressQuestions, temporaryResidence } from './temporary-residence.ts'

/** Where an application stands, computed from its events (`statusOf`). */
export type CrossBorderStatus =
  | 'awaiting-documents'
  | 'documents-refused'
  | 'awaiting-address'
  | 'in-review'
  | 'approved'
  | 'rejected'

/** One foreign document as it verified: the claims asked, who issued it and in which country. */
export interface VerifiedForeignDocument {
  type: string
  claims: Record<string, unknown>
  country: { code: string; name: string }
  /** The issuer's certificate subject. */
  issuer: string
  /** The issuer's names as its country's trust list gives them. */
  issuerNames?: Record<Language, string> | undefined
  expiresAt: string | undefined
}

/** What happened to an application; its data as each type records it. */
export type CrossBorderEvent =
  | { type: 'started'; actor: 'applicant'; at: string; data: Record<string, never> }
  | {
      type: 'documents-refused'
      actor: 'system'
      at: string
      /** The refusal's code, and for another country's trust the country and issuer it names. */
      data: { code: ErrorCode; country?: string; issuer?: Record<Language, string> }
    }
  | {
      type: 'documents-verified'
      actor: 'system'
      at: string
      data: { identity: VerifiedForeignDocument; displacement: VerifiedForeignDocument }
    }
  | { type: 'address-given'; actor: 'applicant'; at: string; data: { address: Record<string, string> } }
  | {
      type: 'approved'
      actor: `official:${string}`
      at: string
      data: { citizenId: string; personalNumber: string; permitNumber: string }
    }
  | { type: 'rejected'; actor: `official:${string}`; at: string; data: { reason: string } }

/** The status an application's events lead to: the reducer the lists and pages read. */
export function statusOf(events: ReadonlyArray<Pick<CrossBorderEvent, 'type'>>): CrossBorderStatus {
  let status: CrossBorderStatus = 'awaiting-documents'
  for (const event of events) {
    if (event.type === 'started') status = 'awaiting-documents'
    else if (event.type === 'documents-refused') status = 'documents-refused'
    else if (event.type === 'documents-verified') status = 'awaiting-address'
    else if (event.type === 'address-given') status = 'in-review'
    else if (event.type === 'approved') status = 'approved'
    else if (event.type === 'rejected') status = 'rejected'
  }
  return status
}

/** An application with its history and what that history says. */
export interface CrossBorderApplication {
  id: string
  service: string
  createdAt: string
  status: CrossBorderStatus
  events: CrossBorderEvent[]
  /** The documents as verified, once they were. */
  documents: { identity: VerifiedForeignDocument; displacement: VerifiedForeignDocument } | undefined
  address: Record<string, string> | undefined
  decision: Extract<CrossBorderEvent, { type: 'approved' | 'rejected' }> | undefined
  /** The last refusal of the documents shared, while it stands. */
  refusal: Extract<CrossBorderEvent, { type: 'documents-refused' }>['data'] | undefined
  /** The wallet's link and request URI of the open presentation request, while it is open. */
  request: { link: string; requestUri: string; expiresAt: string } | undefined
}

const EventRow = z.object({ type: z.string(), actor: z.string(), at: z.string(), data: z.string() })

/** The applicant's application by its id; ERR_NOT_FOUND for any other id. */
export async function getCrossBorderApplication(platform: Platform, id: string): Promise<CrossBorderApplication> {
  const row = await platform.store.db
    .selectFrom('cross_border_applications')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such application' })
  const rows = await platform.store.db
    .selectFrom('cross_border_events')
    .select(['type', 'actor', 'at', 'data'])
    .where('application_id', '=', id)
    .orderBy('seq')
    .execute()
  const events = rows.map((r) => {
    const parsed = EventRow.parse(r)
    return { ...parsed, data: JSON.parse(parsed.data) } as CrossBorderEvent
  })
  return viewOf(platform, row, events)
}

function viewOf(platform: Platform, row: CrossBorderApplicationTable, events: CrossBorderEvent[]) {
  const status = statusOf(events)
  const find = <T extends CrossBorderEvent['type']>(type: T) =>
    events.findLast((e): e is Extract<CrossBorderEvent, { type: T }> => e.type === type)
  const requestOpen =
    status === 'awaiting-documents' &&
    row.request_id !== null &&
    row.answered_at === null &&
    row.request_expires_at !== null &&
    platform.now().toISOString() <= row.request_expires_at
  const pending = requestOpen ? (JSON.parse(row.pending) as PendingPresentationRequest) : undefined
  const requestUri = row.request_id ? requestUrls(platform, row.request_id).requestUri : undefined
  return {
    id: row.id,
    service: row.service,
    createdAt: row.created_at,
    status,
    events,
    documents: find('documents-verified')?.data,
    address: find('address-given')?.data.address,
    decision: find('approved') ?? find('rejected'),
    refusal: status === 'documents-refused' ? find('documents-refused')?.data : undefined,
    request:
      pending && requestUri && row.request_expires_at
        ? {
            link: presentationRequestLink({ clientId: pending.clientId, requestUri }),
            requestUri,
            expiresAt: row.request_expires_at,
          }
        : undefined,
  }
}

/** The wallet's URLs of a presentation request. */
export function requestUrls(platform: Platform, requestId: string) {
  const base = `${platform.publicUrl}/cross-border/requests/${encodeURIComponent(requestId)}`
  return { requestUri: `${base}/request-object`, responseUri: `${base}/response` }
}

async function appendEvent(
  db: Platform['store']['db'],
  id: string,
  event: CrossBorderEvent,
  options: { expected?: CrossBorderStatus[]; conflict?: ErrorCode } = {},
): Promise<void> {
  // The row first, guarded by the status the step starts from: the update locks it, so of
  // two writers of one step (two officials deciding) the second finds it changed.
  let locking = db
    .updateTable('cross_border_applications')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', id)
  if (options.expected) locking = locking.where('status', 'in', options.expected)
  const locked = await locking.executeTakeFirst()
  if (Number(locked.numUpdatedRows) !== 1) {
    throw new PolisError(options.conflict ?? 'ERR_APPLICATION_NOT_AT_STEP', { detail: 'the application moved on' })
  }
  const events = await db
    .selectFrom('cross_border_events')
    .select(['type', 'seq'])
    .where('application_id', '=', id)
    .orderBy('seq')
    .execute()
  const types = events.map((e) => ({ type: e.type as CrossBorderEvent['type'] }))
  await db
    .insertInto('cross_border_events')
    .values({
      application_id: id,
      seq: (events.at(-1)?.seq ?? -1) + 1,
      type: event.type,
      actor: event.actor,
      at: event.at,
      data: JSON.stringify(event.data),
    })
    .execute()
  await db
    .updateTable('cross_border_applications')
    .set({ status: statusOf([...types, event]) })
    .where('id', '=', id)
    .execute()
}

/**
 * The DCQL query of the service: the identity card and the displaced person's certificate,
 * as SD-JWT VCs of the countries this one federates with, each issued by an agency their
 * list entitles to it. The certificate is asked but optional to the wallet, so that an
 * applicant without one is told why here rather than the wallet finding nothing to send.
 */
async function dcqlQuery(platform: Platform) {
  const countries = (await listFederatedCountries(platform)).flatMap((country) =>
    country.checked ? [{ origin: new URL(country.listUrl).origin, trust: country.checked.trust }] : [],
  )
  // A Polis instance names its types `{origin}/vct/{code}`, on the origin that serves its list.
  // A withdrawn issuer's documents are asked for too: their refusal then names the withdrawal.
  const vctValues = (type: string) =>
    countries
      .filter((c) =>
        [...c.trust.issuers, ...[...c.trust.withdrawn.values()].map((w) => w.issuer)].some((issuer) =>
          issuer.documents.includes(type),
        ),
      )
      .map((c) => `${c.origin}/vct/${type}`)
  const credentials = (Object.keys(temporaryResidence.documents) as AskedDocument[]).map((id) => {
    const asked = temporaryResidence.documents[id]
    return {
      id,
      format: 'dc+sd-jwt',
      meta: { vct_values: vctValues(asked.type) },
      claims: asked.claims.map((claim) => ({ path: [claim] })),
    }
  })
  // No country this instance federates with issues them: the service is not offered here.
  if (credentials.some((c) => c.meta.vct_values.length === 0)) {
    throw new PolisError('ERR_UNKNOWN_SERVICE', { detail: 'no federated country issues these documents' })
  }
  return {
    credentials,
    credential_sets: [{ options: [['identity']] }, { options: [['displacement']], required: false }],
  }
}

/** Starts an application: its id, which is the applicant's handle on it, and the first presentation request. */
/**
 * Whether this instance offers the service: only while a country it federates with issues
 * the documents it asks for. ERR_UNKNOWN_SERVICE otherwise (Ukraine's own instance).
 */
export async function assertCrossBorderOffered(platform: Platform): Promise<void> {
  await dcqlQuery(platform)
}

export async function startCrossBorderApplication(platform: Platform): Promise<{ id: string }> {
  // Offered only while a federated country issues the documents it asks for: checked before anything is written.
  await dcqlQuery(platform)
  const id = randomBytes(18).toString('base64url')
  const now = platform.now().toISOString()
  await platform.store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cross_border_applications')
      .values({
        id,
        service: temporaryResidence.code,
        created_at: now,
        status: 'awaiting-documents',
        request_id: null,
        pending: '{}',
        request_object: null,
        request_expires_at: null,
        answered_at: null,
      })
      .execute()
    await appendEvent(trx, id, { type: 'started', actor: 'applicant', at: now, data: {} })
  })
  await openPresentationRequest(platform, id)
  return { id }
}

/**
 * Opens a new presentation request for an application waiting for its documents, or whose
 * documents were refused (the applicant tries again): signed by the agency's access
 * certificate, ten minutes to answer.
 */
export async function openPresentationRequest(platform: Platform, id: string): Promise<void> {
  const application = await getCrossBorderApplication(platform, id)
  if (application.status !== 'awaiting-documents' && application.status !== 'documents-refused') {
    throw new PolisError('ERR_APPLICATION_NOT_AT_STEP', { detail: `the application is ${application.status}` })
  }
  const requestId = randomBytes(18).toString('base64url')
  const created = await createPresentationRequest({
    signingKey: await officeVerifierKey(platform),
    responseUri: requestUrls(platform, requestId).responseUri,
    dcqlQuery: await dcqlQuery(platform),
    lifetimeSeconds: 600,
    now: platform.now(),
  })
  await platform.store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('cross_border_applications')
      .set({
        request_id: requestId,
        pending: JSON.stringify(created.pending),
        request_object: created.requestObject,
        request_expires_at: new Date(created.pending.expiresAt * 1000).toISOString(),
        answered_at: null,
      })
      .where('id', '=', id)
      .execute()
    if (application.status === 'documents-refused') {
      await appendEvent(
        trx,
        id,
        { type: 'started', actor: 'applicant', at: platform.now().toISOString(), data: {} },
        { expected: ['documents-refused'] },
      )
    }
  })
}

async function rowOfRequest(platform: Platform, requestId: string) {
  const row = await platform.store.db
    .selectFrom('cross_border_applications')
    .selectAll()
    .where('request_id', '=', requestId)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such request' })
  if (row.answered_at) throw new PolisError('ERR_RESPONSE_REPLAYED')
  if (!row.request_expires_at || platform.now().toISOString() > row.request_expires_at) {
    throw new PolisError('ERR_REQUEST_EXPIRED')
  }
  return row
}

/** The signed request object of an open request (OpenID4VP 1.0 section 5.10). */
export async function crossBorderRequestObject(platform: Platform, requestId: string): Promise<string> {
  const row = await rowOfRequest(platform, requestId)
  if (!row.request_object) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such request' })
  return row.request_object
}

const Names = z.object({
  family_name: z.string(),
  given_name: z.string(),
  birth_date: z.string(),
})

/**
 * Checks what the presented documents say beyond their signatures: both are another
 * country's (ERR_FOREIGN_DOCUMENT_REQUIRED), each issuer entitled by its country's list to
 * its type (ERR_ISSUER_NOT_ENTITLED), the certificate is there (ERR_IDP_CERTIFICATE_MISSING)
 * and names the holder of the identity card (ERR_DOCUMENTS_NAME_DIFFERENT_PEOPLE).
 */
export function checkForeignDocuments(
  credentials: VerifiedCredential[],
  trust: {
    assertEntitled: (options: { issuerSubject: string; type: string }) => void
    countryOf: (subject: string) => { code: string; name: string } | undefined
    issuerOf?: (subject: string) => { name: Record<Language, string> } | undefined
  },
): { identity: VerifiedForeignDocument; displacement: VerifiedForeignDocument } {
  const documents: Partial<Record<AskedDocument, VerifiedForeignDocument>> = {}
  for (const credential of credentials) {
    const country = trust.countryOf(credential.evidence.issuer)
    if (!country) throw new PolisError('ERR_FOREIGN_DOCUMENT_REQUIRED')
    trust.assertEntitled({ issuerSubject: credential.evidence.issuer, type: credential.evidence.type })
    documents[credential.queryId as AskedDocument] = {
      type: credential.evidence.type.slice(credential.evidence.type.lastIndexOf('/') + 1),
      claims: credential.claims,
      country,
      issuer: credential.evidence.issuer,
      issuerNames: trust.issuerOf?.(credential.evidence.issuer)?.name,
      expiresAt: credential.evidence.expiresAt?.toISOString(),
    }
  }
  const { identity, displacement } = documents
  if (!identity) throw new PolisError('ERR_DCQL_UNSATISFIED', { detail: 'no identity card' })
  if (!displacement) throw new PolisError('ERR_IDP_CERTIFICATE_MISSING')
  const a = Names.safeParse(identity.claims)
  const b = Names.safeParse(displacement.claims)
  const same = (x: string, y: string) => x.trim().toLocaleLowerCase('uk') === y.trim().toLocaleLowerCase('uk')
  if (
    !a.success ||
    !b.success ||
    !same(a.data.family_name, b.data.family_name) ||
    !same(a.data.given_name, b.data.given_name) ||
    a.data.birth_date !== b.data.birth_date ||
    displacement.country.code !== identity.country.code
  ) {
    throw new PolisError('ERR_DOCUMENTS_NAME_DIFFERENT_PEOPLE')
  }
  return { identity, displacement }
}

/**
 * Receives the wallet's `direct_post.jwt` answer: verified against this country's and the
 * federated countries' trust (a withdrawn issuer refused as such), then checked for the
 * service. A refusal is recorded on the application, which the applicant reads and may
 * answer again; either way the request is then closed.
 */
export async function receiveCrossBorderResponse(
  platform: Platform,
  options: { requestId: string; posted: PostedResponse; verifier: Verifier },
): Promise<void> {
  const row = await rowOfRequest(platform, options.requestId)
  const pending = JSON.parse(row.pending) as PendingPresentationRequest
  const now = platform.now()
  const { posted } = options
  /** Closes the request, once (a second answer is a replay), with what came of it. */
  const close = (event: Extract<CrossBorderEvent, { type: 'documents-refused' | 'documents-verified' }>) =>
    platform.store.db.transaction().execute(async (trx) => {
      const answered = await trx
        .updateTable('cross_border_applications')
        .set({ answered_at: now.toISOString(), pending: '{}' })
        .where('request_id', '=', options.requestId)
        .where('answered_at', 'is', null)
        .executeTakeFirst()
      if (Number(answered.numUpdatedRows) !== 1) throw new PolisError('ERR_RESPONSE_REPLAYED')
      await appendEvent(trx, row.id, event, { expected: ['awaiting-documents'] })
    })
  const refuse = async (error: unknown) => {
    const code = isPolisError(error) ? error.code : 'ERR_INTERNAL'
    // Another country's refusal names it and the issuer at fault: the applicant reads both.
    const named = isTrustRefusal(error)
      ? { country: error.country.code, ...(error.issuer ? { issuer: error.issuer.name } : {}) }
      : {}
    await close({ type: 'documents-refused', actor: 'system', at: now.toISOString(), data: { code, ...named } })
  }
  if (posted.response === undefined) {
    if (posted.error === undefined) throw new PolisError('ERR_MALFORMED', { detail: 'neither response nor error' })
    if (posted.state !== pending.state) throw new PolisError('ERR_STATE_MISMATCH')
    await refuse(new PolisError('ERR_HOLDER_DECLINED'))
    return
  }
  const trust = await options.verifier.presentationTrust()
  let documents: ReturnType<typeof checkForeignDocuments>
  try {
    const result = await receivePresentationResponse({
      response: posted.response,
      request: pending,
      verifyChain: trust.verifyChain,
      anchors: trust.anchors,
      statusOf: (reference) => trust.statusOf(reference),
      claimResponse: () => true,
      now,
    })
    documents = checkForeignDocuments(result.credentials, trust)
  } catch (error) {
    const code = isPolisError(error) ? error.code : 'ERR_INTERNAL'
    if (!leavesOpen.has(code)) await refuse(error)
    throw error
  }
  await close({
    type: 'documents-verified',
    actor: 'system',
    at: now.toISOString(),
    data: jsonSafe(documents) as typeof documents,
  })
}

/** The address form's answers, checked: each problem by its question's id. */
export function checkAddress(form: Record<string, unknown>): {
  address: Record<string, string>
  problems: Record<string, 'required' | 'invalid'>
} {
  const address: Record<string, string> = {}
  const problems: Record<string, 'required' | 'invalid'> = {}
  for (const question of addressQuestions) {
    const raw = form[question.id]
    const value = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : ''
    if (value === '') {
      if (question.required) problems[question.id] = 'required'
      continue
    }
    if (value.length > question.maxLength || (question.pattern && !question.pattern.test(value))) {
      problems[question.id] = 'invalid'
      continue
    }
    address[question.id] = value
  }
  return { address, problems }
}

/** The applicant's address here, once the documents verified: the application goes to the office. */
export async function giveCrossBorderAddress(
  platform: Platform,
  options: { id: string; address: Record<string, string> },
): Promise<void> {
  await platform.store.db.transaction().execute(async (trx) => {
    await appendEvent(
      trx,
      options.id,
      {
        type: 'address-given',
        actor: 'applicant',
        at: platform.now().toISOString(),
        data: { address: options.address },
      },
      { expected: ['awaiting-address'] },
    )
  })
}

/** The applications an office sees: waiting ones first, then the decided, newest first. */
export async function listCrossBorderApplications(platform: Platform) {
  const rows = await platform.store.db
    .selectFrom('cross_border_applications')
    .select(['id', 'status', 'created_at'])
    .where('status', 'in', ['in-review', 'approved', 'rejected'])
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute()
  return [...rows.filter((r) => r.status === 'in-review'), ...rows.filter((r) => r.status !== 'in-review')]
}

/**
 * An official's decision. Approving registers the applicant as a resident here (a
 * personal number, their address, the permit) in the same transaction as the decision,
 * so the permit is in the registers the moment the applicant may take it.
 */
export async function decideCrossBorderApplication(
  platform: Platform,
  options:
    | { id: string; official: string; decision: 'approve' }
    | { id: string; official: string; decision: 'reject'; reason: string },
): Promise<void> {
  const application = await getCrossBorderApplication(platform, options.id)
  if (application.status !== 'in-review' || !application.documents || !application.address) {
    throw new PolisError(application.decision ? 'ERR_CASE_DECIDED' : 'ERR_APPLICATION_NOT_AT_STEP', {
      detail: `the application is ${application.status}`,
    })
  }
  const at = platform.now().toISOString()
  const actor = `official:${options.official}` as const
  if (options.decision === 'reject') {
    const reason = options.reason.trim()
    if (reason.length < 3 || reason.length > 1000) throw new PolisError('ERR_BAD_REQUEST', { field: 'reason' })
    await platform.store.db.transaction().execute(async (trx) => {
      await appendEvent(
        trx,
        options.id,
        { type: 'rejected', actor, at, data: { reason } },
        { expected: ['in-review'], conflict: 'ERR_CASE_DECIDED' },
      )
    })
    return
  }
  const claims = application.documents.identity.claims
  const Identity = z.object({
    family_name_latin: z.string().min(1),
    given_name_latin: z.string().min(1),
    birth_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    sex: z.union([z.literal(1), z.literal(2)]),
    birth_place: z.string().default(''),
  })
  const identity = Identity.parse(claims)
  const address = application.address
  const profile = countryProfile(platform.config)
  await platform.store.db.transaction().execute(async (trx) => {
    const registered = await registerForeignResident(
      trx,
      {
        familyName: identity.family_name_latin,
        givenName: identity.given_name_latin,
        birthDate: identity.birth_date,
        sex: identity.sex,
        nationality: application.documents?.identity.country.code ?? '',
        birthPlace: identity.birth_place,
        address: {
          country: platform.config.POLIS_COUNTRY_CODE,
          region: address.region ?? '',
          locality: address.locality ?? '',
          locality_type: '',
          street: address.street ?? '',
          house_number: address.apartment
            ? `${address.house_number}-${address.apartment}`
            : (address.house_number ?? ''),
          apartment: null,
          postal_code: address.postal_code ?? '',
        },
        permit: {
          type: temporaryResidence.permit.type,
          grounds: temporaryResidence.permit.grounds,
          authority:
            profile.agencies.find((a) => a.code === temporaryResidence.agency)?.name[profile.language] ??
            temporaryResidence.agency,
          validYears: temporaryResidence.permit.validYears,
        },
      },
      { estonian: platform.config.POLIS_COUNTRY_CODE === 'EE', now: platform.now() },
    )
    await appendEvent(
      trx,
      options.id,
      { type: 'approved', actor, at, data: registered },
      { expected: ['in-review'], conflict: 'ERR_CASE_DECIDED' },
    )
  })
}

/**
 * An offer of the residence permit for the applicant's wallet (OpenID4VCI 1.0, pre-authorised
 * code with a transaction code shown beside it), fifteen minutes to take it; only once approved.
 */
export async function offerResidencePermit(platform: Platform, id: string): Promise<CredentialOffer> {
  const application = await getCrossBorderApplication(platform, id)
  if (application.decision?.type !== 'approved') {
    throw new PolisError('ERR_APPLICATION_NOT_AT_STEP', { detail: `the application is ${application.status}` })
  }
  const { citizenId } = application.decision.data
  const configurationIds = await offerableConfigurations({
    queryRegistry: platform.queryRegistry,
    citizenId,
    documentTypes: [temporaryResidence.permit.document],
  })
  if (configurationIds.length === 0) throw new PolisError('ERR_NO_REGISTRY_RECORD')
  return createCredentialOffer({
    store: platform.store,
    credentialIssuer: platform.publicUrl,
    citizenId,
    configurationIds,
    now: platform.now(),
    withTxCode: true,
  })
}

/** Claims as JSON: bytes as base64url, dates as ISO text. */
function jsonSafe(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64url')
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, jsonSafe(v)]])))
  }
  return value
}
