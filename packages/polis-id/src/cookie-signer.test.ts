import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { createCookieSigner } from './cookie-signer.ts'

const oldKey = 'an older cookie key of thirty-two characters'
const newKey = 'the current cookie key, thirty-two characters or more'

describe('the signer of Polis ID cookies', () => {
  it('signs with HMAC-SHA256 under the first key, as base64url', () => {
    const signer = createCookieSigner([newKey, oldKey])
    const expected = createHmac('sha256', newKey).update('_session=abc').digest('base64url')
    assert.equal(signer.sign('_session=abc'), expected)
  })

  it('verifies under any of its keys and says which, so that keys can be rotated', () => {
    const before = createCookieSigner([oldKey])
    const after = createCookieSigner([newKey, oldKey])
    assert.equal(after.index('_session=abc', before.sign('_session=abc')), 1)
    assert.equal(after.index('_session=abc', after.sign('_session=abc')), 0)
    assert.equal(createCookieSigner([newKey]).verify('_session=abc', before.sign('_session=abc')), false)
  })

  it('refuses a digest of other data, a changed one and one in another encoding', () => {
    const signer = createCookieSigner([newKey])
    const digest = signer.sign('_session=abc')
    assert.equal(signer.verify('_session=abd', digest), false)
    assert.equal(signer.verify('_session=abc', `${digest.slice(0, -1)}${digest.endsWith('A') ? 'B' : 'A'}`), false)
    const padded = createHmac('sha256', newKey).update('_session=abc').digest('base64')
    assert.equal(signer.verify('_session=abc', padded), false)
    assert.equal(signer.verify('_session=abc', ''), false)
  })

  it('answers any digest a browser sends with an index, never an exception', () => {
    const signer = createCookieSigner([newKey, oldKey])
    fc.assert(
      fc.property(fc.string(), fc.string(), (data, digest) => {
        const index = signer.index(data, digest)
        assert.ok(index === -1 || digest === signer.sign(data) || index === 1)
      }),
    )
  })

  it('needs a key', () => {
    assert.throws(() => createCookieSigner([]))
  })
})
