import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { hashSecret, PolisError } from '@polis/kernel'
import { issueAccessCertificate, x509HashClientId } from '@polis/oid4vp'
import { findLegalEntity } from '@polis/registries'
import type { BusinessTable } from '@polis/store'
import { z } from 'zod'
import type { Platform } from '../platform/create-platform.ts'
import { loadAccessCa } from './access-ca.ts'
import { type Purposes, parsePurposes } from './purposes.ts'

/** Where a registration stands; only an approved business may ask. */
export type BusinessStatus = 'pending' | 'approved' | 'refused' | 'revoked'

/** A business registered to ask citizens for documents. */
export interface Business {
  id: string
  legalName: string
  registerNumber: string
  contactEmail: string
  privacyEmail: string
  purposes: Purposes
  status: BusinessStatus
  registeredAt: string
  decidedAt: string | undefined
  decidedBy: string | undefined
  /** Why it was refused or revoked, in the approver's words. */
  decisionReason: string | undefined
  /** `x509_hash:...` once approved: what wallets know the business by. */
  clientId: string | undefined
  /** Base64 DER of its access certificate, once approved. */
  certificate: string | undefined
}

/** A registration as a business submits it. */
export const BusinessRegistration = z.object({
  registerNumber: z.string().regex(/^\d{8,12}$/, 'a register number is 8 to 12 digits'),
  contactEmail: z.email().max(200),
  privacyEmail: z.email().max(200),
  purposes: z.unknown(),
})
export type BusinessRegistration = z.infer<typeof BusinessRegistration>

const email = z.email()

function toBusiness(row: BusinessTable): Business {
  return {
    id: row.id,
    legalName: row.legal_name,
    registerNumber: row.register_number,
    contactEmail: row.contact_email,
    privacyEmail: row.privacy_email,
    purposes: parsePurposes(JSON.parse(row.purposes)),
    status: z.enum(['pending', 'approved', 'refused', 'revoked']).parse(row.status),
    registeredAt: row.registered_at,
    decidedAt: row.decided_at ?? undefined,
    decidedBy: row.decided_by ?? undefined,
    decisionReason: row.decision_reason ?? undefined,
    clientId: row.client_id ?? undefined,
    certificate: row.certificate ?? undefined,
  }
}

/**
 * Registers a business: its number must name a registered legal entity of the business
 * register, whose legal name it takes (ERR_NOT_IN_BUSINESS_REGISTER); it waits for an
 * office decision.
 */
export async function registerBusiness(platform: Platform, input: unknown): Promise<Business> {
  const parsed = BusinessRegistration.safeParse(input)
  if (!parsed.success) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: `registration: ${parsed.error.issues[0]?.message}` })
  }
  const registration = parsed.data
  const purposes = parsePurposes(registration.purposes)
  const entity = await findLegalEntity(platform.store, registration.registerNumber)
  if (entity?.status !== 'registered') throw new PolisError('ERR_NOT_IN_BUSINESS_REGISTER')
  const existing = await platform.store.db
    .selectFrom('businesses')
    .select('id')
    .where('register_number', '=', entity.registerNumber)
    .executeTakeFirst()
  if (existing) throw new PolisError('ERR_ALREADY_REGISTERED', { detail: `business ${existing.id}` })
  const row: BusinessTable = {
    id: randomUUID(),
    register_number: entity.registerNumber,
    legal_name: entity.legalName,
    contact_email: email.parse(registration.contactEmail),
    privacy_email: email.parse(registration.privacyEmail),
    purposes: JSON.stringify(purposes),
    status: 'pending',
    registered_at: platform.now().toISOString(),
    decided_at: null,
    decided_by: null,
    key_id: null,
    certificate: null,
    client_id: null,
    webhook_secret: null,
    decision_reason: null,
  }
  await platform.store.db.insertInto('businesses').values(row).execute()
  return toBusiness(row)
}

/**
 * Adds a purpose to a registration still waiting for the office (ERR_CASE_DECIDED once
 * decided: a decided business's purposes change only by a new registration); its
 * documents and claims are checked as at registration, its id must be new.
 */
export async function addPurpose(
  platform: Platform,
  options: { businessId: string; purpose: unknown },
): Promise<Business> {
  const business = await getBusiness(platform, options.businessId)
  if (business.status !== 'pending') throw new PolisError('ERR_CASE_DECIDED', { detail: business.status })
  const purposes = parsePurposes([...business.purposes, options.purpose])
  const updated = await platform.store.db
    .updateTable('businesses')
    .set({ purposes: JSON.stringify(purposes) })
    .where('id', '=', business.id)
    .where('status', '=', 'pending')
    .where('purposes', '=', JSON.stringify(business.purposes))
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new PolisError('ERR_CASE_DECIDED', { detail: 'changed meanwhile' })
  return getBusiness(platform, business.id)
}

/** A business by id, or undefined. */
export async function findBusiness(platform: Platform, id: string): Promise<Business | undefined> {
  const row = await platform.store.db.selectFrom('businesses').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toBusiness(row) : undefined
}

/** A business by id; ERR_NOT_FOUND when there is none. */
export async function getBusiness(platform: Platform, id: string): Promise<Business> {
  const business = await findBusiness(platform, id)
  if (!business) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such business' })
  return business
}

/** The registration of a legal entity of the register, or undefined. */
export async function findBusinessByRegisterNumber(
  platform: Platform,
  registerNumber: string,
): Promise<Business | undefined> {
  const row = await platform.store.db
    .selectFrom('businesses')
    .selectAll()
    .where('register_number', '=', registerNumber)
    .executeTakeFirst()
  return row ? toBusiness(row) : undefined
}

/** Every business, newest registration last. */
export async function listBusinesses(platform: Platform): Promise<Business[]> {
  const rows = await platform.store.db.selectFrom('businesses').selectAll().orderBy('registered_at').execute()
  return rows.map(toBusiness)
}

/** Who decides on registrations: an active official with the approver role. */
async function assertApprover(platform: Platform, official: string): Promise<void> {
  const row = await platform.store.db
    .selectFrom('officials')
    .select(['roles', 'disabled_at'])
    .where('citizen_id', '=', official)
    .executeTakeFirst()
  const roles = row && !row.disabled_at ? z.array(z.string()).parse(JSON.parse(row.roles)) : []
  if (!roles.includes('approver')) throw new PolisError('ERR_FORBIDDEN', { detail: 'not an approver' })
}

/** What approval hands the business once: its webhook secret (its API keys come separately). */
export interface Approval {
  business: Business
  webhookSecret: string
}

const webhookLabel = (id: string) => `business-webhook:${id}`

/**
 * Approves a pending registration: a request-signing key for the business, its access
 * certificate from the platform's access CA (legal name and register number in its
 * subject, a year of validity) and a webhook secret, shown once.
 */
export async function approveBusiness(
  platform: Platform,
  options: { id: string; official: string },
): Promise<Approval> {
  await assertApprover(platform, options.official)
  const business = await getBusiness(platform, options.id)
  if (business.status !== 'pending') throw new PolisError('ERR_CASE_DECIDED', { detail: business.status })
  const keyId = `business:${business.id}`
  if (!(await platform.keys.findPublicKey(keyId))) await platform.keys.generate(keyId)
  const ca = await loadAccessCa(platform)
  const now = platform.now()
  const certificate = await issueAccessCertificate({
    publicKey: await platform.keys.publicCryptoKey(keyId),
    business: {
      legalName: business.legalName,
      registerNumber: business.registerNumber,
      country: platform.config.POLIS_COUNTRY_CODE,
    },
    ca: { certificate: ca.certificate, privateKey: await platform.keys.privateCryptoKey(ca.keyId) },
    notBefore: now,
    validityDays: 365,
  })
  const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`
  const updated = await platform.store.db
    .updateTable('businesses')
    .set({
      status: 'approved',
      decided_at: now.toISOString(),
      decided_by: options.official,
      key_id: keyId,
      certificate: Buffer.from(certificate).toString('base64'),
      client_id: await x509HashClientId(certificate),
      webhook_secret: platform.keys.seal(webhookSecret, webhookLabel(business.id)),
    })
    .where('id', '=', business.id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new PolisError('ERR_CASE_DECIDED')
  const approved = await getBusiness(platform, business.id)
  await tellBusiness(platform, approved)
  return { business: approved, webhookSecret }
}

/** A reason for refusing or revoking, written to the business: 3 to 1000 characters. */
const DecisionReason = z.string().trim().min(3).max(1000)

/**
 * Refuses a pending registration, or revokes an approved one: its keys stop working at
 * once. The reason, when given (the office asks for one; ERR_BAD_REQUEST when too short), is shown to the business.
 */
export async function endBusiness(
  platform: Platform,
  options: { id: string; official: string; to: 'refused' | 'revoked'; reason?: string },
): Promise<Business> {
  await assertApprover(platform, options.official)
  const reason = options.reason === undefined ? undefined : DecisionReason.safeParse(options.reason)
  if (reason && !reason.success)
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the reason is 3 to 1000 characters', field: 'reason' })
  const from = options.to === 'refused' ? 'pending' : 'approved'
  const updated = await platform.store.db
    .updateTable('businesses')
    .set({
      status: options.to,
      decided_at: platform.now().toISOString(),
      decided_by: options.official,
      decision_reason: reason?.data ?? null,
    })
    .where('id', '=', options.id)
    .where('status', '=', from)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) {
    await getBusiness(platform, options.id)
    throw new PolisError('ERR_CASE_DECIDED', { detail: `only a ${from} business can be ${options.to}` })
  }
  const ended = await getBusiness(platform, options.id)
  await tellBusiness(platform, ended)
  return ended
}

/** The decision, by e-mail to the business's contact through the mail outbox: where to read it. */
async function tellBusiness(platform: Platform, business: Business): Promise<void> {
  const now = platform.now().toISOString()
  const state = { pending: 'is waiting', approved: 'was approved', refused: 'was refused', revoked: 'was revoked' }
  await platform.store.db
    .insertInto('mail_outbox')
    .values({
      id: randomUUID(),
      to_address: business.contactEmail,
      subject: `${business.legalName}: your registration for sharing ${state[business.status]}`,
      body:
        `The registration of ${business.legalName} (${business.registerNumber}) to ask citizens for documents ` +
        `${state[business.status]}${business.decisionReason ? `: ${business.decisionReason}` : '.'}\n\n` +
        `Your business cabinet: ${platform.publicUrl}/business/${business.registerNumber}\n`,
      created_at: now,
      next_attempt_at: now,
      attempts: 0,
      sent_at: null,
    })
    .execute()
}

/**
 * Gives an approved business a new webhook secret, shown once: the office's approval
 * does not show the first one to anybody, and a business that lost its secret needs
 * another. Deliveries still waiting are signed with the new one.
 */
export async function renewWebhookSecret(platform: Platform, businessId: string): Promise<string> {
  const business = await getBusiness(platform, businessId)
  if (business.status !== 'approved') throw new PolisError('ERR_BUSINESS_NOT_APPROVED')
  const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`
  await platform.store.db
    .updateTable('businesses')
    .set({ webhook_secret: platform.keys.seal(webhookSecret, webhookLabel(business.id)) })
    .where('id', '=', business.id)
    .where('status', '=', 'approved')
    .execute()
  return webhookSecret
}

/** The webhook secret of an approved business, to sign its deliveries. */
export async function webhookSecretOf(platform: Platform, id: string): Promise<string> {
  const row = await platform.store.db
    .selectFrom('businesses')
    .select('webhook_secret')
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row?.webhook_secret) throw new PolisError('ERR_BUSINESS_NOT_APPROVED')
  return platform.keys.unseal(row.webhook_secret, webhookLabel(id))
}

/**
 * Makes an API key for an approved business: `pk_<id>.<secret>`, shown once; only the
 * SHA-256 of its 256-bit secret is kept.
 */
export async function createApiKey(platform: Platform, businessId: string): Promise<string> {
  const business = await getBusiness(platform, businessId)
  if (business.status !== 'approved') throw new PolisError('ERR_BUSINESS_NOT_APPROVED')
  const id = randomBytes(9).toString('base64url')
  const secret = randomBytes(32).toString('base64url')
  await platform.store.db
    .insertInto('business_api_keys')
    .values({
      id,
      business_id: business.id,
      secret_hash: hashSecret(secret),
      created_at: platform.now().toISOString(),
      revoked_at: null,
    })
    .execute()
  return `pk_${id}.${secret}`
}

/** An API key as its business sees it: only its public id and dates. */
export interface ApiKeyInfo {
  id: string
  createdAt: string
  revokedAt: string | undefined
}

/** The API keys of a business, newest first. */
export async function listApiKeys(platform: Platform, businessId: string): Promise<ApiKeyInfo[]> {
  const rows = await platform.store.db
    .selectFrom('business_api_keys')
    .select(['id', 'created_at', 'revoked_at'])
    .where('business_id', '=', businessId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, revokedAt: r.revoked_at ?? undefined }))
}

/** Revokes an API key of a business; ERR_NOT_FOUND when it has no such key. */
export async function revokeApiKey(platform: Platform, options: { businessId: string; keyId: string }) {
  const updated = await platform.store.db
    .updateTable('business_api_keys')
    .set({ revoked_at: platform.now().toISOString() })
    .where('id', '=', options.keyId)
    .where('business_id', '=', options.businessId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such key' })
}

const apiKeyPattern = /^pk_([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/

/**
 * The business an API key belongs to: ERR_CLIENT_AUTH for a key that is unknown,
 * revoked or wrong; ERR_BUSINESS_NOT_APPROVED when its business may not ask (any more).
 */
export async function authenticateApiKey(platform: Platform, key: string): Promise<Business> {
  const match = apiKeyPattern.exec(key)
  if (!match) throw new PolisError('ERR_CLIENT_AUTH')
  const [, id = '', secret = ''] = match
  const row = await platform.store.db
    .selectFrom('business_api_keys')
    .select(['business_id', 'secret_hash', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  const given = Buffer.from(hashSecret(secret))
  const expected = Buffer.from(row?.secret_hash ?? hashSecret(''))
  if (!row || row.revoked_at || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new PolisError('ERR_CLIENT_AUTH')
  }
  const business = await getBusiness(platform, row.business_id)
  if (business.status !== 'approved') throw new PolisError('ERR_BUSINESS_NOT_APPROVED')
  return business
}

/** The request-signing key of an approved business, its access certificate in the chain. */
export async function businessSigningKey(platform: Platform, business: Business) {
  if (business.status !== 'approved' || !business.certificate) throw new PolisError('ERR_BUSINESS_NOT_APPROVED')
  const keyId = `business:${business.id}`
  return {
    id: keyId,
    alg: 'ES256' as const,
    sign: await platform.keys.signer(keyId),
    chain: [new Uint8Array(Buffer.from(business.certificate, 'base64'))],
  }
}
