import { randomUUID } from 'node:crypto'
import type { Store } from '@polis/store'
import { createTestKey, type TestKey } from '@polis/trust/testing'

/** An enrolled wallet device of a citizen, written as enrolment leaves it (enrolment has tests of its own). */
export async function insertWalletDevice(
  store: Store,
  citizenId: string,
  now: Date,
): Promise<{ id: string; citizenId: string; key: TestKey }> {
  const device = { id: randomUUID(), citizenId, key: createTestKey() }
  await store.db
    .insertInto('wallet_devices')
    .values({
      id: device.id,
      citizen_id: citizenId,
      public_jwk: JSON.stringify(device.key.publicJwk),
      name: 'Phone',
      created_at: now.toISOString(),
      revoked_at: null,
    })
    .execute()
  return device
}
