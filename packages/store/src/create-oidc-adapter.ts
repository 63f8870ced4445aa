import { AsyncLocalStorage } from 'node:async_hooks'
import type { Clock } from '@polis/kernel'
import type { Store } from './open-store.ts'
import { prepareQuery } from './prepare-query.ts'

/** What oidc-provider stores of a model (its `AdapterPayload`), as far as the adapter reads it. */
export interface OidcPayload {
  grantId?: string
  uid?: string
  userCode?: string
  consumed?: number
  [key: string]: unknown
}

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

type OidcTable = 'demo_bank_models' | 'id_models'
/** A model's row as the adapter reads it: the payload as stored, and when it was consumed. */
export interface OidcRow {
  payload: string
  consumed_at: string | null
}

/** The rows one request has read, by table, model and id (null: known to be gone). */
const rowsOfRequest = new AsyncLocalStorage<Map<string, OidcRow | null>>()
const rowKey = (table: OidcTable, model: string, id: string) => `${table}\u0000${model}\u0000${id}`

/**
 * Runs one request of an oidc-provider with a memo of the model rows it reads: within
 * the request, a row read (or written) once is not read again. oidc-provider finds the
 * same interaction or grant more than once in some requests, and each read is a round
 * trip to PostgreSQL. The memo lives as long as the request and no longer, so every
 * request still sees what other processes wrote before it began.
 */
export function withOidcRequestMemo<T>(run: () => T): T {
  return rowsOfRequest.run(new Map(), run)
}

/** Tells the request's memo about a row read by other means (a grant found by its citizen). */
export function rememberOidcRow(table: OidcTable, model: string, id: string, row: OidcRow): void {
  rowsOfRequest.getStore()?.set(rowKey(table, model, id), row)
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
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', slot('now'))]))
        .where(column, '=', slot('key')),
    )
  const findById = liveBy('id')
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
  const consume = prepareQuery(db, (slot) =>
    db
      .updateTable(table)
      .set({ consumed_at: slot('now') })
      .where('model', '=', slot('model'))
      .where('id', '=', slot('id'))
      .where('consumed_at', 'is', null),
  )
  const destroy = prepareQuery(db, (slot) =>
    db.deleteFrom(table).where('model', '=', slot('model')).where('id', '=', slot('id')),
  )
  const sweep = prepareQuery(db, (slot) => db.deleteFrom(table).where('expires_at', '<', slot('now')))
  const revokeByGrantId = prepareQuery(db, (slot) => db.deleteFrom(table).where('grant_id', '=', slot('grantId')))

  const read = (found: OidcRow | null | undefined): OidcPayload | undefined => {
    if (!found) return undefined
    const payload = JSON.parse(found.payload) as OidcPayload
    if (found.consumed_at) payload.consumed = Math.floor(new Date(found.consumed_at).getTime() / 1000)
    return payload
  }

  return (model) => ({
    async upsert(id, payload, expiresIn) {
      const at = options.now()
      const values = {
        model,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        expiresAt: typeof expiresIn === 'number' ? new Date(at.getTime() + expiresIn * 1000).toISOString() : null,
        accountId: typeof payload.accountId === 'string' ? payload.accountId : null,
      }
      // Written, but whether it was consumed before stays in the database: read it there next.
      rowsOfRequest.getStore()?.delete(rowKey(options.table, model, id))
      await upsert.run(values)
      if (model === 'Interaction' && Math.abs(at.getTime() - sweptAt) >= sweepEveryMilliseconds) {
        sweptAt = at.getTime()
        await sweep.run({ now: at.toISOString() })
      }
    },
    async find(id) {
      const memo = rowsOfRequest.getStore()
      const key = rowKey(options.table, model, id)
      if (memo?.has(key)) return read(memo.get(key))
      const [found] = await findById.execute({ model, now: options.now().toISOString(), key: id })
      memo?.set(key, found ?? null)
      return read(found)
    },
    async findByUid(uid) {
      return read((await findByUid.execute({ model, now: options.now().toISOString(), key: uid }))[0])
    },
    async findByUserCode(userCode) {
      return read((await findByUserCode.execute({ model, now: options.now().toISOString(), key: userCode }))[0])
    },
    async consume(id) {
      const at = options.now().toISOString()
      const memo = rowsOfRequest.getStore()
      const key = rowKey(options.table, model, id)
      memo?.delete(key)
      if ((await consume.run({ model, id, now: at })) !== 1) throw new Error(`${model} already consumed`)
    },
    async destroy(id) {
      rowsOfRequest.getStore()?.set(rowKey(options.table, model, id), null)
      await destroy.run({ model, id })
    },
    async revokeByGrantId(grantId) {
      rowsOfRequest.getStore()?.clear()
      await revokeByGrantId.run({ grantId })
    },
  })
}
