import { createHash } from 'node:crypto'
import type { Store } from '@polis/store'
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import { z } from 'zod'

/** The relying party of a WebAuthn ceremony: Polis ID's origin and its host. */
export interface PasskeyParty {
  origin: string
  rpId: string
}

/** Keeps a WebAuthn ceremony's challenge for this sign-in, five minutes. */
export async function keepChallenge(store: Store, uid: string, kind: string, challenge: string, now: Date) {
  const row = { challenge, expires_at: new Date(now.getTime() + 300_000).toISOString() }
  await store.db
    .insertInto('id_passkey_challenges')
    .values({ interaction_uid: uid, kind, ...row })
    .onConflict((c) => c.columns(['interaction_uid', 'kind']).doUpdateSet(row))
    .execute()
}

/**
 * Takes the challenge of a ceremony once, in one statement, so that of two answers sent
 * at once only one finds it; undefined when there is none or it expired.
 */
async function takeChallenge(store: Store, uid: string, kind: string, now: Date): Promise<string | undefined> {
  const row = await store.db
    .deleteFrom('id_passkey_challenges')
    .where('interaction_uid', '=', uid)
    .where('kind', '=', kind)
    .returning(['challenge', 'expires_at'])
    .executeTakeFirst()
  return row && new Date(row.expires_at) > now ? row.challenge : undefined
}

/** A browser's WebAuthn answers as the pages' scripts post them, checked in shape before anything reads them. */
const encoded = z
  .string()
  .min(1)
  .max(16 * 1024)
const answerOf = <Response extends z.ZodRawShape>(response: Response) =>
  z.object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal('public-key'),
    response: z.object(response),
  })
const transports = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const
const RegistrationAnswer = answerOf({
  clientDataJSON: encoded,
  attestationObject: encoded,
  transports: z.array(z.enum(transports)).max(10).optional(),
})
const AuthenticationAnswer = answerOf({
  clientDataJSON: encoded,
  authenticatorData: encoded,
  signature: encoded,
  userHandle: encoded.optional(),
})

/** A registration answer, or undefined when it is not one in shape (no extensions are asked for). */
export function registrationAnswer(json: unknown): RegistrationResponseJSON | undefined {
  const parsed = RegistrationAnswer.safeParse(json)
  if (!parsed.success) return undefined
  const { transports, ...response } = parsed.data.response
  return {
    ...parsed.data,
    response: { ...response, ...(transports ? { transports } : {}) },
    clientExtensionResults: {},
  }
}

/** An authentication answer, or undefined when it is not one in shape. */
export function authenticationAnswer(json: unknown): AuthenticationResponseJSON | undefined {
  const parsed = AuthenticationAnswer.safeParse(json)
  if (!parsed.success) return undefined
  const { userHandle, ...response } = parsed.data.response
  return {
    ...parsed.data,
    response: { ...response, ...(userHandle ? { userHandle } : {}) },
    clientExtensionResults: {},
  }
}

/** A credential as both tables keep it: a citizen's passkey and an official's key. */
export interface KeptCredential {
  credential_id: string
  /** base64url of the COSE public key. */
  public_key: string
  counter: number
  /** JSON array of the authenticator's transports. */
  transports: string
}

/**
 * A new credential from the browser's answer to this sign-in's challenge of `kind`
 * (taken once): this origin, user verification; its columns to keep, or undefined.
 */
export async function checkRegistration(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  kind: string
  response: RegistrationResponseJSON
  now: Date
}): Promise<KeptCredential | undefined> {
  const challenge = await takeChallenge(options.store, options.interactionUid, options.kind, options.now)
  if (!challenge) return undefined
  const result = await verifyRegistrationResponse({
    response: options.response,
    expectedChallenge: challenge,
    expectedOrigin: options.party.origin,
    expectedRPID: options.party.rpId,
    requireUserVerification: true,
  }).catch(() => undefined)
  if (!result?.verified) return undefined
  const { credential } = result.registrationInfo
  return {
    credential_id: credential.id,
    public_key: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports ?? []),
  }
}

/**
 * The kept credential (as `find` gives it) whose answer to this sign-in's challenge of
 * `kind` verifies, with its new counter: this origin, user verification, its signature,
 * and a counter that did not go back (a cloned authenticator). Undefined otherwise.
 */
export async function checkAuthentication<Row extends KeptCredential>(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  kind: string
  response: AuthenticationResponseJSON
  find: (credentialId: string) => Promise<Row | undefined>
  now: Date
}): Promise<{ stored: Row; counter: number } | undefined> {
  const challenge = await takeChallenge(options.store, options.interactionUid, options.kind, options.now)
  const stored = challenge ? await options.find(options.response.id) : undefined
  if (!challenge || !stored) return undefined
  const result = await verifyAuthenticationResponse({
    response: options.response,
    expectedChallenge: challenge,
    expectedOrigin: options.party.origin,
    expectedRPID: options.party.rpId,
    requireUserVerification: true,
    credential: {
      id: stored.credential_id,
      publicKey: new Uint8Array(Buffer.from(stored.public_key, 'base64url')),
      counter: stored.counter,
      transports: JSON.parse(stored.transports),
    },
  }).catch(() => undefined)
  return result?.verified ? { stored, counter: result.authenticationInfo.newCounter } : undefined
}

/**
 * Options to make a passkey for a citizen who has just signed in with the wallet: a
 * resident key (so that next time no name is typed), user verification required, ES256.
 * The user handle is a hash of the citizen id, which the authenticator keeps.
 */
export async function passkeyRegistrationOptions(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  citizenId: string
  displayName: string
  now: Date
}) {
  const existing = await options.store.db
    .selectFrom('id_passkeys')
    .select('credential_id')
    .where('citizen_id', '=', options.citizenId)
    .execute()
  const creation = await generateRegistrationOptions({
    rpName: 'Polis ID',
    rpID: options.party.rpId,
    userName: options.displayName,
    userDisplayName: options.displayName,
    userID: createHash('sha256').update(`polis-id\n${options.citizenId}`).digest(),
    attestationType: 'none',
    supportedAlgorithmIDs: [-7],
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    excludeCredentials: existing.map((row) => ({ id: row.credential_id })),
  })
  await keepChallenge(options.store, options.interactionUid, 'register', creation.challenge, options.now)
  return creation
}

/** Checks and keeps a new passkey; false when the browser's answer does not verify. */
export async function registerPasskey(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  citizenId: string
  response: RegistrationResponseJSON
  /** The registering browser's User-Agent, kept only as a short label such as "Chrome on Windows". */
  userAgent?: string
  now: Date
}): Promise<boolean> {
  const credential = await checkRegistration({ ...options, kind: 'register' })
  if (!credential) return false
  await options.store.db
    .insertInto('id_passkeys')
    .values({
      ...credential,
      citizen_id: options.citizenId,
      created_at: options.now.toISOString(),
      last_used_at: null,
      label: describeBrowser(options.userAgent ?? ''),
    })
    .onConflict((c) => c.column('credential_id').doNothing())
    .execute()
  return true
}

/** Options to sign in with a passkey: any of this site's (resident keys), user verification required. */
export async function passkeyLoginOptions(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  now: Date
}) {
  const request = await generateAuthenticationOptions({ rpID: options.party.rpId, userVerification: 'required' })
  await keepChallenge(options.store, options.interactionUid, 'login', request.challenge, options.now)
  return request
}

/**
 * The citizen a passkey answer proves, or undefined: the challenge of this sign-in, this
 * origin, user verification, a known credential and its signature, and a counter that
 * did not go back (a cloned authenticator).
 */
export async function verifyPasskeyLogin(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  response: AuthenticationResponseJSON
  now: Date
}): Promise<string | undefined> {
  const checked = await checkAuthentication({
    ...options,
    kind: 'login',
    find: (credentialId) =>
      options.store.db
        .selectFrom('id_passkeys')
        .selectAll()
        .where('credential_id', '=', credentialId)
        .executeTakeFirst(),
  })
  if (!checked) return undefined
  const { stored, counter } = checked
  await options.store.db
    .updateTable('id_passkeys')
    .set({ counter, last_used_at: options.now.toISOString() })
    .where('credential_id', '=', stored.credential_id)
    .execute()
  return stored.citizen_id
}

/** A browser as people name it, from its User-Agent: "Firefox on Windows", "Safari on iPhone". */
export function describeBrowser(userAgent: string): string {
  const browser =
    [
      ['Edg/', 'Edge'],
      ['Firefox/', 'Firefox'],
      ['Chrome/', 'Chrome'],
      ['Safari/', 'Safari'],
    ].find(([token]) => userAgent.includes(token as string))?.[1] ?? 'A browser'
  const system =
    [
      ['iPhone', 'iPhone'],
      ['iPad', 'iPad'],
      ['Android', 'Android'],
      ['Windows', 'Windows'],
      ['Mac OS X', 'macOS'],
      ['CrOS', 'ChromeOS'],
      ['Linux', 'Linux'],
    ].find(([token]) => userAgent.includes(token as string))?.[1] ?? 'a computer'
  return `${browser} on ${system}`
}

/** The citizen's passkeys, newest first, as the wallet lists them. */
export async function listPasskeys(store: Store, citizenId: string) {
  const rows = await store.db
    .selectFrom('id_passkeys')
    .select(['credential_id', 'label', 'created_at', 'last_used_at'])
    .where('citizen_id', '=', citizenId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.credential_id,
    label: row.label ?? 'A browser on a computer',
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }))
}

/** Removes one of the citizen's passkeys (a lost or sold computer); false when there was none. */
export async function removePasskey(store: Store, citizenId: string, credentialId: string): Promise<boolean> {
  const result = await store.db
    .deleteFrom('id_passkeys')
    .where('citizen_id', '=', citizenId)
    .where('credential_id', '=', credentialId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}
