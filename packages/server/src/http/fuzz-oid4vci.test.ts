import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { signCompactJws } from '@polis/documents'
import { epochSeconds } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { testEngine } from '@polis/store'
import { createTestKey } from '@polis/trust/testing'
import fc from 'fast-check'
import { createTestPlatform } from '../test/create-test-platform.ts'

// OpenID4VCI 1.0's token and credential endpoints with hostile input that gets past the first
// checks: a live pre-authorised code, a valid access token and fresh nonces, then requests and
// key proofs of any shape. Every answer is below 500 and names an OAuth error.

let t: Awaited<ReturnType<typeof createTestPlatform>>
let accessToken: string
let configurationIds: string[]
const grantType = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
const holder = createTestKey()

async function call(path: string, headers: Record<string, string>, body: string) {
  const response = await t.app.request(path, { method: 'POST', headers, body })
  const answer = (await response.json()) as Record<string, unknown>
  return { status: response.status, answer }
}

async function offer(): Promise<{ code: string; ids: string[] }> {
  const created = await call(
    '/api/admin/offers',
    { authorization: 'Bearer operator-token-for-tests', 'content-type': 'application/json' },
    JSON.stringify({ citizenId: t.holding('driver-licence') }),
  )
  const offered = created.answer.offer as { credential_configuration_ids: string[]; grants: Record<string, unknown> }
  const grant = offered.grants[grantType] as { 'pre-authorized_code': string }
  return { code: grant['pre-authorized_code'], ids: offered.credential_configuration_ids }
}

before(async () => {
  t = await createTestPlatform({ citizens: 20 })
  const offered = await offer()
  configurationIds = offered.ids
  const body = new URLSearchParams({ grant_type: grantType, 'pre-authorized_code': offered.code }).toString()
  const granted = await call('/oid4vci/token', { 'content-type': 'application/x-www-form-urlencoded' }, body)
  accessToken = String(granted.answer.access_token)
})
after(() => t.close())

const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 40 }))

/** A key proof: a JWT of any header and claims signed by the holder, mostly around a valid one. */
const keyProof = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.record(
    {
      header: fc.oneof(
        fc.constant({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: holder.publicJwk }),
        fc.record(
          {
            alg: fc.oneof(fc.constantFrom('ES256', 'none', 'HS256'), leaf),
            typ: fc.oneof(fc.constant('openid4vci-proof+jwt'), leaf),
            jwk: fc.oneof(fc.constant(holder.publicJwk), fc.constant({ ...holder.publicJwk, d: 'AAAA' }), leaf),
            kid: leaf,
          },
          { requiredKeys: [] },
        ),
      ),
      claims: fc.record(
        {
          aud: fc.oneof(fc.constant('https://polis.test'), leaf),
          iat: fc.oneof(fc.constant('now'), leaf),
          nonce: fc.oneof(fc.constant('fresh'), leaf),
          iss: leaf,
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['header', 'claims'] },
  ),
)

const configurationId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('id-card.sd_jwt_vc', 'driver-licence.mso_mdoc') },
  leaf,
)

/** Mostly a request of the right shape with proofs of any kind; sometimes any fields at all. */
const credentialRequest = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      credential_configuration_id: configurationId,
      proofs: fc.record({ jwt: fc.array(keyProof, { minLength: 1, maxLength: 4 }) }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        credential_configuration_id: configurationId,
        proofs: fc.oneof(fc.record({ jwt: fc.array(keyProof, { maxLength: 4 }) }, { requiredKeys: [] }), leaf),
        proof: fc.record({ proof_type: leaf, jwt: keyProof }, { requiredKeys: [] }),
        credential_identifier: leaf,
        credential_response_encryption: leaf,
      },
      { requiredKeys: [] },
    ),
  },
)

async function proofText(proof: unknown): Promise<unknown> {
  if (typeof proof !== 'object' || proof === null || !('header' in proof) || !('claims' in proof)) return proof
  const { header, claims } = proof as { header: Record<string, unknown>; claims: Record<string, unknown> }
  const payload = { ...claims }
  if (payload.iat === 'now') payload.iat = epochSeconds(t.now())
  if (payload.nonce === 'fresh') payload.nonce = (await call('/oid4vci/nonce', {}, '')).answer.c_nonce
  return signCompactJws({ header, payload, sign: holder.sign })
}

describe(`OpenID4VCI endpoints with hostile input on ${testEngine}`, () => {
  it('answer any token request below 500 with an OAuth error (fast-check)', async () => {
    const { code } = await offer()
    const tokenRequest = fc.dictionary(
      fc.constantFrom('grant_type', 'pre-authorized_code', 'tx_code', 'client_id', 'scope', 'code'),
      fc.oneof(fc.constantFrom(grantType, code, 'authorization_code', ''), fc.string({ maxLength: 40 })),
    )
    await fc.assert(
      fc.asyncProperty(tokenRequest, async (fields) => {
        const body = new URLSearchParams(fields).toString()
        const { status, answer } = await call(
          '/oid4vci/token',
          { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        )
        assert.ok(status < 500, `${status} for ${body}`)
        if (status !== 200) assert.equal(typeof answer.error, 'string', JSON.stringify(answer))
      }),
      { numRuns: fuzzRuns(100) },
    )
  })

  it('answer any credential request and key proof below 500 with an OAuth error (fast-check)', async () => {
    assert.ok(configurationIds.includes('id-card.sd_jwt_vc'))
    await fc.assert(
      fc.asyncProperty(credentialRequest, async (request) => {
        const body: Record<string, unknown> = { ...request }
        if (typeof request.proofs === 'object' && request.proofs !== null && 'jwt' in request.proofs) {
          body.proofs = { jwt: await Promise.all((request.proofs.jwt as unknown[]).map(proofText)) }
        }
        if ('proof' in request && request.proof !== undefined) {
          body.proof = { ...request.proof, jwt: await proofText(request.proof.jwt) }
        }
        const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }
        const { status, answer } = await call('/oid4vci/credential', headers, JSON.stringify(body))
        assert.ok(status < 500, `${status} for ${JSON.stringify(body)}`)
        if (status !== 200) assert.equal(typeof answer.error, 'string', JSON.stringify(answer))
      }),
      { numRuns: fuzzRuns(150) },
    )
  })
})
