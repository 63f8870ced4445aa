import type { Store } from '@polis/store'

/** A device as the citizen sees it in their list. */
export interface DeviceSummary {
  id: string
  name: string
  createdAt: string
  revokedAt: string | null
  /** True for the device that asks. */
  current: boolean
}

/** Every device a citizen has enrolled, revoked ones included, oldest first. */
export async function listDevices(options: {
  store: Store
  citizenId: string
  currentDeviceId: string
}): Promise<DeviceSummary[]> {
  const rows = await options.store.db
    .selectFrom('wallet_devices')
    .select(['id', 'name', 'created_at', 'revoked_at'])
    .where('citizen_id', '=', options.citizenId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    current: row.id === options.currentDeviceId,
  }))
}
