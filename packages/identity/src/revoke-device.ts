import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'

/**
 * Revokes one of a citizen's devices; from then on its signed requests fail with
 * ERR_DEVICE_REVOKED. Revoking again keeps the first time. A device of another citizen
 * is answered as unknown (ERR_UNKNOWN_DEVICE), so that ids of others cannot be probed.
 */
export async function revokeDevice(options: {
  store: Store
  citizenId: string
  deviceId: string
  now: Date
}): Promise<{ revokedAt: string }> {
  const { db } = options.store
  await db
    .updateTable('wallet_devices')
    .set({ revoked_at: options.now.toISOString() })
    .where('id', '=', options.deviceId)
    .where('citizen_id', '=', options.citizenId)
    .where('revoked_at', 'is', null)
    .execute()
  const device = await db
    .selectFrom('wallet_devices')
    .select('revoked_at')
    .where('id', '=', options.deviceId)
    .where('citizen_id', '=', options.citizenId)
    .executeTakeFirst()
  if (!device?.revoked_at) throw new PolisError('ERR_UNKNOWN_DEVICE')
  return { revokedAt: device.revoked_at }
}
