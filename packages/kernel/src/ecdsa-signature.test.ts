import assert from 'node:assert/strict'
import { generateKeyPairSync, sign, verify } from 'node:crypto'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { derSignatureToRaw, rawSignatureToDer } from './ecdsa-signature.ts'
import { isPolisError } from './errors.ts'

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })

describe('ECDSA signature encodings (RFC 3279 section 2.2.3, RFC 7518 section 3.4)', () => {
  it('agrees with node:crypto both ways over many signatures', () => {
    for (let i = 0; i < 300; i++) {
      const data = Buffer.from(`message ${i}`)
      const raw = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })
      const der = sign('sha256', data, privateKey)
      assert.equal(verify('sha256', data, publicKey, rawSignatureToDer(raw)), true)
      assert.equal(verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, derSignatureToRaw(der)), true)
    }
  })

  it('encodes integers minimally, with a zero byte before a set high bit', () => {
    const raw = new Uint8Array(64)
    raw[31] = 1
    raw[32] = 0x80
    const der = rawSignatureToDer(raw)
    assert.equal(der.toString('hex'), `3026020101022100${'80'.padEnd(64, '0')}`)
    assert.deepEqual(derSignatureToRaw(der), raw)
  })

  it('round-trips any 64 bytes, and refuses other lengths and broken DER', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (raw) => {
        assert.deepEqual(derSignatureToRaw(rawSignatureToDer(raw)), raw)
      }),
    )
    assert.throws(
      () => rawSignatureToDer(new Uint8Array(63)),
      (e) => isPolisError(e, 'ERR_MALFORMED'),
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          derSignatureToRaw(bytes)
        } catch (error) {
          assert.ok(isPolisError(error, 'ERR_MALFORMED'))
        }
      }),
    )
  })
})
