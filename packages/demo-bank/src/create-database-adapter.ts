import type { Clock } from '@polis/kernel'
import type { Store } from '@polis/store'
import type { Adapter, AdapterPayload } from 'oidc-provider'

/**
 * oidc-provider's storage in the `demo_bank_models` table, so that every server process
 * sees the same sessions, interactions, codes and grants. Expired rows are never
 * returned and are swept whenever a new interaction starts.
 */
export function createDatabaseAdapter(options: { store: Store; now: Clock }): (model: string) => Adapter {
  const { db } = options.store
  const now = () => options.now().toISOString()
  const live = (model: string) =>
    db
      .selectFrom('demo_bank_models')
      .select(['payload', 'consumed_at'])
      .where('model', '=', model)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now())]))
  const read = (row: { payload: string; consumed_at: string | null } | undefined): AdapterPayload | undefined => {
    if (!row) return undefined
    const payload = JSON.parse(row.payload) as AdapterPayload
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
      await db
        .insertInto('demo_bank_models')
        .values({ model, id, consumed_at: null, ...row })
        .onConflict((c) => c.columns(['model', 'id']).doUpdateSet(row))
        .execute()
      if (model === 'Interaction') {
        await db.deleteFrom('demo_bank_models').where('expires_at', '<', at.toISOString()).execute()
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
    async consume(id) {
      await db
        .updateTable('demo_bank_models')
        .set({ consumed_at: now() })
        .where('model', '=', model)
        .where('id', '=', id)
        .execute()
    },
    async destroy(id) {
      await db.deleteFrom('demo_bank_models').where('model', '=', model).where('id', '=', id).execute()
    },
    async revokeByGrantId(grantId) {
      await db.deleteFrom('demo_bank_models').where('grant_id', '=', grantId).execute()
    },
  })
}
