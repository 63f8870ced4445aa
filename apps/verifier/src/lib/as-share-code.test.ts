import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { asShareCode } from './as-share-code.ts'

describe('asShareCode', () => {
  it('takes 8 digits, with the spaces and dashes people type', () => {
    assert.equal(asShareCode('12345678'), '12345678')
    assert.equal(asShareCode(' 1234 5678 '), '12345678')
    assert.equal(asShareCode('1234-5678'), '12345678')
  })

  it('leaves anything else to be read as QR text', () => {
    assert.equal(asShareCode('1234567'), undefined)
    assert.equal(asShareCode('123456789'), undefined)
    assert.equal(asShareCode('PQ1:12345678'), undefined)
    assert.equal(asShareCode('１２３４５６７８'), undefined)
  })
})
