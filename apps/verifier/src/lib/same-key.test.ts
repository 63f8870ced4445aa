import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sameKey } from './same-key.ts'

const p256 = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
}

describe('sameKey (RFC 7638 section 3.2 members)', () => {
  it('accepts the same key with different optional members', () => {
    assert.equal(sameKey(p256, { ...p256, alg: 'ES256', kid: 'anchor', use: 'sig' } as JsonWebKey), true)
  })

  it('refuses a key that differs in any required member', () => {
    assert.equal(sameKey(p256, { ...p256, x: 'gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0' }), false)
    const { y: _, ...withoutY } = p256
    assert.equal(sameKey(p256, withoutY), false)
    assert.equal(sameKey(p256, { ...p256, crv: 'P-384' }), false)
    assert.equal(sameKey({ kty: 'RSA', n: 'AQAB', e: 'AQAB' }, { kty: 'RSA', n: 'AQAC', e: 'AQAB' }), false)
  })

  it('refuses an empty key', () => {
    assert.equal(sameKey({}, {}), false)
  })
})
