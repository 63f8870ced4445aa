/**
 * Officials' security keys: a passkey or hardware key as the second factor after the
 * wallet, instead of the authenticator code. A key is added only within a sign-in where
 * the code was given, so both factors stand behind it: one factor (the wallet) never
 * makes the other. It is asked for by its id (not a discoverable passkey), with user
 * verification, and kept apart from citizens' passkeys, which do not count here.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { Store } from '@polis/store'
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import {
  checkAuthentication,
  checkRegistration,
  describeBrowser,
  keepChallenge,
  type PasskeyParty,
} from './passkeys.ts'

/** An official may keep this many keys (a spare in the drawer, a phone, a laptop's reader). */
export const maxOfficialKeys = 5

/** An official's keys, as the office lists them. */
export async function listOfficialKeys(store: Store, citizenId: string) {
  const rows = await store.db
    .selectFrom('official_keys')
    .select(['credential_id', 'label', 'created_at', 'last_used_at'])
    .where('citizen_id', '=', citizenId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.credential_id,
    label: row.label,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }))
}

/** Whether a key is offered to the official after the code: fewer than the most, and not declined. */
export async function keyOffered(store: Store, citizenId: string): Promise<boolean> {
  const row = await store.db
    .selectFrom('officials')
    .select('key_offer_declined_at')
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst()
  if (!row || row.key_offer_declined_at) return false
  return (await listOfficialKeys(store, citizenId)).length < maxOfficialKeys
}

/** "Not now" to a key (`declined`), or "offer me one at my next sign-in" from the office. */
export async function setKeyOffer(store: Store, citizenId: string, offer: { declinedAt: Date | null }) {
  await store.db
    .updateTable('officials')
    .set({ key_offer_declined_at: offer.declinedAt?.toISOString() ?? null })
    .where('citizen_id', '=', citizenId)
    .execute()
}

/** Removes one of an official's keys (lost, or the computer given back); false when there was none. */
export async function removeOfficialKey(store: Store, citizenId: string, credentialId: string): Promise<boolean> {
  const result = await store.db
    .deleteFrom('official_keys')
    .where('citizen_id', '=', citizenId)
    .where('credential_id', '=', credentialId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/**
 * Options to add a key: not discoverable (it is asked for by id, after the wallet named
 * the official), user verification required, ES256. No name: what the authenticator
 * shows must not tell who the official is. Undefined when the official has the most keys.
 */
export async function officialKeyRegistrationOptions(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  citizenId: string
  now: Date
}) {
  const existing = await listOfficialKeys(options.store, options.citizenId)
  if (existing.length >= maxOfficialKeys) return undefined
  const creation = await generateRegistrationOptions({
    rpName: 'Polis ID',
    rpID: options.party.rpId,
    userName: 'Polis office',
    userDisplayName: 'Polis office',
    userID: createHash('sha256').update(`polis-office\n${options.citizenId}`).digest(),
    attestationType: 'none',
    supportedAlgorithmIDs: [-7],
    authenticatorSelection: { residentKey: 'discouraged', userVerification: 'required' },
    excludeCredentials: existing.map((key) => ({ id: key.id })),
  })
  await keepChallenge(options.store, options.interactionUid, 'office-register', creation.challenge, options.now)
  return creation
}

/** Checks and keeps an official's new key; false when the browser's answer does not verify. */
export async function registerOfficialKey(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  citizenId: string
  response: RegistrationResponseJSON
  userAgent: string
  now: Date
}): Promise<boolean> {
  const credential = await checkRegistration({ ...options, kind: 'office-register' })
  if (!credential) return false
  const added = await options.store.db
    .insertInto('official_keys')
    .values({
      ...credential,
      citizen_id: options.citizenId,
      label: describeBrowser(options.userAgent),
      created_at: options.now.toISOString(),
      last_used_at: null,
    })
    .onConflict((c) => c.column('credential_id').doNothing())
    .executeTakeFirst()
  if (Number(added.numInsertedOrUpdatedRows ?? 0) !== 1) return false
  await tellOfficial(options.store, options.citizenId, describeBrowser(options.userAgent), options.now)
  return true
}

/**
 * A message in the official's inbox that a key was added: a code and a wallet in the
 * wrong hands could leave a lasting key, and the official would see it and remove it.
 */
async function tellOfficial(store: Store, citizenId: string, browser: string, now: Date) {
  await store.db
    .insertInto('inbox_messages')
    .values({
      id: randomUUID(),
      citizen_id: citizenId,
      application_id: null,
      link: '/office/keys',
      title: JSON.stringify({
        uk: 'Додано ключ безпеки для офісу',
        en: 'A security key was added for the office',
        et: 'Kontori jaoks lisati turvavõti',
      }),
      body: JSON.stringify({
        uk: `До вашого входу в офіс додано ключ безпеки (${browser}). Якщо це були не ви, видаліть його в розділі «Ключі безпеки» й повідомте службу безпеки.`,
        en: `A security key (${browser}) was added to your sign-in to the office. If it was not you, remove it under Security keys and tell the security team.`,
        et: `Teie kontorisse sisselogimisele lisati turvavõti (${browser}). Kui see polnud teie, eemaldage see jaotises „Turvavõtmed“ ja teavitage turvameeskonda.`,
      }),
      created_at: now.toISOString(),
      read_at: null,
    })
    .execute()
}

/** Options to give the second factor with a key: the official's own keys only, user verification required. */
export async function officialKeyLoginOptions(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  citizenId: string
  now: Date
}) {
  const keys = await options.store.db
    .selectFrom('official_keys')
    .select(['credential_id', 'transports'])
    .where('citizen_id', '=', options.citizenId)
    .execute()
  const request = await generateAuthenticationOptions({
    rpID: options.party.rpId,
    userVerification: 'required',
    allowCredentials: keys.map((key) => ({ id: key.credential_id, transports: JSON.parse(key.transports) })),
  })
  await keepChallenge(options.store, options.interactionUid, 'office-login', request.challenge, options.now)
  return request
}

/**
 * Whether a key's answer gives this official's second factor: the challenge of this
 * sign-in, this origin, user verification, one of this official's keys (not another's,
 * not a citizen's passkey) and its signature, and a counter that did not go back. When it
 * does, the count of wrong codes starts again.
 */
export async function verifyOfficialKey(options: {
  store: Store
  party: PasskeyParty
  interactionUid: string
  citizenId: string
  response: AuthenticationResponseJSON
  now: Date
}): Promise<boolean> {
  const checked = await checkAuthentication({
    ...options,
    kind: 'office-login',
    find: (credentialId) =>
      options.store.db
        .selectFrom('official_keys')
        .selectAll()
        .where('credential_id', '=', credentialId)
        .where('citizen_id', '=', options.citizenId)
        .executeTakeFirst(),
  })
  if (!checked) return false
  await options.store.db
    .updateTable('official_keys')
    .set({ counter: checked.counter, last_used_at: options.now.toISOString() })
    .where('credential_id', '=', checked.stored.credential_id)
    .execute()
  // The second factor given: wrong codes before it no longer count towards a lock, as after
  // a right code. A lock already set stays until it ends (the key cannot be guessed, the code can).
  await options.store.db
    .updateTable('officials')
    .set({ failed_attempts: 0 })
    .where('citizen_id', '=', options.citizenId)
    .execute()
  return true
}
