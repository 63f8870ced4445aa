import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import fc from 'fast-check'
import { fromBase45, toBase45 } from './base45.ts'

const text = (value: string) => new TextEncoder().encode(value)

describe('Base45 (RFC 9285)', () => {
  // The examples of RFC 9285 sections 4.3 and 4.4.
  it('encodes and decodes the examples of the RFC', () => {
    assert.equal(toBase45(text('AB')), 'BB8')
    assert.equal(toBase45(text('Hello!!')), '%69 VD92EX0')
    assert.equal(toBase45(text('base-45')), 'UJCLQE7W581')
    assert.equal(new TextDecoder().decode(fromBase45('QED8WEX0')), 'ietf!')
  })

  it('refuses what section 6 says to refuse', () => {
    for (const bad of ['GGW', 'A', 'ABCD', 'ab8', 'BB8é', ':::']) {
      assert.throws(
        () => fromBase45(bad),
        (error) => isPolisError(error, 'ERR_MALFORMED'),
        bad,
      )
    }
  })

  it('gives back any bytes it encoded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.deepEqual(fromBase45(toBase45(bytes)), bytes)
      }),
    )
  })

  it('never throws anything but ERR_MALFORMED on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (input) => {
        try {
          fromBase45(input)
        } catch (error) {
          assert.ok(isPolisError(error, 'ERR_MALFORMED'))
        }
      }),
    )
  })
})
