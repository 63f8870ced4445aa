import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { signCompactJws } from '@polis/documents'
import { epochSeconds, isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { createTestKey } from '@polis/trust/testing'
import fc from 'fast-check'
import { authenticateDevice } from './authenticate-device.ts'

const now = new Date('2026-06-01T10:00:00Z')
const audience = 'https://polis.test'
const url = `${audience}/api/wallet/me`
const key = createTestKey()
const deviceId = randomUUID()
let store: Store

before(async () => {
  store = await openTestStore()
  await store.db
    .insertInto('wallet_devices')
    .values({
      id: deviceId,
      citizen_id: 'c1tizen0',
      public_jwk: JSON.stringify(key.publicJwk),
      name: 'Phone',
      created_at: now.toISOString(),
      revoked_at: null,
    })
    .execute()
})
after(() => store?.close())

const valid = () => ({ iss: deviceId, aud: audience, htm: 'GET', htu: url, iat: epochSeconds(now), jti: randomUUID() })
const sign = (payload: Record<string, unknown>, typ = 'polis-device+jwt') =>
  signCompactJws({ header: { alg: 'ES256', typ }, payload, sign: key.sign })
const authenticate = async (jwt: string, method = 'GET') =>
  authenticateDevice({ store, authorization: `PolisDevice ${jwt}`, method, url, audience, now })

describe(`authenticateDevice on ${testEngine}`, () => {
  it('accepts a request signed for it once (RFC 9449 section 4.3 in spirit)', async () => {
    const jwt = await sign(valid())
    assert.deepEqual(await authenticate(jwt), { deviceId, citizenId: 'c1tizen0', written: [] })
    await assert.rejects(authenticate(jwt), (e) => isPolisError(e, 'ERR_DEVICE_AUTH_REPLAYED'))
  })

  it('refuses a JWT bound to any other audience, method or URL (fast-check)', async () => {
    const claim = fc.constantFrom('aud', 'htm', 'htu')
    await fc.assert(
      fc.asyncProperty(claim, fc.oneof(fc.string(), fc.integer(), fc.constant(null)), async (name, value) => {
        const payload = { ...valid(), [name]: value }
        if (payload[name as keyof typeof payload] === valid()[name as 'aud']) return
        await assert.rejects(authenticate(await sign(payload)), (e) => isPolisError(e, 'ERR_DEVICE_AUTH'))
      }),
      { numRuns: fuzzRuns(40) },
    )
  })

  it('accepts iat within a minute either way and nothing beyond (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -300, max: 300 }), async (skew) => {
        const attempt = authenticate(await sign({ ...valid(), iat: epochSeconds(now) + skew }))
        if (Math.abs(skew) <= 60) await attempt
        else await assert.rejects(attempt, (e) => isPolisError(e, 'ERR_DEVICE_AUTH_STALE'))
      }),
      { numRuns: fuzzRuns(40) },
    )
  })

  it('makes the request’s write with its id only when the id is recorded: not for a replay, nor a revoked device', async () => {
    const revokedId = randomUUID()
    await store.db
      .insertInto('wallet_devices')
      .values({
        id: revokedId,
        citizen_id: 'c1tizen0',
        public_jwk: JSON.stringify(key.publicJwk),
        name: 'Old phone',
        created_at: now.toISOString(),
        revoked_at: now.toISOString(),
      })
      .execute()
    // The write: the device renamed, standing in for a sign-in's confirmation.
    const renaming = (jwt: string, name: string) =>
      authenticateDevice({
        store,
        authorization: `PolisDevice ${jwt}`,
        method: 'GET',
        url,
        audience,
        now,
        write: (device) =>
          store.db
            .updateTable('wallet_devices')
            .set({ name })
            .where('id', '=', device.deviceId)
            .returning('name')
            .compile(),
      })
    const nameOf = async (id: string) =>
      (await store.db.selectFrom('wallet_devices').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name
    const jwt = await sign(valid())
    assert.deepEqual(
      (await renaming(jwt, 'Work phone')).written.map((row) => ({ ...row })),
      [{ name: 'Work phone' }],
    )
    await assert.rejects(renaming(jwt, 'Replayed'), (e) => isPolisError(e, 'ERR_DEVICE_AUTH_REPLAYED'))
    assert.equal(await nameOf(deviceId), 'Work phone')
    await assert.rejects(renaming(await sign({ ...valid(), iss: revokedId }), 'Stolen'), (e) =>
      isPolisError(e, 'ERR_DEVICE_REVOKED'),
    )
    assert.equal(await nameOf(revokedId), 'Old phone')
  })

  it('refuses a wrong typ, a lowercase method mismatch and an unsigned or foreign token', async () => {
    await assert.rejects(authenticate(await sign(valid(), 'JWT')), (e) => isPolisError(e, 'ERR_DEVICE_AUTH'))
    await assert.rejects(authenticate(await sign(valid()), 'POST'), (e) => isPolisError(e, 'ERR_DEVICE_AUTH'))
    const other = createTestKey()
    const foreign = await signCompactJws({
      header: { alg: 'ES256', typ: 'polis-device+jwt' },
      payload: valid(),
      sign: other.sign,
    })
    await assert.rejects(authenticate(foreign), (e) => isPolisError(e, 'ERR_DEVICE_AUTH'))
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(valid())).toString('base64url')}.`
    await assert.rejects(authenticate(none), (e) => isPolisError(e, 'ERR_DEVICE_AUTH'))
  })
})
