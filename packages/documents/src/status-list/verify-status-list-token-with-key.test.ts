import assert from 'node:assert/strict'
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { z } from 'zod'
import { getStatus } from './get-status.ts'
import { verifyStatusListTokenWithKey } from './verify-status-list-token-with-key.ts'

const Vectors = z.object({
  small: z.array(z.object({ statuses: z.array(z.number()) })),
  status_list_jwt: z.object({
    compact: z.string(),
    header: z.record(z.string(), z.unknown()),
    payload: z.object({ sub: z.string(), iat: z.number(), exp: z.number(), ttl: z.number() }),
  }),
  example_key_jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
})
const vectors = Vectors.parse(
  JSON.parse(
    readFileSync(new URL('../../../../../shared/vectors/status-list/test-vectors.json', import.meta.url), 'utf8'),
  ),
)
const { compact, payload } = vectors.status_list_jwt
const { kty, crv, x, y } = vectors.example_key_jwk
// Only the public half: the vector's `d` is never needed to verify.
const exampleKey = createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' })
const now = new Date('2026-06-01T00:00:00Z')

describe('verifyStatusListTokenWithKey (draft-ietf-oauth-status-list-20)', () => {
  it('section 5.1 example Status List Token: verifies with the example key and holds the section 4.1 list', () => {
    let seen: unknown
    const verified = verifyStatusListTokenWithKey({
      token: compact,
      expectedUri: 'https://example.com/statuslists/1',
      now,
      resolveKey: (header) => {
        seen = header
        return exampleKey
      },
    })
    assert.deepEqual(seen, vectors.status_list_jwt.header)
    assert.equal(verified.iat, payload.iat)
    assert.equal(verified.exp, payload.exp)
    assert.equal(verified.ttl, payload.ttl)
    assert.equal(verified.list.bits, 1)
    const statuses = vectors.small[0]?.statuses ?? assert.fail()
    assert.deepEqual(
      statuses.map((_, index) => getStatus(verified.list, index)),
      statuses,
    )
  })

  it('section 8.3: the same token fails under another key, another URI or after its exp', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey
    const options = { token: compact, expectedUri: payload.sub, now, resolveKey: () => exampleKey }
    assert.throws(
      () => verifyStatusListTokenWithKey({ ...options, resolveKey: () => other }),
      (e) => isPolisError(e, 'ERR_SIGNATURE_INVALID'),
    )
    assert.throws(
      () => verifyStatusListTokenWithKey({ ...options, expectedUri: 'https://example.com/statuslists/2' }),
      (e) => isPolisError(e, 'ERR_MALFORMED'),
    )
    assert.throws(
      () => verifyStatusListTokenWithKey({ ...options, now: new Date(payload.exp * 1000) }),
      (e) => isPolisError(e, 'ERR_STATUS_UNAVAILABLE'),
    )
  })

  it('refuses a key that is not P-256, whatever the header says', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey
    for (const key of [rsa, p384]) {
      assert.throws(
        () => verifyStatusListTokenWithKey({ token: compact, expectedUri: payload.sub, now, resolveKey: () => key }),
        (e) => isPolisError(e, 'ERR_UNSUPPORTED_ALGORITHM'),
      )
    }
  })
})
