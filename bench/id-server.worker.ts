/**
 * The Polis ID bench's server side, in a worker thread of its own as the platform runs
 * in production: in a process apart from its citizens' browsers and relying parties.
 * Its frozen clock is a shared buffer that the bench advances; the bench's baseline
 * asks it over the message port to confirm a login as the wallet would, without the
 * phone's request.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { registerClient } from '@polis/polis-id'
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

const port = parentPort as NonNullable<typeof parentPort>
port.on(
  'message',
  async (message: { id: number; confirm?: { loginId: string; phoneId: string }; close?: true; cpu?: true }) => {
    if (message.cpu) {
      // This thread's CPU so far, in milliseconds: the server's share of a login.
      const { user, system } = process.threadCpuUsage()
      port.postMessage({ id: message.id, cpu: (user + system) / 1000 })
      return
    }
    if (message.close) {
      await t.close()
      port.postMessage({ id: message.id })
      port.close()
      return
    }
    const { loginId, phoneId } = message.confirm as { loginId: string; phoneId: string }
    const citizenId = citizenOf.get(phoneId) as string
    // The baseline's stand-in for the phone records the confirmation as the wallet's request
    // does (which completes a plain sign-in), without the request and its device signature.
    await t.platform.store.db
      .updateTable('id_wallet_logins')
      .set({ citizen_id: citizenId, device_id: phoneId, confirmed_at: t.now().toISOString() })
      .where('id', '=', loginId)
      .execute()
    port.postMessage({ id: message.id })
  },
)
port.postMessage({ ready: { origin: t.origin, clientId: client.clientId, clientSecret: client.clientSecret } })
