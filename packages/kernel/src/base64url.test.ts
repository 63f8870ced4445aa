import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { fromBase64url, toBase64url } from './base64url.ts'

const strict = /^[A-Za-z0-9_-]*$/

describe('base64url (RFC 4648 section 5, no padding)', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.deepEqual(new Uint8Array(fromBase64url(toBase64url(bytes)) as Buffer), bytes)
      }),
    )
  })

  it('accepts exactly the strings a strict decoder accepts', () => {
    const alphabet = fc.constantFrom(...'ABCxyz019-_+/= .!~\n\u0141\u012b\u0100'.split(''))
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (characters) => {
        const input = characters.join('')
        const expected = strict.test(input) && input.length % 4 !== 1
        assert.equal(fromBase64url(input) !== undefined, expected, JSON.stringify(input))
      }),
      { numRuns: fuzzRuns(5000) },
    )
  })

  it('refuses characters outside ASCII whose low byte is in the alphabet', () => {
    assert.equal(fromBase64url('\u0141\u0141\u0141\u0141'), undefined)
    assert.equal(fromBase64url('AAA\u012b'), undefined)
  })

  it('refuses padding and the plain base64 alphabet', () => {
    assert.equal(fromBase64url('YQ=='), undefined)
    assert.equal(fromBase64url('a+b/'), undefined)
    assert.deepEqual(fromBase64url('YQ'), Buffer.from('a'))
  })
})
