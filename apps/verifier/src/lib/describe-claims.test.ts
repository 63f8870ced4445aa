import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { documentTypes } from '@polis/documents/catalogue'
import { describeClaims, formatClaimValue, portraitBytes } from './describe-claims.ts'

const idCard = documentTypes.find((type) => type.code === 'id-card')
const words = { yes: 'Yes', no: 'No' }

describe('describeClaims', () => {
  it('labels claims from the catalogue in the inspector’s language, in its order, without the portrait', () => {
    const lines = describeClaims(
      { age_over_18: true, birth_date: '1990-04-02', given_name: 'Olena', portrait: new Uint8Array([1]), extra: 'x' },
      { type: idCard, language: 'uk', ...words },
    )
    assert.deepEqual(
      lines.map((line) => line.name),
      ['given_name', 'birth_date', 'age_over_18', 'extra'],
    )
    assert.equal(lines[0]?.label, idCard?.claims.find((c) => c.name === 'given_name')?.label.uk)
    assert.equal(lines[3]?.label, 'extra')
  })

  it('writes dates, yes and no, and lists as people read them', () => {
    assert.equal(formatClaimValue('1990-04-02', { language: 'en', ...words }), '2 April 1990')
    assert.equal(formatClaimValue(false, { language: 'en', ...words }), 'No')
    assert.equal(formatClaimValue(['A', 'B1'], { language: 'en', ...words }), 'A, B1')
    assert.equal(formatClaimValue(42, { language: 'en', ...words }), '42')
  })
})

describe('portraitBytes', () => {
  it('takes raw bytes, base64url and data URLs, and nothing else', () => {
    assert.deepEqual(portraitBytes(new Uint8Array([137, 80])), new Uint8Array([137, 80]))
    assert.deepEqual(portraitBytes('iVA'), new Uint8Array([137, 80]))
    assert.deepEqual(portraitBytes('data:image/png;base64,iVA='), new Uint8Array([137, 80]))
    assert.equal(portraitBytes('not base64!'), undefined)
    assert.equal(portraitBytes(7), undefined)
  })
})
