/**
 * The Polis ID bench's server side, in a worker thread of its own as the platform runs
 * in production: in a process apart from its citizens' browsers and relying parties.
 * Its frozen clock is a shared buffer that the bench advances; the bench's baseline
 * asks it over the message port to confirm a login as the wallet would, without the
 * phone's request.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createPolisId, registerClient } from '@polis/polis-id'
import { createTestPlatform } from '../packages/server/src/test/create-test-platform.ts'
import { sharedClock } from './shared-clock.ts'

export interface IdServerSetup {
  clock: SharedArrayBuffer
  redirectUri: string
  phones: Array<{ id: string; publicJwk: object }>
}

const setup = workerData as IdServerSetup
const t = await createTestPlatform({ citizens: 60, listen: true, now: sharedClock(setup.clock) })
const client = await registerClient({
  store: t.platform.store,
  sealer: t.platform.keys,
  now: t.now(),
  registration: { name: 'Bench', redirectUris: [setup.redirectUri], scopes: ['openid', 'profile'] },
})
// A citizen for each phone, enrolled as enrolment leaves them.
const citizenOf = new Map<string, string>()
for (const [i, phone] of setup.phones.entries()) {
  const citizen = t.citizens[i] as (typeof t.citizens)[number]
  await t.platform.store.db
    .insertInto('wallet_devices')
    .values({
      id: phone.id,
      citizen_id: citizen.id,
      public_jwk: JSON.stringify(phone.publicJwk),
      name: 'Phone',
      created_at: t.now().toISOString(),
      revoked_at: null,
    })
    .execute()
  citizenOf.set(phone.id, citizen.id)
}

// The baseline's stand-in for the phone completes the sign-in as the confirmation does,
// through a Polis ID of its own over the same database (as another process would).
const polisId = await createPolisId({
  store: t.platform.store,
  sealer: t.platform.keys,
  publicUrl: t.platform.publicUrl,
  findCitizen: async () => undefined,
  now: t.platform.now,
})

const port = parentPort as NonNullable<typeof parentPort>
port.on('message', async (message: { id: number; confirm?: { loginId: string; phoneId: string }; close?: true }) => {
  if (message.close) {
    await t.close()
    port.postMessage({ id: message.id })
    port.close()
    return
  }
  const { loginId, phoneId } = message.confirm as { loginId: string; phoneId: string }
  const citizenId = citizenOf.get(phoneId) as string
  const [login] = await t.platform.store.db
    .updateTable('id_wallet_logins')
    .set({ citizen_id: citizenId, device_id: phoneId, confirmed_at: t.now().toISOString() })
    .where('id', '=', loginId)
    .returning('interaction_uid')
    .execute()
  await polisId.completeWalletLogin(login?.interaction_uid as string, citizenId)
  port.postMessage({ id: message.id })
})
port.postMessage({ ready: { origin: t.origin, clientId: client.clientId, clientSecret: client.clientSecret } })
