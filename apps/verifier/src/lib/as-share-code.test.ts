import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { asShareCode } from './as-share-code.ts'

const origin = 'https://polis.test'

describe('asShareCode', () => {
  it('takes 8 digits, with the spaces and dashes people type', () => {
    assert.equal(asShareCode('12345678', origin), '12345678')
    assert.equal(asShareCode(' 1234 5678 ', origin), '12345678')
    assert.equal(asShareCode('1234-5678', origin), '12345678')
  })

  it('takes the wallet’s link to this verifier, and no other link', () => {
    assert.equal(asShareCode('https://polis.test/verify/#code=87654321', origin), '87654321')
    assert.equal(asShareCode('https://elsewhere.test/verify/#code=87654321', origin), undefined)
    assert.equal(asShareCode('https://polis.test/wallet/#code=87654321', origin), undefined)
    assert.equal(asShareCode('https://polis.test/verify/#code=8765432', origin), undefined)
  })

  it('leaves anything else to be read as QR text', () => {
    assert.equal(asShareCode('1234567', origin), undefined)
    assert.equal(asShareCode('123456789', origin), undefined)
    assert.equal(asShareCode('PQ1:12345678', origin), undefined)
    assert.equal(asShareCode('１２３４５６７８', origin), undefined)
  })
})
