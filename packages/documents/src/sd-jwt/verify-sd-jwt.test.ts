import assert from 'node:assert/strict'
import { createPublicKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { verifySdJwt } from './verify-sd-jwt.ts'

// RFC 9901 examples (../shared/vectors/sd-jwt/rfc9901-examples, inputs of draft-22 = RFC 9901).
const examples = new URL('../../../../../shared/vectors/sd-jwt/rfc9901-examples/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, examples), 'utf8')
const readJson = (path: string) => JSON.parse(read(path)) as Record<string, unknown>

// issuer_keys[0] of settings.yml (public part).
const issuerKey = createPublicKey({
  key: {
    kty: 'EC',
    crv: 'P-256',
    x: 'b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ',
    y: 'Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8',
  },
  format: 'jwk',
})
const kbIat = 1748537243
const atKbTime = new Date(kbIat * 1000)

function withoutSdAlg(claims: Record<string, unknown>): Record<string, unknown> {
  const { _sd_alg: _, ...rest } = claims
  return rest
}

describe('RFC 9901 section 7 verification against the RFC examples', () => {
  for (const name of ['simple', 'arf-pid']) {
    it(`${name}: SD-JWT+KB verifies and yields the verified contents (sections 5, 7.1, 7.3, A.3)`, () => {
      const result = verifySdJwt({
        sdJwt: read(`${name}/sd_jwt_presentation.txt`),
        issuerKey: () => issuerKey,
        keyBinding: {
          required: true,
          nonce: '1234567890',
          audience: 'https://verifier.example.org',
          maxAgeSeconds: 300,
        },
        now: atKbTime,
      })
      assert.equal(result.keyBound, true)
      assert.deepEqual(withoutSdAlg(result.claims), readJson(`${name}/verified_contents.json`))
    })
  }

  for (const name of ['simple_structured', 'complex_ekyc', 'jsonld']) {
    it(`${name}: SD-JWT without key binding yields the verified contents (appendix A)`, () => {
      const result = verifySdJwt({
        sdJwt: read(`${name}/sd_jwt_presentation.txt`),
        issuerKey: () => issuerKey,
        keyBinding: { required: false, maxAgeSeconds: 300 },
        now: atKbTime,
      })
      assert.deepEqual(withoutSdAlg(result.claims), readJson(`${name}/verified_contents.json`))
    })
  }

  it('issuance forms of the examples verify with all their disclosures (section 4)', () => {
    for (const name of ['simple', 'arf-pid', 'jsonld']) {
      const result = verifySdJwt({
        sdJwt: read(`${name}/sd_jwt_issuance.txt`),
        issuerKey: () => issuerKey,
        keyBinding: { required: false, maxAgeSeconds: 300 },
        now: atKbTime,
      })
      const disclosures = JSON.parse(read(`${name}/disclosures.json`)) as unknown[]
      assert.equal(result.parsed.disclosures.length, disclosures.length)
    }
  })

  const presentation = read('simple/sd_jwt_presentation.txt')
  const expectCode = (
    sdJwt: string,
    code: string,
    keyBinding = { nonce: '1234567890', audience: 'https://verifier.example.org' },
  ) =>
    assert.throws(
      () =>
        verifySdJwt({
          sdJwt,
          issuerKey: () => issuerKey,
          keyBinding: { required: true, maxAgeSeconds: 300, ...keyBinding },
          now: atKbTime,
        }),
      (e) => isPolisError(e) && e.code === code,
      code,
    )

  it('rejects a wrong nonce, audience, stale or future key binding (section 7.3)', () => {
    expectCode(presentation, 'ERR_KB_NONCE_MISMATCH', { nonce: 'other', audience: 'https://verifier.example.org' })
    expectCode(presentation, 'ERR_KB_AUDIENCE_MISMATCH', { nonce: '1234567890', audience: 'https://evil.example' })
    assert.throws(
      () =>
        verifySdJwt({
          sdJwt: presentation,
          issuerKey: () => issuerKey,
          keyBinding: { required: true, maxAgeSeconds: 300 },
          now: new Date((kbIat + 301) * 1000),
        }),
      (e) => isPolisError(e, 'ERR_KB_STALE'),
    )
    assert.throws(
      () =>
        verifySdJwt({
          sdJwt: presentation,
          issuerKey: () => issuerKey,
          keyBinding: { required: true, maxAgeSeconds: 300 },
          now: new Date((kbIat - 120) * 1000),
        }),
      (e) => isPolisError(e, 'ERR_KB_STALE'),
    )
  })

  it('rejects a duplicated disclosure (section 7.1 step 4)', () => {
    const parts = presentation.split('~')
    const duplicated = [parts[0], parts[1], parts[1], ...parts.slice(2)].join('~')
    expectCode(duplicated, 'ERR_DISCLOSURE_DUPLICATE')
  })

  it('rejects a disclosure the issuer did not sign (section 7.1 step 5)', () => {
    const parts = presentation.split('~')
    const foreign = Buffer.from(JSON.stringify(['c2FsdA', 'family_name', 'Mallory'])).toString('base64url')
    const withForeign = [parts[0], foreign, ...parts.slice(1, -1), ''].join('~')
    assert.throws(
      () =>
        verifySdJwt({
          sdJwt: withForeign,
          issuerKey: () => issuerKey,
          keyBinding: { required: false, maxAgeSeconds: 300 },
          now: atKbTime,
        }),
      (e) => isPolisError(e, 'ERR_DISCLOSURE_UNREFERENCED'),
    )
  })

  it('rejects a dropped disclosure through sd_hash, and a missing key binding (section 7.3)', () => {
    const parts = presentation.split('~')
    expectCode([parts[0], ...parts.slice(2)].join('~'), 'ERR_KB_SD_HASH_MISMATCH')
    expectCode(`${parts.slice(0, -1).join('~')}~`, 'ERR_KB_MISSING')
  })

  it('rejects a tampered issuer payload (section 7.1 step 2)', () => {
    const [jwt = '', ...rest] = presentation.split('~')
    const [header, payload, signature] = jwt.split('.')
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString())
    claims.iss = 'https://evil.example'
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`
    expectCode([forged, ...rest].join('~'), 'ERR_SIGNATURE_INVALID')
  })

  it('refuses an oversized header before parsing it', () => {
    const [, ...rest] = presentation.split('~')
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', x: new Array(9000).fill({}) })).toString('base64url')
    assert.throws(
      () =>
        verifySdJwt({
          sdJwt: [`${header}.e30.${'A'.repeat(86)}`, ...rest].join('~'),
          issuerKey: () => issuerKey,
          keyBinding: { required: false, maxAgeSeconds: 300 },
          now: atKbTime,
        }),
      (e) => isPolisError(e, 'ERR_TOO_LARGE'),
    )
  })

  it('refuses alg none and HS256 before looking at a key (section 7.1 step 2)', () => {
    const [jwt = '', ...rest] = presentation.split('~')
    const [, payload, signature] = jwt.split('.')
    for (const alg of ['none', 'HS256', 'RS256']) {
      const header = Buffer.from(JSON.stringify({ alg, typ: 'example+sd-jwt' })).toString('base64url')
      expectCode([`${header}.${payload}.${signature}`, ...rest].join('~'), 'ERR_UNSUPPORTED_ALGORITHM')
    }
  })
})
