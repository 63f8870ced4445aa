import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { parsePresentationLink } from '@polis/oid4vp/wallet'
import { testEngine } from '@polis/store'
import fc from 'fast-check'
import { CompactEncrypt, importJWK, type JWK } from 'jose'
import { createApiKey } from '../business/businesses.ts'
import { approvedBusiness, insertApprover } from '../test/approved-business.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { verifierRequestsPerBusiness } from './verifier-api-routes.ts'

// The verifier API (OpenID4VP 1.0) with hostile input past its first checks: a business's valid
// API key asking for anything, and answers of any shape sent to a real open request, encrypted to
// its key or not. Every answer is below 500 and carries a stable code.

let t: Awaited<ReturnType<typeof createTestPlatform>>
let apiKey: string
const claims = ['family_name', 'given_name', 'birth_date']

async function call(path: string, init: { headers: Record<string, string>; body: string }) {
  // A minute on for each request a business sends: its allowance a minute is not what answers here.
  if (path === '/api/verifier/requests') t.now.advance(verifierRequestsPerBusiness.windowSeconds)
  const response = await t.app.request(path, { method: 'POST', ...init })
  const text = await response.text()
  return { status: response.status, text }
}

const vct = () => `${t.platform.publicUrl}/vct/id-card`

/** A fresh open request of the business: an answer is taken once, so each case gets its own. */
async function openRequest() {
  const created = await call('/api/verifier/requests', {
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      purpose: 'open-account',
      dcql_query: {
        credentials: [
          { id: 'id_card', format: 'dc+sd-jwt', meta: { vct_values: [vct()] }, claims: [{ path: ['given_name'] }] },
        ],
      },
    }),
  })
  const body = JSON.parse(created.text) as { id: string; link: string }
  const { requestUri } = parsePresentationLink(body.link)
  const requestObject = await (await t.app.request(new URL(requestUri).pathname)).text()
  const payload = JSON.parse(Buffer.from(requestObject.split('.')[1] as string, 'base64url').toString()) as {
    response_uri: string
    state: string
    client_metadata: { jwks: { keys: JWK[] } }
  }
  const jwk = payload.client_metadata.jwks.keys[0] as JWK
  return {
    responsePath: new URL(payload.response_uri).pathname,
    state: payload.state,
    key: await importJWK(jwk, 'ECDH-ES'),
    kid: jwk.kid,
  }
}

before(async () => {
  t = await createTestPlatform({ citizens: 5 })
  const approver = t.citizens[0]?.id as string
  await insertApprover(t.platform, { citizenId: approver, agency: 'ministry-of-digital' })
  const approval = await approvedBusiness(t.platform, { approver, claims })
  apiKey = await createApiKey(t.platform, approval.business.id)
})
after(() => t.close())

const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 40 }))

describe(`the verifier API with hostile input on ${testEngine}`, () => {
  it('answers any request a business sends below 500 with a stable code (fast-check)', async () => {
    const pick = <T>(likely: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: likely }, leaf)
    const credentials = fc.array(
      fc.record(
        {
          id: pick(fc.constant('id_card')),
          format: pick(fc.constant('dc+sd-jwt')),
          meta: pick(fc.constant({ vct_values: [vct()] })),
          claims: pick(
            fc.array(
              fc.record({
                path: fc.oneof(fc.tuple(pick(fc.constantFrom(...claims))), fc.array(leaf, { maxLength: 3 })),
              }),
              {
                minLength: 1,
                maxLength: 3,
              },
            ),
          ),
        },
        { requiredKeys: ['id', 'format', 'meta', 'claims'] },
      ),
      { minLength: 1, maxLength: 1 },
    )
    const dcql = fc.oneof(
      { weight: 4, arbitrary: fc.record({ credentials }) },
      fc.record({ credentials, credential_sets: leaf }),
      leaf,
    )
    const request = fc.oneof(
      { weight: 3, arbitrary: fc.record({ purpose: fc.constant('open-account'), dcql_query: dcql }) },
      fc.record(
        { purpose: fc.oneof(fc.constant('open-account'), leaf), dcql_query: dcql, transaction_data: leaf },
        { requiredKeys: [] },
      ),
    )
    await fc.assert(
      fc.asyncProperty(request, async (body) => {
        const { status, text } = await call('/api/verifier/requests', {
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        assert.ok(status < 500, `${status} for ${JSON.stringify(body)}`)
        if (status >= 400) assert.match(text, /"code":"ERR_[A-Z_]+"/)
      }),
      { numRuns: fuzzRuns(100) },
    )
  })

  it('answers any response sent to an open request below 500 with a stable code, encrypted to it or not (fast-check)', async () => {
    const presentation = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('a.b.c~', '~~', 'eyJ9.e30.e30~e30~'))
    const payload = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        vp_token: fc.oneof(
          fc.dictionary(fc.constantFrom('id_card', 'other', '__proto__'), fc.array(presentation, { maxLength: 2 })),
          leaf,
        ),
        state: fc.oneof(fc.constant('open'), leaf),
      }),
    )
    const form = fc.record(
      {
        response: fc.oneof(
          fc.string({ maxLength: 200 }),
          payload.map((value) => ({ encrypt: value })),
        ),
        state: fc.oneof(fc.constant('open'), fc.string({ maxLength: 20 })),
        error: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(form, async (fields) => {
        const open = await openRequest()
        const sent: Record<string, string> = {}
        if (typeof fields.response === 'string') sent.response = fields.response
        else if (fields.response) {
          const { encrypt } = fields.response
          const value =
            typeof encrypt === 'object' && encrypt !== null && 'state' in encrypt && encrypt.state === 'open'
              ? { ...encrypt, state: open.state }
              : encrypt
          sent.response = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(value)))
            .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128GCM', ...(open.kid ? { kid: open.kid } : {}) })
            .encrypt(open.key)
        }
        if (fields.state !== undefined) sent.state = fields.state === 'open' ? open.state : fields.state
        if (fields.error !== undefined) sent.error = fields.error
        const { status, text } = await call(open.responsePath, {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(sent).toString(),
        })
        assert.ok(status < 500, `${status} for ${JSON.stringify(sent).slice(0, 300)}`)
        if (status >= 400) assert.match(text, /"code":"ERR_[A-Z_]+"|"error":"/)
      }),
      { numRuns: fuzzRuns(150) },
    )
  })
})
