import { StatusType } from '@polis/documents'
import type { Store } from '@polis/store'
import { changeCredentialStatus } from './status-lists.ts'

/**
 * Revokes every credential still valid or suspended that was issued to a wallet device,
 * one status change each (so each keeps its own history). Running it again finds
 * nothing left to do.
 */
export async function revokeDeviceCredentials(options: {
  store: Store
  deviceId: string
  reason: string
  now: Date
}): Promise<{ revoked: number }> {
  const credentials = await options.store.db
    .selectFrom('issued_credentials')
    .select(['list_id', 'list_index'])
    .where('device_id', '=', options.deviceId)
    .where('status', '!=', StatusType.INVALID)
    .execute()
  for (const credential of credentials) {
    await changeCredentialStatus({
      store: options.store,
      listId: credential.list_id,
      idx: credential.list_index,
      status: 'revoked',
      reason: options.reason,
      now: options.now,
    })
  }
  return { revoked: credentials.length }
}
