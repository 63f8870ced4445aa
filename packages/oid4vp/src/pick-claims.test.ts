import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pickClaims } from './pick-claims.ts'

const claims = {
  given_name: 'Тарас',
  address: { locality: 'Київ', street_address: 'вул. Хрещатик, 1', postal_code: '01001' },
  nationalities: ['UA', 'ZZ'],
}

describe('answering only the claims asked (OpenID4VP 1.0 section 7)', () => {
  it('keeps the shape and nothing beside the paths', () => {
    assert.deepEqual(pickClaims(claims, [['address', 'locality']]), { address: { locality: 'Київ' } })
    assert.deepEqual(pickClaims(claims, [['address', 'locality'], ['address', 'postal_code'], ['given_name']]), {
      address: { locality: 'Київ', postal_code: '01001' },
      given_name: 'Тарас',
    })
    assert.deepEqual(pickClaims(claims, [['nationalities', null]]), { nationalities: ['UA', 'ZZ'] })
    assert.deepEqual(pickClaims(claims, [['address'], ['address', 'locality']]), { address: claims.address })
    assert.deepEqual(pickClaims(claims, [['missing'], ['given_name', 'x']]), { given_name: 'Тарас' })
  })
})
