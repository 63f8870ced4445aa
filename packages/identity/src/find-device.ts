import type { Store } from '@polis/store'

/** A device by id, whoever's it is (for issuance to check it is still enrolled); undefined when unknown. */
export async function findDevice(options: { store: Store; deviceId: string }) {
  const row = await options.store.db
    .selectFrom('wallet_devices')
    .select(['id', 'citizen_id', 'revoked_at'])
    .where('id', '=', options.deviceId)
    .executeTakeFirst()
  return row ? { id: row.id, citizenId: row.citizen_id, revokedAt: row.revoked_at } : undefined
}
