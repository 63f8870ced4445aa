import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError, PolisError } from '@polis/kernel'
import type { VerifiedCredential } from '@polis/oid4vp'
import fc from 'fast-check'
import { checkAddress, checkForeignDocuments, statusOf } from './cross-border-applications.ts'

const ukraine = { code: 'UA', name: 'Ukraine (Polis demo)' }
const migration = 'C=UA, O=State Migration Service, CN=State Migration Service'
const social = 'C=UA, O=Ministry of Social Policy, CN=Ministry of Social Policy'
const own = 'C=EE, O=Politsei- ja Piirivalveamet, CN=Politsei- ja Piirivalveamet'

/** A credential as it verified, of a query, type and issuer, with claims. */
function verified(queryId: string, type: string, issuer: string, claims: Record<string, unknown>): VerifiedCredential {
  return {
    queryId,
    format: 'dc+sd-jwt',
    claims,
    evidence: {
      type: `https://ua.example/vct/${type}`,
      issuer,
      status: undefined,
      holderBound: true,
      issuedAt: undefined,
      expiresAt: undefined,
    },
  }
}

const person = { family_name: 'Вакуленко', given_name: 'Наталія', birth_date: '1953-09-17' }
const card = verified('identity', 'id-card', migration, { ...person, nationalities: ['UA'] })
const certificate = verified('displacement', 'idp-certificate', social, { ...person, previous_address: 'Мукачево' })

/** Ukraine's list as Estonia holds it: each agency granted its own type. */
const trust = {
  countryOf: (subject: string) => (subject.startsWith('C=UA') ? ukraine : undefined),
  assertEntitled: (options: { issuerSubject: string; type: string }) => {
    const granted = options.issuerSubject === migration ? 'id-card' : 'idp-certificate'
    if (!options.type.endsWith(`/${granted}`)) throw new PolisError('ERR_ISSUER_NOT_ENTITLED')
  },
}

const codeOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return isPolisError(error) ? error.code : 'not a PolisError'
  }
  return undefined
}

describe('the residence service’s checks of what a foreign wallet shared', () => {
  it('takes the card and the certificate of one person from another country, naming it', () => {
    const documents = checkForeignDocuments([card, certificate], trust)
    assert.equal(documents.identity.type, 'id-card')
    assert.equal(documents.displacement.type, 'idp-certificate')
    assert.deepEqual(documents.identity.country, ukraine)
  })

  it('refuses each bad answer with its code', () => {
    const ownCard = { ...card, evidence: { ...card.evidence, issuer: own } }
    assert.equal(
      codeOf(() => checkForeignDocuments([ownCard, certificate], trust)),
      'ERR_FOREIGN_DOCUMENT_REQUIRED',
    )
    assert.equal(
      codeOf(() => checkForeignDocuments([card], trust)),
      'ERR_IDP_CERTIFICATE_MISSING',
    )
    // The social ministry's signature on an ID card: a type its list does not grant it.
    const forged = { ...card, evidence: { ...card.evidence, issuer: social } }
    assert.equal(
      codeOf(() => checkForeignDocuments([forged, certificate], trust)),
      'ERR_ISSUER_NOT_ENTITLED',
    )
    const someoneElse = { ...certificate, claims: { ...certificate.claims, birth_date: '1953-09-18' } }
    assert.equal(
      codeOf(() => checkForeignDocuments([card, someoneElse], trust)),
      'ERR_DOCUMENTS_NAME_DIFFERENT_PEOPLE',
    )
  })

  it('matches names whatever their case and spacing, and nothing else (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (a, b) => {
        const one = verified('identity', 'id-card', migration, { ...person, family_name: a })
        const two = verified('displacement', 'idp-certificate', social, {
          ...person,
          family_name: ` ${b.toUpperCase()} `,
        })
        const same = a.trim().toLocaleLowerCase('uk') === b.toUpperCase().trim().toLocaleLowerCase('uk')
        const code = codeOf(() => checkForeignDocuments([one, two], trust))
        assert.equal(code, same ? undefined : 'ERR_DOCUMENTS_NAME_DIFFERENT_PEOPLE')
      }),
    )
  })
})

describe('the address in Estonia', () => {
  it('keeps the answers trimmed, and names each missing or malformed one', () => {
    const good = checkAddress({
      street: '  Tartu   mnt ',
      house_number: '12',
      locality: 'Tallinn',
      region: 'Harju maakond',
      postal_code: '10117',
    })
    assert.deepEqual(good.problems, {})
    assert.equal(good.address.street, 'Tartu mnt')
    const bad = checkAddress({
      street: '',
      house_number: '12 ',
      locality: 'Tallinn',
      region: 'Harju',
      postal_code: '1011',
    })
    assert.deepEqual(bad.problems, { street: 'required', postal_code: 'invalid' })
  })

  it('refuses anything but text in every field (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (form) => {
        const { address } = checkAddress(form)
        for (const value of Object.values(address)) assert.equal(typeof value, 'string')
      }),
    )
  })
})

describe('an application’s status, from its events', () => {
  it('follows the last step', () => {
    assert.equal(statusOf([]), 'awaiting-documents')
    assert.equal(statusOf([{ type: 'started' }, { type: 'documents-refused' }]), 'documents-refused')
    assert.equal(
      statusOf([
        { type: 'started' },
        { type: 'documents-refused' },
        { type: 'started' },
        { type: 'documents-verified' },
      ]),
      'awaiting-address',
    )
    assert.equal(
      statusOf([{ type: 'started' }, { type: 'documents-verified' }, { type: 'address-given' }, { type: 'approved' }]),
      'approved',
    )
  })
})
