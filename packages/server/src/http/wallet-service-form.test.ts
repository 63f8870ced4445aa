import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 20 })
})
after(() => t?.close())

describe(`the form of a service for the wallet on ${testEngine}`, () => {
  it('gives what the registries know of a field asked only after an answer, to be shown and not asked', async () => {
    const citizen = t.citizens.find((c) => c.documents.includes('id-card'))
    assert.ok(citizen)
    const phone = await insertWalletDevice(t.platform.store, citizen.id, t.now())
    const path = '/api/wallet/services/driver-licence-renewal/form'
    const jwt = await deviceJwt({ device: phone, origin: t.origin, method: 'GET', path, now: t.now() })
    const response = await t.app.request(path, { headers: { authorization: `PolisDevice ${jwt}` } })
    assert.equal(response.status, 200)
    const form = (await response.json()) as { fields: string[]; prefilled: Record<string, unknown> }
    // The postal address is asked only once delivery by post is chosen...
    assert.ok(!form.fields.includes('postal_address'))
    // ...and is the registered address, which the phone shows rather than asks.
    const [person] = await t.platform.queryRegistry({
      registry: 'population',
      kind: 'person',
      citizenId: citizen.id,
      purpose: 'test',
    })
    const address = (person?.data.address as { formatted?: string } | undefined)?.formatted
    assert.ok(address)
    assert.equal(form.prefilled.postal_address, address)
  })
})
