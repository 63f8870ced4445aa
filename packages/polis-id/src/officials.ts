import { randomBytes } from 'node:crypto'
import { PolisError, type Sealer } from '@polis/kernel'
import type { Store } from '@polis/store'
import * as OTPAuth from 'otpauth'
import { z } from 'zod'

/** Roles an official may hold in the office; the office decides what each may do. */
export const officialRoles = [
  'clerk',
  'decider',
  'supervisor',
  'service-designer',
  'approver',
  'administrator',
  // The data-protection authority's: reads citizens' reports about businesses.
  'dpa',
] as const
export type OfficialRole = (typeof officialRoles)[number]

/** Wrong codes in a row before the account locks, and for how long. */
const maxFailedAttempts = 5
const lockMinutes = 15
/** RFC 6238 defaults that every authenticator app supports. */
const totpPeriod = 30

export const OfficialRegistration = z.object({
  citizenId: z.string().min(1).max(64),
  agency: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  roles: z.array(z.enum(officialRoles)).min(1),
})
export type OfficialRegistration = z.input<typeof OfficialRegistration>

/** An official as the office and the ID token see them. */
export interface Official {
  citizenId: string
  agency: string
  roles: OfficialRole[]
}

const sealLabel = (citizenId: string) => `polis-id.totp:${citizenId}`

function totp(secret: OTPAuth.Secret, label: string, issuer: string) {
  return new OTPAuth.TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: totpPeriod, secret })
}

/**
 * Makes a citizen an official of an agency, with a new TOTP secret (sealed under the
 * key-encryption key). Returns the `otpauth://` URI for their authenticator app, shown
 * once. Adding again replaces roles and secret and removes their security keys: a lost
 * authenticator or key starts their second factor afresh.
 */
export async function addOfficial(options: {
  store: Store
  sealer: Sealer
  registration: OfficialRegistration
  issuer: string
  now: Date
}): Promise<{ official: Official; totpUri: string }> {
  const parsed = OfficialRegistration.safeParse(options.registration)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')
    throw new PolisError('ERR_BAD_REQUEST', { detail: `invalid official: ${fields}` })
  }
  const registration = parsed.data
  const secret = new OTPAuth.Secret({ buffer: randomBytes(20).buffer })
  const row = {
    agency: registration.agency,
    roles: JSON.stringify(registration.roles),
    totp_secret_sealed: options.sealer.seal(secret.base32, sealLabel(registration.citizenId)),
    last_totp_step: null,
    failed_attempts: 0,
    locked_until: null,
    disabled_at: null,
  }
  await options.store.db
    .insertInto('officials')
    .values({ citizen_id: registration.citizenId, created_at: options.now.toISOString(), ...row })
    .onConflict((c) => c.column('citizen_id').doUpdateSet(row))
    .execute()
  await options.store.db.deleteFrom('official_keys').where('citizen_id', '=', registration.citizenId).execute()
  // The label names the agency, not the person: the app's list shows what the code is for.
  const uri = totp(secret, registration.agency, options.issuer).toString()
  return {
    official: { citizenId: registration.citizenId, agency: registration.agency, roles: registration.roles },
    totpUri: uri,
  }
}

/** The active official behind a citizen, or undefined. */
export async function findOfficial(store: Store, citizenId: string): Promise<Official | undefined> {
  const row = await store.db
    .selectFrom('officials')
    .select(['citizen_id', 'agency', 'roles'])
    .where('citizen_id', '=', citizenId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  return row ? { citizenId: row.citizen_id, agency: row.agency, roles: JSON.parse(row.roles) } : undefined
}

/** Every official, for `polis officials list`. */
export async function listOfficials(store: Store) {
  const rows = await store.db.selectFrom('officials').selectAll().orderBy('created_at').execute()
  return rows.map((row) => ({
    citizenId: row.citizen_id,
    agency: row.agency,
    roles: JSON.parse(row.roles) as OfficialRole[],
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lockedUntil: row.locked_until,
  }))
}

/** Ends an official's access; ERR_NOT_FOUND when there is none. */
export async function disableOfficial(store: Store, citizenId: string, now: Date): Promise<void> {
  const result = await store.db
    .updateTable('officials')
    .set({ disabled_at: now.toISOString() })
    .where('citizen_id', '=', citizenId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such official' })
}

/** What a second-factor attempt came to. */
export type SecondFactorOutcome = { ok: true } | { ok: false; locked: boolean; attemptsLeft: number }

/**
 * Checks an official's TOTP code: the current step or one either side, never a step
 * already used (a code shoulder-surfed is worth nothing after its owner used it). Five
 * wrong codes in a row lock the account for fifteen minutes, whatever the address.
 */
export async function checkTotp(options: {
  store: Store
  sealer: Sealer
  citizenId: string
  code: string
  now: Date
}): Promise<SecondFactorOutcome> {
  const { db } = options.store
  const row = await db
    .selectFrom('officials')
    .selectAll()
    .where('citizen_id', '=', options.citizenId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row) return { ok: false, locked: false, attemptsLeft: 0 }
  if (row.locked_until && new Date(row.locked_until) > options.now) {
    return { ok: false, locked: true, attemptsLeft: 0 }
  }
  const secret = OTPAuth.Secret.fromBase32(options.sealer.unseal(row.totp_secret_sealed, sealLabel(row.citizen_id)))
  const timestamp = options.now.getTime()
  const delta = /^\d{6}$/.test(options.code)
    ? totp(secret, row.agency, 'Polis').validate({ token: options.code, timestamp, window: 1 })
    : null
  const step = delta === null ? undefined : OTPAuth.TOTP.counter({ period: totpPeriod, timestamp }) + delta
  if (step !== undefined && (row.last_totp_step === null || step > row.last_totp_step)) {
    // Conditional, so two requests racing with one code cannot both pass.
    const used = await db
      .updateTable('officials')
      .set({ last_totp_step: step, failed_attempts: 0, locked_until: null })
      .where('citizen_id', '=', row.citizen_id)
      .where((eb) => eb.or([eb('last_totp_step', 'is', null), eb('last_totp_step', '<', step)]))
      .executeTakeFirst()
    if (Number(used.numUpdatedRows) === 1) return { ok: true }
  }
  const failed = row.failed_attempts + 1
  const locked = failed >= maxFailedAttempts
  await db
    .updateTable('officials')
    .set({
      failed_attempts: locked ? 0 : failed,
      locked_until: locked ? new Date(timestamp + lockMinutes * 60_000).toISOString() : row.locked_until,
    })
    .where('citizen_id', '=', row.citizen_id)
    .execute()
  return { ok: false, locked, attemptsLeft: locked ? 0 : maxFailedAttempts - failed }
}

/** Records that a sign-in's wallet step is done and waits for the official's second factor. */
export async function awaitSecondFactor(options: {
  store: Store
  interactionUid: string
  citizenId: string
  expiresAt: Date
}): Promise<void> {
  await options.store.db
    .insertInto('id_second_factors')
    .values({
      interaction_uid: options.interactionUid,
      citizen_id: options.citizenId,
      expires_at: options.expiresAt.toISOString(),
      code_given_at: null,
    })
    .onConflict((c) => c.column('interaction_uid').doNothing())
    .execute()
}

/**
 * The official whose sign-in waits for a second factor in this interaction, and when the
 * code was given in it (then the sign-in may add a security key before it goes on).
 */
export async function pendingSecondFactor(
  store: Store,
  interactionUid: string,
  now: Date,
): Promise<{ citizenId: string; codeGivenAt: string | null } | undefined> {
  const row = await store.db
    .selectFrom('id_second_factors')
    .selectAll()
    .where('interaction_uid', '=', interactionUid)
    .executeTakeFirst()
  return row && new Date(row.expires_at) > now
    ? { citizenId: row.citizen_id, codeGivenAt: row.code_given_at }
    : undefined
}

/** The code was given in this sign-in: what remains is the offer of a security key. */
export async function noteCodeGiven(store: Store, interactionUid: string, now: Date): Promise<void> {
  await store.db
    .updateTable('id_second_factors')
    .set({ code_given_at: now.toISOString() })
    .where('interaction_uid', '=', interactionUid)
    .execute()
}

/** The second factor is given: the waiting row goes. */
export async function endSecondFactor(store: Store, interactionUid: string): Promise<void> {
  await store.db.deleteFrom('id_second_factors').where('interaction_uid', '=', interactionUid).execute()
}
