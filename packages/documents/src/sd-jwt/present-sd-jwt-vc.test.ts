import assert from 'node:assert/strict'
import { createPublicKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { disclosableClaims, presentSdJwtVc } from './present-sd-jwt-vc.ts'
import { createTestHolder } from './test-pki.ts'
import { verifySdJwt } from './verify-sd-jwt.ts'

// RFC 9901 section 6.3 (recursive disclosures) and A.2 (nested and array disclosures).
const examples = new URL('../../../../../shared/vectors/sd-jwt/rfc9901-examples/', import.meta.url)
const issuerKey = createPublicKey({
  key: {
    kty: 'EC',
    crv: 'P-256',
    x: 'b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ',
    y: 'Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8',
  },
  format: 'jwk',
})
const holder = createTestHolder()
const now = new Date('2026-06-01T00:00:00Z')

async function presentAndRead(credential: string, disclose: string[]) {
  // The examples are not bound to our test holder; presenting only selects disclosures,
  // so the key-binding JWT is checked for shape, not signature, here.
  const presentation = await presentSdJwtVc({
    credential,
    disclose,
    holderSign: holder.sign,
    nonce: 'n',
    audience: 'a',
    now,
  })
  const withoutKb = `${presentation.slice(0, presentation.lastIndexOf('~'))}~`
  return verifySdJwt({
    sdJwt: withoutKb,
    issuerKey: () => issuerKey,
    keyBinding: { required: false, maxAgeSeconds: 60 },
    now,
  }).claims
}

describe('presentSdJwtVc selection (RFC 9901 sections 5 and 6.3)', () => {
  const simple = readFileSync(new URL('simple/sd_jwt_issuance.txt', examples), 'utf8')

  it('offers only top-level claims for disclosure', () => {
    assert.deepEqual(disclosableClaims(simple).sort(), [
      'address',
      'birthdate',
      'email',
      'family_name',
      'given_name',
      'phone_number',
      'phone_number_verified',
      'updated_at',
    ])
  })

  it('reveals a chosen claim and nothing else', async () => {
    const claims = await presentAndRead(simple, ['given_name'])
    assert.equal(claims.given_name, 'John')
    assert.equal(claims.family_name, undefined)
    assert.deepEqual(claims.nationalities, [], 'array elements of a claim not chosen stay hidden')
  })

  it('reveals array elements when their claim is chosen', async () => {
    const claims = await presentAndRead(simple, ['nationalities'])
    assert.deepEqual(claims.nationalities, ['US', 'DE'])
  })
})
