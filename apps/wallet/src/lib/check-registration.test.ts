import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DcqlQuery } from '@polis/oid4vp/wallet'
import { isRequired, unregisteredClaims } from './check-registration.ts'

const vct = 'https://polis.test/vct/id-card'
const registration = {
  documents: [{ vct, claims: ['family_name', 'given_name', 'birth_date', 'tax_number', 'resident_address'] }],
}
const query = (claims: string[] | undefined, format: 'dc+sd-jwt' | 'mso_mdoc' = 'dc+sd-jwt') =>
  DcqlQuery.parse({
    credentials: [
      {
        id: 'card',
        format,
        meta: format === 'dc+sd-jwt' ? { vct_values: [vct] } : { doctype_value: 'org.polis.id_card' },
        ...(claims ? { claims: claims.map((c) => ({ path: format === 'mso_mdoc' ? ['ns', c] : [c] })) } : {}),
      },
    ],
  }).credentials[0]

describe('a request checked against the business’s registration (issue 7)', () => {
  it('passes the claims the purpose registered', () => {
    const asked = query(['family_name', 'tax_number'])
    assert.ok(asked)
    assert.deepEqual(unregisteredClaims(asked, registration), [])
  })

  it('flags a claim outside it, and a query asking for everything', () => {
    const asked = query(['family_name', 'portrait'])
    const everything = query(undefined)
    assert.ok(asked && everything)
    assert.deepEqual(unregisteredClaims(asked, registration), ['portrait'])
    assert.deepEqual(unregisteredClaims(everything, registration), ['*'])
  })

  it('flags every claim of a document type the purpose does not name', () => {
    const other = DcqlQuery.parse({
      credentials: [
        { id: 'd', format: 'dc+sd-jwt', meta: { vct_values: ['https://elsewhere/vct/x'] }, claims: [{ path: ['a'] }] },
      ],
    }).credentials[0]
    assert.ok(other)
    assert.deepEqual(unregisteredClaims(other, registration), ['a'])
  })

  it('leaves out only credentials that every credential set naming them makes optional (OpenID4VP 1.0 section 6.2)', () => {
    const sets = DcqlQuery.parse({
      credentials: [
        { id: 'card', format: 'dc+sd-jwt', meta: { vct_values: [vct] }, claims: [{ path: ['family_name'] }] },
        { id: 'extra', format: 'dc+sd-jwt', meta: { vct_values: [vct] }, claims: [{ path: ['tax_number'] }] },
      ],
      credential_sets: [{ options: [['card']] }, { options: [['extra']], required: false }],
    })
    assert.equal(isRequired(sets, 'card'), true)
    assert.equal(isRequired(sets, 'extra'), false)
    const plain = DcqlQuery.parse({ credentials: [{ id: 'card', format: 'dc+sd-jwt', meta: { vct_values: [vct] } }] })
    assert.equal(isRequired(plain, 'card'), true)
  })
})
