import { randomUUID } from 'node:crypto'
import { hashSecret, PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { parseDeviceKey } from './parse-device-key.ts'

/**
 * Enrols a device for the citizen an enrolment token was issued to: the token is used
 * up and the device recorded with its public key in one transaction. The key is checked
 * first, so a bad key leaves the token usable.
 */
export async function registerDevice(options: {
  store: Store
  enrolmentToken: string
  publicKey: unknown
  name: string
  now: Date
}): Promise<{ deviceId: string; citizenId: string }> {
  const publicKey = parseDeviceKey(options.publicKey)
  const at = options.now.toISOString()
  return options.store.db.transaction().execute(async (tx) => {
    const token = await tx
      .updateTable('enrolment_tokens')
      .set({ used_at: at })
      .where('token_hash', '=', hashSecret(options.enrolmentToken))
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning('citizen_id')
      .executeTakeFirst()
    if (!token) throw new PolisError('ERR_ENROLMENT_INVALID')
    const deviceId = randomUUID()
    await tx
      .insertInto('wallet_devices')
      .values({
        id: deviceId,
        citizen_id: token.citizen_id,
        public_jwk: JSON.stringify(publicKey),
        name: options.name,
        created_at: at,
        revoked_at: null,
      })
      .execute()
    return { deviceId, citizenId: token.citizen_id }
  })
}
