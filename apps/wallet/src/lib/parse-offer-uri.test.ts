import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dersOfPem } from './federated-parties.ts'
import type { IssuerMetadata } from './issuer-metadata.ts'
import { parseOfferUri } from './receive-documents.ts'

const own = { credential_issuer: 'https://ua.example' } as IssuerMetadata
const offerFrom = (issuer: string) =>
  `openid-credential-offer://?credential_offer=${encodeURIComponent(
    JSON.stringify({
      credential_issuer: issuer,
      credential_configuration_ids: ['residence-permit.sd_jwt_vc'],
      grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': 'c' } },
    }),
  )}`

const codeOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return undefined
}

describe('whose offers the wallet takes (docs/federation.md)', () => {
  it('takes its own instance’s, and those of the countries its instance federates with', () => {
    assert.equal(parseOfferUri(offerFrom('https://ua.example'), own).credential_issuer, 'https://ua.example')
    const federated = ['https://ee.example']
    assert.equal(parseOfferUri(offerFrom('https://ee.example'), own, federated).credential_issuer, 'https://ee.example')
  })

  it('refuses any other issuer, however close its name', () => {
    for (const issuer of [
      'https://ee.example',
      'https://ee.example.evil',
      'https://ua.example.evil',
      'http://ee.example',
    ]) {
      assert.equal(
        codeOf(() =>
          parseOfferUri(offerFrom(issuer), own, issuer === 'https://ee.example' ? [] : ['https://ee.example']),
        ),
        'ERR_UNTRUSTED_ISSUER',
        issuer,
      )
    }
    assert.equal(
      codeOf(() => parseOfferUri('openid4vp://?request_uri=x', own)),
      'ERR_MALFORMED',
    )
  })
})

describe('access CAs in PEM', () => {
  it('reads every certificate of a bundle, and nothing of text that is none', () => {
    const pem = (bytes: number[]) =>
      `-----BEGIN CERTIFICATE-----\n${Buffer.from(bytes).toString('base64')}\n-----END CERTIFICATE-----\n`
    assert.deepEqual(
      dersOfPem(`${pem([1, 2, 3])}${pem([4, 5])}`).map((der) => [...der]),
      [
        [1, 2, 3],
        [4, 5],
      ],
    )
    assert.deepEqual(dersOfPem('not a certificate'), [])
  })
})
