import { randomBytes, randomInt } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import {
  type CompiledQuery,
  type OidcPayload,
  type OidcRow,
  payloadField,
  preparedQuery,
  recallOidcRow,
  rememberOidcRow,
  type Store,
  unexpired,
} from '@polis/store'

/** A login as the page in the browser and the wallet on the phone see it. */
export interface WalletLogin {
  id: string
  interactionUid: string
  clientId: string
  controlCode: string
  scopes: string[]
  expiresAt: string
  state: 'waiting' | 'confirmed' | 'declined' | 'expired' | 'used'
  citizenId: string | null
  /** Whether the citizen, in the wallet, let this computer make a passkey. */
  passkeyAllowed: boolean
}

type Row = {
  id: string
  interaction_uid: string
  client_id: string
  control_code: string
  scopes: string
  expires_at: string
  citizen_id: string | null
  confirmed_at: string | null
  passkey_allowed_at: string | null
  declined_at: string | null
  used_at: string | null
}

function toLogin(row: Row, now: Date): WalletLogin {
  const state = row.used_at
    ? 'used'
    : row.declined_at
      ? 'declined'
      : row.confirmed_at
        ? 'confirmed'
        : new Date(row.expires_at) <= now
          ? 'expired'
          : 'waiting'
  return {
    id: row.id,
    interactionUid: row.interaction_uid,
    clientId: row.client_id,
    controlCode: row.control_code,
    scopes: JSON.parse(row.scopes),
    expiresAt: row.expires_at,
    state,
    citizenId: row.citizen_id,
    passkeyAllowed: row.passkey_allowed_at !== null,
  }
}

// The queries of every wallet sign-in, prepared once.
const loginColumns = [
  'id',
  'interaction_uid',
  'client_id',
  'control_code',
  'scopes',
  'created_at',
  'expires_at',
  'citizen_id',
  'device_id',
  'confirmed_at',
  'passkey_allowed_at',
  'declined_at',
  'used_at',
] as const
const insertLogin = preparedQuery((db, slot) =>
  db
    .insertInto('id_wallet_logins')
    .values(Object.fromEntries(loginColumns.map((column) => [column, slot(column)])) as never)
    .onConflict((c) => c.column('interaction_uid').doNothing()),
)
const loginOfInteraction = preparedQuery((db, slot) =>
  db.selectFrom('id_wallet_logins').selectAll().where('interaction_uid', '=', slot('uid')),
)
// One conditional write: confirmed, not declined, not used yet; two finishes racing, one wins.
const useLogin = preparedQuery((db, slot) =>
  db
    .updateTable('id_wallet_logins')
    .set({ used_at: slot('at') })
    .where('interaction_uid', '=', slot('uid'))
    .where('used_at', 'is', null)
    .where('declined_at', 'is', null)
    .where('confirmed_at', 'is not', null)
    .where('citizen_id', 'is not', null)
    .returning('citizen_id'),
)

/** The memo's name for the wallet login of an interaction, read with it: a row, or null for none. */
const walletLoginOf = 'WalletLoginOfInteraction'

/**
 * The memo's name for the grant of a citizen to a client (`<citizen> <client>`), read with
 * the interaction that signs the citizen in: a row, or null for none.
 */
export const grantOfClient = 'GrantOfClient'

/**
 * An interaction with, in the same round trip, what resuming it reads next: the wallet's
 * answer to its sign-in, the pushed authorization request it came from, and the
 * confirmed citizen's grants (one row a grant).
 */
const interactionWithAnswer = (engine: Store['engine']) =>
  preparedQuery((db, slot) =>
    db
      // The interaction's row first, the id of its pushed request taken from it once.
      .with(
        (cte) => cte('i').materialized(),
        (w) =>
          w
            .selectFrom('id_models')
            .select(['id', 'payload', 'consumed_at'])
            .select(payloadField({ engine }, 'id_models', 'parJti').as('par_id'))
            .where('model', '=', 'Interaction')
            .where(unexpired('id_models', slot('now')))
            .where('id', '=', slot('id')),
      )
      .selectFrom('i')
      .leftJoin('id_wallet_logins as l', 'l.interaction_uid', 'i.id')
      .leftJoin('id_models as p', (join) =>
        join
          .on('p.model', '=', 'PushedAuthorizationRequest')
          .onRef('p.id', '=', 'i.par_id')
          .on(unexpired('p', slot('now'))),
      )
      .leftJoin('id_models as g', (join) =>
        join
          .on('g.model', '=', 'Grant')
          .onRef('g.account_id', '=', 'l.citizen_id')
          .on(unexpired('g', slot('now'))),
      )
      .select(['i.payload', 'i.consumed_at', 'i.par_id', 'l.citizen_id', 'l.client_id', 'l.confirmed_at'])
      .select(['l.passkey_allowed_at', 'l.declined_at', 'l.used_at', 'l.scopes'])
      .select(['l.id as login_id', 'l.control_code', 'l.expires_at as login_expires_at'])
      .select(['p.payload as par_payload', 'p.consumed_at as par_consumed_at'])
      .select(['g.id as grant_id', 'g.payload as grant_payload', 'g.consumed_at as grant_consumed_at']),
  )
const interactionQueries = {
  sqlite: interactionWithAnswer('sqlite'),
  postgres: interactionWithAnswer('postgres'),
}

/**
 * An interaction's row as oidc-provider reads it, with the wallet's answer to its sign-in
 * in the same round trip. A plain sign-in the citizen confirmed on the phone (no passkey
 * offered to this computer, not the office's, which asks a second factor next) is
 * complete: its login is the interaction's result, key held on the device and PIN, level
 * substantial, and the browser that started it goes straight on to the relying party.
 * Only that browser can: resuming takes its own interaction cookie. The confirmation
 * writes the login's row alone, and no second write of the interaction is needed.
 * What resuming reads next, its pushed request and the citizen's grant to the client,
 * came in the same round trip and is remembered for the request.
 */
export async function readInteractionWithWalletAnswer(store: Store, id: string, now: string) {
  const rows = await interactionQueries[store.engine](store.db).execute({ id, now })
  const row = rows[0]
  if (!row) return undefined
  const login: Row | null =
    row.login_id && row.client_id && row.control_code && row.scopes && row.login_expires_at
      ? {
          id: row.login_id,
          interaction_uid: id,
          client_id: row.client_id,
          control_code: row.control_code,
          scopes: row.scopes,
          expires_at: row.login_expires_at,
          citizen_id: row.citizen_id,
          confirmed_at: row.confirmed_at,
          passkey_allowed_at: row.passkey_allowed_at,
          declined_at: row.declined_at,
          used_at: row.used_at,
        }
      : null
  rememberOidcRow('id_models', walletLoginOf, id, login && { payload: JSON.stringify(login), consumed_at: null })
  if (row.par_id) {
    const par = row.par_payload ? { payload: row.par_payload, consumed_at: row.par_consumed_at } : null
    rememberOidcRow('id_models', 'PushedAuthorizationRequest', row.par_id, par)
  }
  if (row.citizen_id && row.client_id) {
    const grant = rows.find(
      (each) =>
        each.grant_payload && (JSON.parse(each.grant_payload) as { clientId?: string }).clientId === row.client_id,
    )
    const found = grant?.grant_id
      ? { payload: grant.grant_payload as string, consumed_at: grant.grant_consumed_at }
      : null
    rememberOidcRow('id_models', grantOfClient, `${row.citizen_id} ${row.client_id}`, found)
    if (grant?.grant_id && found) rememberOidcRow('id_models', 'Grant', grant.grant_id, found)
  }
  const found: OidcRow = { payload: row.payload, consumed_at: row.consumed_at }
  const plainlyConfirmed =
    row.confirmed_at &&
    row.citizen_id &&
    !row.declined_at &&
    !row.used_at &&
    !row.passkey_allowed_at &&
    !(JSON.parse(row.scopes ?? '[]') as string[]).includes('office')
  if (!plainlyConfirmed) return found
  const interaction = JSON.parse(row.payload) as { prompt?: { name?: string }; result?: unknown }
  if (interaction.prompt?.name !== 'login' || interaction.result) return found
  interaction.result = { login: { accountId: row.citizen_id, acr: 'substantial', amr: ['hwk', 'pin'] } }
  return { ...found, payload: JSON.stringify(interaction) }
}

/**
 * The wallet login an interaction that asks the citizen to sign in is made with, written
 * in the same round trip as the interaction (`writesWith` of the oidc adapter): its page
 * then reads it with the interaction, not apart. Nothing for any other interaction.
 */
export function walletLoginWithInteraction(store: Store, interactionUid: string, payload: OidcPayload, now: Date) {
  const interaction = payload as {
    prompt?: { name?: string }
    result?: unknown
    exp?: number
    params?: { client_id?: unknown; scope?: unknown }
  }
  const clientId = interaction.params?.client_id
  if (interaction.prompt?.name !== 'login' || interaction.result || typeof clientId !== 'string') return undefined
  if (typeof interaction.exp !== 'number') return undefined
  return insertLogin(store.db).compile(
    newLoginRow({
      interactionUid,
      clientId,
      scopes: String(interaction.params?.scope ?? 'openid').split(' '),
      expiresAt: new Date(interaction.exp * 1000),
      now,
    }),
  )
}

function newLoginRow(options: {
  interactionUid: string
  clientId: string
  scopes: string[]
  expiresAt: Date
  now: Date
}): Row & { created_at: string; device_id: null } {
  return {
    id: randomBytes(18).toString('base64url'),
    interaction_uid: options.interactionUid,
    client_id: options.clientId,
    control_code: String(randomInt(10_000)).padStart(4, '0'),
    scopes: JSON.stringify(options.scopes),
    created_at: options.now.toISOString(),
    expires_at: options.expiresAt.toISOString(),
    citizen_id: null,
    device_id: null,
    confirmed_at: null,
    passkey_allowed_at: null,
    declined_at: null,
    used_at: null,
  }
}

/**
 * The wallet login of a sign-in in progress (one per oidc-provider interaction): a random
 * id for the QR code and a four-digit control code shown on both screens, as Smart-ID
 * does, so that a citizen confirms only the sign-in they see in front of them.
 */
export async function walletLoginFor(options: {
  store: Store
  interactionUid: string
  clientId: string
  scopes: string[]
  expiresAt: Date
  now: Date
}): Promise<WalletLogin> {
  // Made with the interaction, and read with it in this request.
  const made = recallOidcRow('id_models', walletLoginOf, options.interactionUid)
  if (made) return toLogin(JSON.parse(made.payload) as Row, options.now)
  const row = newLoginRow(options)
  if ((await insertLogin(options.store.db).run(row)) === 1) return toLogin(row, options.now)
  // The page loaded again (or twice at once): the login made first stands.
  return (await findWalletLoginOfInteraction(options.store, options.interactionUid, options.now)) as WalletLogin
}

/** A login by the id in its QR code; ERR_NOT_FOUND when there is none. */
export async function findWalletLogin(store: Store, id: string, now: Date): Promise<WalletLogin> {
  const row = await store.db.selectFrom('id_wallet_logins').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such login' })
  return toLogin(row, now)
}

/** A login by its interaction, for the page in the browser that started it. */
export async function findWalletLoginOfInteraction(store: Store, uid: string, now: Date) {
  const known = recallOidcRow('id_models', walletLoginOf, uid)
  if (known !== undefined) return known === null ? undefined : toLogin(JSON.parse(known.payload) as Row, now)
  const [row] = await loginOfInteraction(store.db).execute({ uid })
  return row ? toLogin(row, now) : undefined
}

/** A citizen's answer to a sign-in from the wallet. */
export interface WalletLoginAnswer {
  id: string
  answer: 'confirm' | 'decline'
  citizenId: string
  deviceId: string
  /** With a confirmation: the citizen also lets the computer signing in make a passkey. */
  allowPasskey?: boolean
  now: Date
}

/**
 * The write of the citizen's answer from the wallet, once: confirmed (by an enrolled device
 * of theirs, after the PIN) or declined, while the login waits: authenticateDevice's
 * `write`, made with the device request's id, only if it is recorded. A plain
 * sign-in confirmed is complete with this write alone (readInteractionWithWalletAnswer).
 * Its row comes back when it was written; `walletLoginAnswered` reads that.
 */
export function walletLoginAnswerWrite(store: Store, answer: WalletLoginAnswer): CompiledQuery<{ id: string }> {
  const at = answer.now.toISOString()
  return store.db
    .updateTable('id_wallet_logins')
    .set(
      answer.answer === 'confirm'
        ? {
            citizen_id: answer.citizenId,
            device_id: answer.deviceId,
            confirmed_at: at,
            passkey_allowed_at: answer.allowPasskey ? at : null,
          }
        : { declined_at: at },
    )
    .where('id', '=', answer.id)
    .where('confirmed_at', 'is', null)
    .where('declined_at', 'is', null)
    .where('expires_at', '>', at)
    .returning('id')
    .compile()
}

/** ERR_LOGIN_NOT_PENDING unless the answer was written: the login was already answered, or has expired. */
export function walletLoginAnswered(rows: readonly unknown[]): void {
  if (rows.length !== 1) throw new PolisError('ERR_LOGIN_NOT_PENDING')
}

/** Takes a confirmed login for the browser that started it, once; the citizen it confirmed. */
export async function useWalletLogin(store: Store, uid: string, now: Date): Promise<string> {
  const [used] = await useLogin(store.db).execute({ uid, at: now.toISOString() })
  if (!used?.citizen_id) throw new PolisError('ERR_LOGIN_NOT_PENDING')
  return used.citizen_id
}
