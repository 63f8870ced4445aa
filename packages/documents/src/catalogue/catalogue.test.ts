import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError, registryNames } from '@polis/kernel'
import fc from 'fast-check'
import {
  agencies,
  computeAgeClaims,
  computedClaimNames,
  contrastRatio,
  documentTypes,
  findDocumentType,
  getDocumentType,
  inPersonClaims,
  inspectedClaimNames,
} from './index.ts'

/** The 22 document types of CATALOGUE.md, and a child's residence extract in a parent's wallet. */
const catalogueCodes = [
  'id-card',
  'foreign-passport',
  'driver-licence',
  'vehicle-registration',
  'vehicle-insurance',
  'taxpayer-card',
  'student-id',
  'education-document',
  'birth-certificate',
  'marriage-record',
  'divorce-record',
  'name-change-record',
  'residence-permit',
  'idp-certificate',
  'pension-card',
  'large-family-certificate',
  'disability-certificate',
  'vaccination-certificate',
  'military-registration',
  'e-resident-card',
  'residence-extract',
  'business-extract',
  'child-residence-extract',
]

const languages = ['uk', 'en', 'et'] as const

/** Claims that SD-JWT VC (section 3.2.2) and JWT reserve for the credential itself. */
const reservedClaims = [
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'cnf',
  'vct',
  'vct#integrity',
  'status',
  '_sd',
  '_sd_alg',
]

function assertLocalized(text: Record<string, string>, what: string): void {
  for (const language of languages) assert.ok(text[language]?.trim(), `${what} in ${language}`)
  assert.equal(Object.keys(text).length, 3, `${what} has exactly uk, en, et`)
}

describe('document catalogue', () => {
  it('declares the document types of the catalogue, each code once', () => {
    assert.deepEqual(
      documentTypes.map((t) => t.code),
      catalogueCodes,
    )
  })

  it('names and describes every type, claim and agency in Ukrainian, English and Estonian', () => {
    for (const type of documentTypes) {
      assertLocalized(type.name, `${type.code} name`)
      assertLocalized(type.description, `${type.code} description`)
      for (const claim of type.claims) assertLocalized(claim.label, `${type.code}.${claim.name} label`)
    }
    for (const agency of agencies) assertLocalized(agency.name, `agency ${agency.code}`)
  })

  it('has every type issued by a declared agency, and every agency issue something', () => {
    const codes = agencies.map((a) => a.code)
    assert.equal(new Set(codes).size, codes.length)
    assert.ok(codes.length >= 10 && codes.length <= 12)
    for (const type of documentTypes) assert.ok(codes.includes(type.issuer), `${type.code} issuer ${type.issuer}`)
    for (const code of codes)
      assert.ok(
        documentTypes.some((t) => t.issuer === code),
        `${code} issues a document`,
      )
  })

  it('declares claims with unique names, known roots and sources, and sensible disclosure', () => {
    for (const type of documentTypes) {
      const names = type.claims.map((c) => c.name)
      assert.equal(new Set(names).size, names.length, `${type.code} claim names`)
      assert.ok(registryNames.includes(type.source.registry), type.source.registry)
      assert.ok(Number.isInteger(type.validityDays) && type.validityDays > 0)
      for (const claim of type.claims) {
        assert.match(claim.name, /^[a-z][a-z0-9_]*$/, `${type.code}.${claim.name}`)
        assert.ok(!reservedClaims.includes(claim.name), `${type.code}.${claim.name} is reserved in SD-JWT VC`)
        assert.match(claim.from, /^(person|record|computed)\.[a-z0-9_]+(\.[a-z0-9_]+)*$/, `${type.code}.${claim.name}`)
        if (claim.from.startsWith('computed.')) {
          assert.ok((computedClaimNames as readonly string[]).includes(claim.from.slice(9)), claim.from)
        }
      }
      assert.ok(
        type.claims.some((c) => c.required && c.disclosable),
        `${type.code} has personal data to disclose selectively`,
      )
      const country = type.claims.find((c) => c.name === 'issuing_country')
      assert.ok(country, `${type.code} names its issuing country`)
      assert.equal(country.disclosable, false)
    }
  })

  it('issues everything as SD-JWT VC and as an in-person QR copy, and the PID and the mDL also as ISO mdoc', () => {
    for (const type of documentTypes) {
      assert.ok(type.formats.includes('dc+sd-jwt'))
      assert.ok(type.formats.includes('polis_qr'))
      assert.equal(type.formats.includes('mso_mdoc'), type.mdoc !== undefined, type.code)
      if (type.mdoc) {
        const elements = type.claims.map((c) => c.mdocName ?? c.name)
        assert.equal(new Set(elements).size, elements.length, `${type.code} mdoc element identifiers`)
      }
    }
    assert.deepEqual(getDocumentType('id-card').mdoc, {
      docType: 'eu.europa.ec.eudi.pid.1',
      namespace: 'eu.europa.ec.eudi.pid.1',
    })
    assert.deepEqual(getDocumentType('driver-licence').mdoc, {
      docType: 'org.iso.18013.5.1.mDL',
      namespace: 'org.iso.18013.5.1',
    })
  })

  it('carries the mandatory data elements of the mDL (ISO/IEC 18013-5 table 5) and the PID', () => {
    const elements = (code: string) =>
      new Set(
        getDocumentType(code)
          .claims.filter((c) => c.required)
          .map((c) => c.mdocName ?? c.name),
      )
    const mdl = elements('driver-licence')
    for (const name of [
      'family_name',
      'given_name',
      'birth_date',
      'issue_date',
      'expiry_date',
      'issuing_country',
      'issuing_authority',
      'document_number',
      'portrait',
      'driving_privileges',
      'un_distinguishing_sign',
    ]) {
      assert.ok(mdl.has(name), `mDL ${name}`)
    }
    const pid = elements('id-card')
    for (const name of [
      'family_name',
      'given_name',
      'birth_date',
      'birth_place',
      'nationality',
      'expiry_date',
      'issuing_authority',
      'issuing_country',
    ]) {
      assert.ok(pid.has(name), `PID ${name}`)
    }
  })

  it('displays every type with text of at least 4.5:1 contrast (WCAG 2.2 AA)', () => {
    for (const type of documentTypes) {
      const ratio = contrastRatio(type.display.background, type.display.text)
      assert.ok(ratio >= 4.5, `${type.code}: ${ratio.toFixed(2)}`)
    }
  })

  it('names only real claims for the in-person QR, and gives every type some', () => {
    for (const type of documentTypes) {
      const names = new Set(type.claims.map((claim) => claim.name))
      for (const name of inspectedClaimNames(type.code)) assert.ok(names.has(name), `${type.code}: ${name}`)
      assert.ok(inPersonClaims(type).length >= 4, type.code)
    }
  })

  it('finds types by code and refuses unknown ones with ERR_UNKNOWN_DOCUMENT_TYPE', () => {
    assert.equal(findDocumentType('driver-licence')?.issuer, 'service-centre')
    assert.equal(findDocumentType('library-card'), undefined)
    assert.throws(
      () => getDocumentType('library-card'),
      (e) => isPolisError(e, 'ERR_UNKNOWN_DOCUMENT_TYPE'),
    )
  })
})

describe('contrastRatio (WCAG 2.2 relative luminance)', () => {
  it('gives 21 for black on white, 1 for equal colours and 4.48 for #777777 on white', () => {
    assert.equal(contrastRatio('#000000', '#FFFFFF'), 21)
    assert.equal(contrastRatio('#0057b7', '#0057B7'), 1)
    assert.equal(Number(contrastRatio('#777777', '#ffffff').toFixed(2)), 4.48)
    assert.throws(() => contrastRatio('blue', '#ffffff'), RangeError)
  })
})

describe('computed age claims', () => {
  it('count whole years, turning on the birthday itself', () => {
    const on = new Date('2026-06-01T00:00:00Z')
    assert.equal(computeAgeClaims('2008-06-01', on).age_over_18, true)
    assert.equal(computeAgeClaims('2008-06-02', on).age_over_18, false)
    assert.equal(computeAgeClaims('2008-06-02', on).age_in_years, 17)
    assert.equal(computeAgeClaims('1961-01-15', on).age_over_65, true)
    assert.equal(computeAgeClaims('1961-01-15', on).age_birth_year, 1961)
  })

  it('agree with calendar arithmetic for any birth date and day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1920-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }),
        fc.date({ min: new Date('2026-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        (birth, now) => {
          const iso = birth.toISOString().slice(0, 10)
          const claims = computeAgeClaims(iso, now)
          const age = claims.age_in_years as number
          const at = (years: number) =>
            Date.UTC(birth.getUTCFullYear() + years, birth.getUTCMonth(), birth.getUTCDate())
          const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
          // Someone born on 29 February turns a year older on 1 March of common years.
          assert.ok(at(age) <= today && today < at(age + 1), `${iso} on ${now.toISOString()}: ${age}`)
          assert.equal(claims.age_over_18, age >= 18)
          assert.equal(claims.age_over_21, age >= 21)
        },
      ),
    )
  })
})
