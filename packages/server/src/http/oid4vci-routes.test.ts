import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseSdJwt, signCompactJws } from '@polis/documents'
import { epochSeconds } from '@polis/kernel'
import { testEngine } from '@polis/store'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import { createTestPlatform } from '../test/create-test-platform.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform()
})
after(() => t.close())

const operator = { authorization: 'Bearer operator-token-for-tests', 'content-type': 'application/json' }
const form = { 'content-type': 'application/x-www-form-urlencoded' }
const grantType = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'

// biome-ignore lint/suspicious/noExplicitAny: the test reads fields of several response shapes
type Json = Record<string, any>

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  const response = await t.app.request(path, { method: init.method ?? 'POST', ...init })
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json }
}

async function offer(citizenId: string, extra: Json = {}) {
  const created = await call('/api/admin/offers', { headers: operator, body: JSON.stringify({ citizenId, ...extra }) })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  return created.body as { uri: string; offer: Json; txCode?: string }
}

function codeOf(created: { offer: Json }): string {
  return created.offer.grants[grantType]['pre-authorized_code']
}

async function token(code: string, txCode?: string) {
  const body = new URLSearchParams({
    grant_type: grantType,
    'pre-authorized_code': code,
    ...(txCode ? { tx_code: txCode } : {}),
  })
  return call('/oid4vci/token', { headers: form, body: body.toString() })
}

async function proof(key: TestKey, nonce: string, audience = 'https://polis.test') {
  return signCompactJws({
    header: { alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: key.publicJwk },
    payload: { aud: audience, iat: epochSeconds(t.now()), nonce },
    sign: key.sign,
  })
}

async function nonce(): Promise<string> {
  return (await call('/oid4vci/nonce', {})).body.c_nonce
}

async function requestCredential(accessToken: string, configuration: string, proofs: string[]) {
  return call('/oid4vci/credential', {
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ credential_configuration_id: configuration, proofs: { jwt: proofs } }),
  })
}

describe(`OpenID4VCI 1.0 issuer on ${testEngine}`, () => {
  it('publishes issuer and authorization server metadata with its endpoints (sections 12.2, 12.3)', async () => {
    const metadata = (await call('/.well-known/openid-credential-issuer', { method: 'GET' })).body
    assert.equal(metadata.credential_endpoint, 'https://polis.test/oid4vci/credential')
    assert.equal(metadata.nonce_endpoint, 'https://polis.test/oid4vci/nonce')
    assert.ok(metadata.batch_credential_issuance.batch_size >= 3)
    const as = (await call('/.well-known/oauth-authorization-server', { method: 'GET' })).body
    assert.equal(as.token_endpoint, 'https://polis.test/oid4vci/token')
  })

  it('issues a batch of unlinkable copies, each bound to its own proven key (sections 4, 6, 7, 8)', async () => {
    const citizenId = t.holding('driver-licence')
    const created = await offer(citizenId)
    assert.match(created.uri, /^openid-credential-offer:\/\/\?credential_offer=/)
    const ids = created.offer.credential_configuration_ids as string[]
    assert.ok(ids.includes('id-card.sd_jwt_vc') && ids.includes('driver-licence.mso_mdoc'))

    const granted = await token(codeOf(created))
    assert.equal(granted.status, 200, JSON.stringify(granted.body))
    assert.equal(granted.headers.get('cache-control'), 'no-store')
    const keys = [createTestKey(), createTestKey(), createTestKey()]
    const c = await nonce()
    const response = await requestCredential(
      granted.body.access_token,
      'id-card.sd_jwt_vc',
      await Promise.all(keys.map((key) => proof(key, c))),
    )
    assert.equal(response.status, 200, JSON.stringify(response.body))
    const credentials = response.body.credentials as Array<{ credential: string }>
    assert.equal(credentials.length, 3)
    credentials.forEach(({ credential }, i) => {
      const cnf = parseSdJwt(credential).jwt.payload.cnf as { jwk: { x: string } }
      assert.equal(cnf.jwk.x, keys[i]?.publicJwk.x)
    })
    const statuses = new Set(
      credentials.map(({ credential }) => JSON.stringify(parseSdJwt(credential).jwt.payload.status)),
    )
    assert.equal(statuses.size, 3, 'each copy has its own status entry')

    const mdl = await requestCredential(granted.body.access_token, 'driver-licence.mso_mdoc', [
      await proof(createTestKey(), await nonce()),
    ])
    assert.equal(mdl.status, 200, JSON.stringify(mdl.body))
    const verified = await t.app.request('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ presentation: mdl.body.credentials[0].credential }),
    })
    assert.equal(verified.status, 200)
  })

  it('redeems a pre-authorised code once only (section 6.1)', async () => {
    const created = await offer(t.holding('id-card'))
    assert.equal((await token(codeOf(created))).status, 200)
    const again = await token(codeOf(created))
    assert.equal(again.status, 400)
    assert.equal(again.body.error, 'invalid_grant')
    assert.equal((await token('made-up-code')).body.error, 'invalid_grant')
    const wrongGrant = await call('/oid4vci/token', {
      headers: form,
      body: new URLSearchParams({ grant_type: 'password', 'pre-authorized_code': 'x' }).toString(),
    })
    assert.equal(wrongGrant.body.error, 'unsupported_grant_type')
  })

  it('asks for the transaction code and burns the offer after three wrong ones (section 4.1.1)', async () => {
    const created = await offer(t.holding('id-card'), { withTxCode: true })
    assert.match(created.txCode ?? '', /^\d{6}$/)
    assert.equal(created.offer.grants[grantType].tx_code.length, 6)
    for (let i = 0; i < 3; i++)
      assert.equal((await token(codeOf(created), '000000x')).body.polis_code, 'ERR_INVALID_TX_CODE')
    assert.equal((await token(codeOf(created), created.txCode)).body.error, 'invalid_grant')
  })

  it('refuses a replayed nonce, a proof for another issuer, an unoffered credential and a missing token', async () => {
    const created = await offer(t.holding('id-card'), { documentTypes: ['id-card'] })
    const accessToken = (await token(codeOf(created))).body.access_token as string
    const key = createTestKey()
    const c = await nonce()
    assert.equal((await requestCredential(accessToken, 'id-card.sd_jwt_vc', [await proof(key, c)])).status, 200)
    const replay = await requestCredential(accessToken, 'id-card.sd_jwt_vc', [await proof(key, c)])
    assert.equal(replay.body.error, 'invalid_nonce')
    const elsewhere = await requestCredential(accessToken, 'id-card.sd_jwt_vc', [
      await proof(key, await nonce(), 'https://evil.example'),
    ])
    assert.equal(elsewhere.body.error, 'invalid_proof')
    const notOffered = await requestCredential(accessToken, 'taxpayer-card.sd_jwt_vc', [
      await proof(key, await nonce()),
    ])
    assert.equal(notOffered.body.error, 'unknown_credential_configuration')
    const noToken = await call('/oid4vci/credential', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential_configuration_id: 'id-card.sd_jwt_vc', proofs: { jwt: ['x'] } }),
    })
    assert.equal(noToken.status, 401)
    assert.match(noToken.headers.get('www-authenticate') ?? '', /invalid_token/)
    const garbage = await call('/oid4vci/credential', {
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: '{"credential_configuration_id":',
    })
    assert.equal(garbage.body.error, 'invalid_credential_request')
  })

  it('lets the access token lapse after five minutes', async () => {
    const created = await offer(t.holding('id-card'), { documentTypes: ['id-card'] })
    const accessToken = (await token(codeOf(created))).body.access_token as string
    t.now.advance(301)
    try {
      const late = await requestCredential(accessToken, 'id-card.sd_jwt_vc', [
        await proof(createTestKey(), await nonce()),
      ])
      assert.equal(late.status, 401)
    } finally {
      t.now.advance(-301)
    }
  })
})
