import assert from 'node:assert/strict'
import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { createTestKey } from '@polis/trust/testing'
import fc from 'fast-check'
import { signCompactJws } from '../jose/compact-jws.ts'
import { verifySdJwt } from './verify-sd-jwt.ts'

// Structure-aware fuzzing of RFC 9901 verification: the issuer's signature is good, so what is
// tried is everything behind it (disclosures of any shape, digests referenced anywhere, once or
// twice or not at all, nested disclosures, `...` array entries, any `_sd_alg`, `cnf` and key-binding
// JWT). Whatever comes, verification returns or throws a PolisError; nothing else escapes.

const issuer = createTestKey()
const issuerKey = createPublicKey({ key: issuer.publicJwk as JsonWebKey, format: 'jwk' })
const holder = createTestKey()
const now = new Date('2026-06-01T10:00:00Z')
const iat = Math.floor(now.getTime() / 1000)

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const digestOf = (disclosure: string) => createHash('sha256').update(disclosure).digest('base64url')

const salt = fc.oneof(fc.constant('c2FsdA'), fc.string({ maxLength: 8 }))
const claimName = fc.oneof(
  fc.constantFrom('given_name', '_sd', '...', '_sd_alg', 'cnf', 'iss'),
  fc.string({ maxLength: 8 }),
)
const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 20 }))

/** The text of a disclosure: an object property, an array element, or something else JSON or not. */
const disclosure = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 16, arbitrary: fc.tuple(salt, claimName, value).map(encode) },
    { weight: 8, arbitrary: fc.tuple(salt, value).map(encode) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map(encode) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  )

/** A value that refers to the digests given: `_sd` arrays, `...` array entries, and plain claims. */
function referring(digests: string[]): fc.Arbitrary<unknown> {
  const digest = digests.length > 0 ? fc.oneof(fc.constantFrom(...digests), fc.string({ maxLength: 10 })) : fc.string()
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ _sd: fc.oneof(fc.array(digest, { maxLength: 4 }), leaf), claim: tie('value') }, { requiredKeys: [] }),
      fc.array(
        fc.oneof(
          tie('value'),
          digest.map((d) => ({ '...': d })),
          fc.record({ '...': leaf }),
        ),
        { maxLength: 4 },
      ),
    ),
  })).value
}

const sdJwt = fc
  .array(disclosure(leaf), { maxLength: 5 })
  .chain((inner) => {
    // Disclosures whose values refer to the inner ones: recursive disclosures (section 4.2.6).
    const innerDigests = inner.map(digestOf)
    return fc.record({
      inner: fc.constant(inner),
      outer: fc.array(disclosure(referring(innerDigests)), { maxLength: 4 }),
    })
  })
  .chain(({ inner, outer }) => {
    const all = [...inner, ...outer]
    const digests = all.map(digestOf)
    return fc.record({
      payload: fc.record(
        {
          iss: fc.constant('https://issuer.example'),
          iat: fc.oneof(fc.constant(iat), leaf),
          _sd: fc.oneof(
            { weight: 4, arbitrary: fc.shuffledSubarray(digests) },
            fc.array(fc.constantFrom(...digests, 'x')),
            leaf,
          ),
          _sd_alg: fc.oneof(
            { weight: 8, arbitrary: fc.constant('sha-256') },
            fc.constantFrom('sha-512', 'SHA-256', 'md5'),
            leaf,
          ),
          cnf: fc.oneof(fc.constant({ jwk: holder.publicJwk }), fc.record({ jwk: leaf }), leaf),
          nested: referring(digests),
        },
        { requiredKeys: ['iss'] },
      ),
      disclosures: fc.shuffledSubarray(all).chain((chosen) => fc.shuffledSubarray([...chosen, ...chosen])),
      keyBinding: fc.oneof(
        fc.constant(undefined),
        fc.string({ maxLength: 40 }),
        fc.record({
          header: fc.oneof(fc.constant({ alg: 'ES256', typ: 'kb+jwt' }), fc.record({ alg: leaf, typ: leaf })),
          payload: fc.record(
            { iat: fc.oneof(fc.constant(iat), leaf), nonce: leaf, aud: leaf, sd_hash: leaf },
            { requiredKeys: [] },
          ),
        }),
      ),
    })
  })

describe('SD-JWT verification on signed input of any structure (RFC 9901 sections 4, 7)', () => {
  it('returns or throws a PolisError, whatever the disclosures, digests, cnf and key binding (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), sdJwt, async (required, input) => {
        const jwt = await signCompactJws({
          header: { alg: 'ES256', typ: 'dc+sd-jwt' },
          payload: input.payload,
          sign: issuer.sign,
        })
        let text = `${[jwt, ...input.disclosures].join('~')}~`
        if (typeof input.keyBinding === 'string') text += input.keyBinding
        else if (input.keyBinding) {
          text += await signCompactJws({
            header: input.keyBinding.header,
            payload: input.keyBinding.payload,
            sign: holder.sign,
          })
        }
        try {
          verifySdJwt({ sdJwt: text, issuerKey: () => issuerKey, keyBinding: { required, maxAgeSeconds: 300 }, now })
        } catch (error) {
          assert.ok(isPolisError(error), `not a PolisError: ${String(error)}`)
        }
      }),
      { numRuns: fuzzRuns(300) },
    )
  })
})
