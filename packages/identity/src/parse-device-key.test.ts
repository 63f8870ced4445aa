import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { createTestKey } from '@polis/trust/testing'
import fc from 'fast-check'
import { parseDeviceKey } from './parse-device-key.ts'

const refused = (e: unknown) => isPolisError(e, 'ERR_DEVICE_KEY_INVALID')

describe('parseDeviceKey', () => {
  it('keeps the public members of a P-256 key', () => {
    const { publicJwk } = createTestKey()
    assert.deepEqual(parseDeviceKey({ ...publicJwk, kid: 'k', use: 'sig' }), {
      kty: 'EC',
      crv: 'P-256',
      x: publicJwk.x,
      y: publicJwk.y,
    })
  })

  it('refuses any JWK that carries a private member, whatever its value (fast-check)', () => {
    const { publicJwk } = createTestKey()
    fc.assert(
      fc.property(fc.constantFrom('d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'), fc.jsonValue(), (member, value) => {
        assert.throws(() => parseDeviceKey({ ...publicJwk, [member]: value }), refused)
      }),
    )
  })

  it('refuses other curves, points off the curve and things that are not JWKs', () => {
    const { publicJwk } = createTestKey()
    for (const value of [
      { ...publicJwk, crv: 'P-384' },
      { ...publicJwk, x: publicJwk.y },
      { kty: 'RSA', n: 'AQAB', e: 'AQAB' },
      [publicJwk],
      'jwk',
      null,
    ]) {
      assert.throws(() => parseDeviceKey(value), refused, JSON.stringify(value))
    }
  })
})
