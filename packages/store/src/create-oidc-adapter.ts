import { createHash } from 'node:crypto'
import type { Clock } from '@polis/kernel'
import { type CompiledQuery, sql } from 'kysely'
import {
  consumableLater,
  flushOidcWrites,
  type HeldWrite,
  holdable,
  type OidcPayload,
  type OidcRow,
  OidcRowAlreadyConsumed,
  type OidcTable,
  type RequestState,
  rowKey,
  stateOfRequest,
  uidKey,
} from './oidc-request.ts'
import type { Store } from './open-store.ts'
import { prepareQuery } from './prepare-query.ts'

/** oidc-provider's `Adapter` interface, kept here structurally so that the store needs no oidc-provider. */
export interface OidcAdapter {
  upsert(id: string, payload: OidcPayload, expiresIn?: number): Promise<void>
  find(id: string): Promise<OidcPayload | undefined>
  findByUid(uid: string): Promise<OidcPayload | undefined>
  findByUserCode(userCode: string): Promise<OidcPayload | undefined>
  consume(id: string): Promise<void>
  destroy(id: string): Promise<void>
  revokeByGrantId(grantId: string): Promise<void>
}

/**
 * The models whose id is a bearer secret: a session's is its cookie, a code or a token is
 * itself. They are stored under the SHA-256 of their id and without it in the payload (nor
 * a session's in an interaction's), so that a read of the database gives none that works
 * (as a password is kept). The ids are
 * random, 256 bits (oidc-provider's), so no key is needed against guessing. The models
 * other rows name by id (a grant, an interaction, a pushed request) keep theirs.
 */
// Not the device flow's codes: found by their user code, they would come back without their id
// and be saved anew under another; the device flow and CIBA are not enabled.
const hashedModels = new Set(['Session', 'AccessToken', 'AuthorizationCode', 'RefreshToken', 'ClientCredentials'])

/**
 * A payload as it is stored: a bearer secret's without its id (`read` gives it back to
 * whoever found it by it), an interaction's without its session's cookie, which
 * oidc-provider writes there and never reads.
 */
function storedPayload(model: string, payload: OidcPayload): string {
  if (hashedModels.has(model)) return JSON.stringify({ ...payload, jti: undefined })
  const session = payload.session as Record<string, unknown> | undefined
  if (model === 'Interaction' && session?.cookie !== undefined) {
    return JSON.stringify({ ...payload, session: { ...session, cookie: undefined } })
  }
  return JSON.stringify(payload)
}

/** What a model's row is stored under: its id, or for a bearer secret its SHA-256. */
export function storedOidcId(model: string, id: string): string {
  return hashedModels.has(model) ? createHash('sha256').update(id).digest('base64url') : id
}

/**
 * A top-level text field of a model's JSON payload, in SQL (the table aliased `alias`):
 * for a query that reads a model together with the rows it names.
 */
export function payloadField(store: Pick<Store, 'engine'>, alias: string, field: string) {
  if (!/^\w+$/.test(alias) || !/^\w+$/.test(field)) throw new RangeError('a plain alias and field name')
  return store.engine === 'postgres'
    ? sql<string>`(${sql.ref(`${alias}.payload`)}::jsonb ->> ${sql.lit(field)})`
    : sql<string>`json_extract(${sql.ref(`${alias}.payload`)}, ${sql.lit(`$.${field}`)})`
}

/**
 * A model's row still live at `now` (an ISO time, or a prepared query's slot): no expiry,
 * or one after it. `alias` names the table as the query does.
 */
export function unexpired(alias: string, now: unknown) {
  if (!/^\w+$/.test(alias)) throw new RangeError('a plain alias')
  const expiresAt = sql.ref(`${alias}.expires_at`)
  return sql<boolean>`(${expiresAt} is null or ${expiresAt} > ${now})`
}

/**
 * A read of one live model row, for a caller that makes it together with a statement of
 * its own and gives the row to the request's memo (`rememberOidcRow`) before the request runs.
 */
export function oidcRowQuery(
  store: Store,
  row: { table: OidcTable; model: string; id: string; now: Date },
): CompiledQuery<OidcRow> {
  return store.db
    .selectFrom(row.table as 'id_models')
    .select(['payload', 'consumed_at'])
    .where('model', '=', row.model)
    .where(unexpired(row.table, row.now.toISOString()))
    .where('id', '=', storedOidcId(row.model, row.id))
    .compile()
}

/**
 * An oidc-provider's storage in one table (`demo_bank_models` for the DEMO BANK,
 * `id_models` for Polis ID), so that every server process sees the same sessions,
 * interactions, codes and grants. Expired rows are never returned, and each process
 * sweeps them when an interaction starts, at most once a minute of the platform's clock.
 * Its queries run on every step of every sign-in, so they are prepared once.
 */
export function createOidcAdapter(options: {
  store: Store
  now: Clock
  table: OidcTable
  /**
   * A model's row read by a query of the caller's, in place of the plain one: Polis ID
   * reads an interaction together with the wallet's answer to it (`now` as an ISO time).
   */
  rowReaders?: Record<string, (id: string, now: string) => Promise<OidcRow | undefined>>
  /**
   * A write of the caller's that goes with a model's save, in the same round trip where
   * the request holds its writes: Polis ID makes an interaction's wallet login with it.
   */
  writesWith?: Record<string, (id: string, payload: OidcPayload) => CompiledQuery<unknown> | undefined>
}): (model: string) => OidcAdapter {
  const { db } = options.store
  const table = options.table as 'id_models'
  const sweepEveryMilliseconds = 60_000
  let sweptAt = Number.NEGATIVE_INFINITY
  const liveBy = (column: 'id' | 'uid' | 'user_code') =>
    prepareQuery(db, (slot) =>
      db
        .selectFrom(table)
        .select(['payload', 'consumed_at'])
        .where('model', '=', slot('model'))
        .where(unexpired(table, slot('now')))
        .where(column, '=', slot('key')),
    )
  const findById = liveBy('id')
  // A code is redeemed with its grant and, bound to the session, that session (by its uid in
  // the code): all three in one round trip, remembered for the rest of the request. The
  // code's row is read first, its session's uid taken from it once (a materialized CTE),
  // so that no plan of the join parses the code's JSON again for each row it passes.
  const codeWithCompanions = prepareQuery(db, (slot) =>
    db
      .with(
        (cte) => cte('c').materialized(),
        (w) =>
          w
            .selectFrom(table)
            .select(['payload', 'consumed_at', 'grant_id'])
            .select(payloadField(options.store, table, 'sessionUid').as('session_uid'))
            .where('model', '=', 'AuthorizationCode')
            .where(unexpired(table, slot('now')))
            .where('id', '=', slot('id')),
      )
      .selectFrom('c')
      .leftJoin(`${table} as g`, (join) =>
        join
          .on('g.model', '=', 'Grant')
          .onRef('g.id', '=', 'c.grant_id')
          .on(unexpired('g', slot('now'))),
      )
      .leftJoin(`${table} as s`, (join) =>
        join
          .on('s.model', '=', 'Session')
          .onRef('s.uid', '=', 'c.session_uid')
          .on(unexpired('s', slot('now'))),
      )
      .select(['c.payload', 'c.consumed_at', 'c.grant_id', 'c.session_uid as session_uid_of_code'])
      .select(['g.payload as grant_payload', 'g.consumed_at as grant_consumed_at'])
      .select(['s.payload as session_payload', 's.consumed_at as session_consumed_at']),
  )
  const findByUid = liveBy('uid')
  const findByUserCode = liveBy('user_code')
  const row = (slot: (name: 'payload' | 'grantId' | 'uid' | 'userCode' | 'expiresAt' | 'accountId') => never) => ({
    payload: slot('payload'),
    grant_id: slot('grantId'),
    uid: slot('uid'),
    user_code: slot('userCode'),
    expires_at: slot('expiresAt'),
    // Polis ID also records whose each row is, to list and withdraw a citizen's consents.
    ...(options.table === 'id_models' ? { account_id: slot('accountId') } : {}),
  })
  const upsert = prepareQuery(db, (slot) =>
    db
      .insertInto(table)
      .values({ model: slot('model'), id: slot('id'), consumed_at: null, ...row(slot) })
      .onConflict((c) => c.columns(['model', 'id']).doUpdateSet(row(slot))),
  )
  // Once only: two requests racing to redeem one code must not both win (oidc-provider
  // checks `consumed` before it calls this, which alone leaves a window between the two).
  // The row it changed comes back, for a consumption held to leave with other writes.
  const consume = prepareQuery(db, (slot) =>
    db
      .updateTable(table)
      .set({ consumed_at: slot('now') })
      .where('model', '=', slot('model'))
      .where('id', '=', slot('id'))
      .where('consumed_at', 'is', null)
      .returning('id'),
  )
  const destroy = prepareQuery(db, (slot) =>
    db.deleteFrom(table).where('model', '=', slot('model')).where('id', '=', slot('id')),
  )
  const sweep = prepareQuery(db, (slot) => db.deleteFrom(table).where('expires_at', '<', slot('now')))
  const revokeByGrantId = prepareQuery(db, (slot) => db.deleteFrom(table).where('grant_id', '=', slot('grantId')))

  /** A row's payload as oidc-provider reads it; a bearer secret found by its id gets it back. */
  const read = (found: OidcRow | null | undefined, model: string, id?: string): OidcPayload | undefined => {
    if (!found) return undefined
    const payload = JSON.parse(found.payload) as OidcPayload
    if (found.consumed_at) payload.consumed = Math.floor(new Date(found.consumed_at).getTime() / 1000)
    if (id !== undefined && hashedModels.has(model)) payload.jti = id
    return payload
  }

  /** A code's row, its grant's and its session's remembered for the request (null: none). */
  const findCodeWithCompanions = async (memo: Map<string, OidcRow | null>, id: string, now: string) => {
    const [found] = await codeWithCompanions.execute({ id: storedOidcId('AuthorizationCode', id), now })
    if (!found) return undefined
    if (found.grant_id) {
      const grant = found.grant_payload ? { payload: found.grant_payload, consumed_at: found.grant_consumed_at } : null
      memo.set(rowKey(options.table, 'Grant', found.grant_id), grant)
    }
    if (found.session_uid_of_code) {
      const session = found.session_payload
        ? { payload: found.session_payload, consumed_at: found.session_consumed_at }
        : null
      memo.set(uidKey(options.table, 'Session', found.session_uid_of_code), session)
    }
    return { payload: found.payload, consumed_at: found.consumed_at }
  }

  const holding = options.store.engine === 'postgres'
  /** The request's held writes, where this write may be held with them. */
  const heldFor = (model: string) => {
    const state = stateOfRequest.getStore()
    return holding && state?.held && holdable.has(model) ? state : undefined
  }
  const hold = async (state: RequestState, key: string, write: HeldWrite) => {
    // A second write of one row: the first leaves before it, in order.
    if (state.held?.has(key)) await flushOidcWrites()
    state.held?.set(key, { store: options.store, write })
  }

  return (model) => ({
    async upsert(id, payload, expiresIn) {
      const at = options.now()
      const values = {
        model,
        id: storedOidcId(model, id),
        payload: storedPayload(model, payload),
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        expiresAt: typeof expiresIn === 'number' ? new Date(at.getTime() + expiresIn * 1000).toISOString() : null,
        accountId: typeof payload.accountId === 'string' ? payload.accountId : null,
      }
      const key = rowKey(options.table, model, id)
      const state = heldFor(model)
      const alongside = options.writesWith?.[model]?.(id, payload)
      if (state && !state.rows.get(key)?.consumed_at) {
        // Held until the request answers; the request reads what it wrote.
        await hold(state, key, upsert.compile(values))
        if (alongside) await hold(state, `${key}\u0000with`, alongside)
        const row = { payload: values.payload, consumed_at: null }
        state.rows.set(key, row)
        if (payload.uid) state.rows.set(uidKey(options.table, model, payload.uid), row)
      } else {
        // Written, but whether it was consumed before stays in the database: read it there next.
        const memo = stateOfRequest.getStore()?.rows
        memo?.delete(key)
        if (payload.uid) memo?.delete(uidKey(options.table, model, payload.uid))
        await upsert.run(values)
        if (alongside) await db.executeQuery(alongside)
      }
      if (model === 'Interaction' && Math.abs(at.getTime() - sweptAt) >= sweepEveryMilliseconds) {
        sweptAt = at.getTime()
        await sweep.run({ now: at.toISOString() })
      }
    },
    async find(id) {
      const memo = stateOfRequest.getStore()?.rows
      const key = rowKey(options.table, model, id)
      if (memo?.has(key)) return read(memo.get(key), model, id)
      const now = options.now().toISOString()
      const reader = options.rowReaders?.[model]
      let found: OidcRow | undefined
      if (reader) found = await reader(id, now)
      else if (model === 'AuthorizationCode' && memo) found = await findCodeWithCompanions(memo, id, now)
      else [found] = await findById.execute({ model, now, key: storedOidcId(model, id) })
      memo?.set(key, found ?? null)
      return read(found, model, id)
    },
    async findByUid(uid) {
      const memo = stateOfRequest.getStore()?.rows
      const key = uidKey(options.table, model, uid)
      if (memo?.has(key)) return read(memo.get(key), model)
      const [found] = await findByUid.execute({ model, now: options.now().toISOString(), key: uid })
      memo?.set(key, found ?? null)
      // Found by its uid, a session comes without its id (not kept): it is only read so.
      return read(found, model)
    },
    async findByUserCode(userCode) {
      return read((await findByUserCode.execute({ model, now: options.now().toISOString(), key: userCode }))[0], model)
    },
    async consume(id) {
      const at = options.now().toISOString()
      const state = stateOfRequest.getStore()
      const key = rowKey(options.table, model, id)
      // A write of the row held before leaves first: the statement's parts would not see it.
      if (state?.held?.has(key)) await flushOidcWrites()
      const known = state?.rows.get(key)
      const guard = { model, grantId: known ? (JSON.parse(known.payload) as OidcPayload).grantId : undefined }
      if (holding && state?.held && consumableLater.has(model)) {
        // Leaves with what the request makes of it, and fails the request if another was first.
        const write = consume.compile({ model, id: storedOidcId(model, id), now: at })
        state.held.set(key, { store: options.store, write, guard })
        if (known) state.rows.set(key, { payload: known.payload, consumed_at: at })
        return
      }
      state?.rows.delete(key)
      if ((await consume.execute({ model, id: storedOidcId(model, id), now: at })).length !== 1) {
        throw new OidcRowAlreadyConsumed(guard)
      }
    },
    async destroy(id) {
      const memo = stateOfRequest.getStore()?.rows
      const key = rowKey(options.table, model, id)
      // Whichever uid it had, it is not found by it either.
      const byUid = uidKey(options.table, model, '')
      for (const each of memo?.keys() ?? []) if (each.startsWith(byUid)) memo?.delete(each)
      const state = heldFor(model)
      const stored = storedOidcId(model, id)
      if (state) await hold(state, key, destroy.compile({ model, id: stored }))
      else await destroy.run({ model, id: stored })
      memo?.set(key, null)
    },
    async revokeByGrantId(grantId) {
      // Everything held leaves first: a grant revoked takes what the request saved of it too.
      await flushOidcWrites()
      stateOfRequest.getStore()?.rows.clear()
      await revokeByGrantId.run({ grantId })
    },
  })
}
