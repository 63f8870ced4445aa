import type { Clock } from '@polis/kernel'
import type { Store } from './open-store.ts'

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

/**
 * An oidc-provider's storage in one table (`demo_bank_models` for the DEMO BANK,
 * `id_models` for Polis ID), so that every server process sees the same sessions,
 * interactions, codes and grants. Expired rows are never returned, and each process
 * sweeps them when an interaction starts, at most once a minute of the platform's clock.
 */
export function createOidcAdapter(options: {
  store: Store
  now: Clock
  table: 'demo_bank_models' | 'id_models'
}): (model: string) => OidcAdapter {
  const { db } = options.store
  const table = options.table as 'demo_bank_models'
  const now = () => options.now().toISOString()
  const sweepEveryMilliseconds = 60_000
  let sweptAt = Number.NEGATIVE_INFINITY
  const live = (model: string) =>
    db
      .selectFrom(table)
      .select(['payload', 'consumed_at'])
      .where('model', '=', model)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now())]))
  const read = (row: { payload: string; consumed_at: string | null } | undefined): OidcPayload | undefined => {
    if (!row) return undefined
    const payload = JSON.parse(row.payload) as OidcPayload
    if (row.consumed_at) payload.consumed = Math.floor(new Date(row.consumed_at).getTime() / 1000)
    return payload
  }

  return (model) => ({
    async upsert(id, payload, expiresIn) {
      const at = options.now()
      const row = {
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        user_code: payload.userCode ?? null,
        expires_at: typeof expiresIn === 'number' ? new Date(at.getTime() + expiresIn * 1000).toISOString() : null,
      }
      // Polis ID also records whose each row is, to list and withdraw a citizen's consents.
      if (options.table === 'id_models') {
        Object.assign(row, { account_id: typeof payload.accountId === 'string' ? payload.accountId : null })
      }
      await db
        .insertInto(table)
        .values({ model, id, consumed_at: null, ...row })
        .onConflict((c) => c.columns(['model', 'id']).doUpdateSet(row))
        .execute()
      if (model === 'Interaction' && Math.abs(at.getTime() - sweptAt) >= sweepEveryMilliseconds) {
        sweptAt = at.getTime()
        await db.deleteFrom(table).where('expires_at', '<', at.toISOString()).execute()
      }
    },
    async find(id) {
      return read(await live(model).where('id', '=', id).executeTakeFirst())
    },
    async findByUid(uid) {
      return read(await live(model).where('uid', '=', uid).executeTakeFirst())
    },
    async findByUserCode(userCode) {
      return read(await live(model).where('user_code', '=', userCode).executeTakeFirst())
    },
    // Once only: two requests racing to redeem one code must not both win (oidc-provider
    // checks `consumed` before it calls this, which alone leaves a window between the two).
    async consume(id) {
      const result = await db
        .updateTable(table)
        .set({ consumed_at: now() })
        .where('model', '=', model)
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) throw new Error(`${model} already consumed`)
    },
    async destroy(id) {
      await db.deleteFrom(table).where('model', '=', model).where('id', '=', id).execute()
    },
    async revokeByGrantId(grantId) {
      await db.deleteFrom(table).where('grant_id', '=', grantId).execute()
    },
  })
}
