import assert from 'node:assert/strict'
import { generateKeyPairSync, sign, X509Certificate } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { documentTypes, parseCompactJws, presentSdJwtVc, verifyEs256, verifyStatusListToken } from '@polis/documents'
import type { PublicJwk } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { testEngine } from '@polis/store'
import { createChainCache, trustAnchors } from '@polis/trust'
import fc from 'fast-check'
import { createTestPlatform } from '../test/create-test-platform.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform()
})
after(() => t.close())

const holder = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const holderKey = holder.publicKey.export({ format: 'jwk' }) as PublicJwk
const holderSign = async (data: Uint8Array) =>
  sign('sha256', data, { key: holder.privateKey, dsaEncoding: 'ieee-p1363' })
const operator = { authorization: 'Bearer operator-token-for-tests', 'content-type': 'application/json' }
const json = { 'content-type': 'application/json' }

async function post(path: string, body: unknown, headers: Record<string, string> = json) {
  const response = await t.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) })
  // biome-ignore lint/suspicious/noExplicitAny: test reads fields of many response shapes
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

async function issue(documentType: string, format = 'dc+sd-jwt', citizenId = t.holding(documentType)) {
  const { status, body } = await post(
    '/api/admin/credentials',
    { citizenId, documentType, format, holderKey },
    operator,
  )
  assert.equal(status, 201, JSON.stringify(body))
  return body as { credential: string; status: { uri: string; idx: number }; credentialId: string }
}

describe(`HTTP API on ${testEngine}`, () => {
  it('answers health with the engine', async () => {
    const response = await t.app.request('/health')
    assert.deepEqual(await response.json(), { status: 'ok', engine: testEngine })
  })

  it('publishes issuer metadata for every document type and format (OpenID4VCI 1.0 section 12.2)', async () => {
    type Configuration = { format: string; doctype?: string }
    const metadata = (await (await t.app.request('/.well-known/openid-credential-issuer')).json()) as {
      credential_issuer: string
      credential_configurations_supported: Record<string, Configuration>
    }
    assert.equal(metadata.credential_issuer, 'https://polis.test')
    const configurations = Object.values(metadata.credential_configurations_supported)
    assert.equal(configurations.filter((c) => c.format === 'dc+sd-jwt').length, documentTypes.length)
    assert.ok(configurations.some((c) => c.format === 'mso_mdoc' && c.doctype === 'org.iso.18013.5.1.mDL'))
    assert.ok(configurations.some((c) => c.format === 'mso_mdoc' && c.doctype === 'eu.europa.ec.eudi.pid.1'))
  })

  it('serves SD-JWT VC type metadata at every vct', async () => {
    for (const type of documentTypes) {
      const response = await t.app.request(`/vct/${type.code}`)
      assert.equal(response.status, 200, type.code)
      const metadata = (await response.json()) as { vct: string; display: unknown[] }
      assert.equal(metadata.vct, `https://polis.test/vct/${type.code}`)
      assert.equal(metadata.display.length, 3)
    }
    assert.equal((await t.app.request('/vct/spaceship-licence')).status, 404)
  })

  it('signs the trust list with the national anchor, listing every issuing agency', async () => {
    const token = await (await t.app.request('/trust/list')).text()
    const jws = parseCompactJws(token)
    const anchor = new X509Certificate(Buffer.from((jws.header.x5c as string[])[0] as string, 'base64'))
    assert.ok(anchor.raw.equals(Buffer.from(t.platform.trust.anchor)))
    assert.equal(verifyEs256(jws, anchor.publicKey), true)
    const entities = jws.payload.entities as Array<{ id: string; documents: string[] }>
    assert.equal(entities.length, t.platform.trust.certificates.length)
    const covered = new Set(entities.flatMap((e) => e.documents))
    assert.equal(covered.size, documentTypes.length)
    const pem = await (await t.app.request('/trust/anchor.pem')).text()
    assert.match(pem, /^-----BEGIN CERTIFICATE-----/)
  })

  it('issues, verifies, revokes and publishes the revocation in the status list', async () => {
    const issued = await issue('id-card')
    const presentation = await presentSdJwtVc({
      credential: issued.credential,
      disclose: ['given_name', 'age_over_18'],
      holderSign,
      nonce: 'n-1',
      audience: 'https://shop.example',
      now: t.now(),
    })
    const request = { presentation, nonce: 'n-1', audience: 'https://shop.example' }
    const ok = await post('/api/verify', request)
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    assert.deepEqual(Object.keys(ok.body.claims).sort(), ['age_over_18', 'given_name', 'issuing_country'].sort())
    assert.equal(ok.body.keyBound, true)

    const changed = await post('/api/admin/credentials/status', { status: issued.status, to: 'revoked' }, operator)
    assert.equal(changed.status, 200)
    const refused = await post('/api/verify', request, { ...json, 'accept-language': 'uk-UA,uk;q=0.9' })
    assert.equal(refused.status, 400)
    assert.deepEqual(refused.body, { error: { code: 'ERR_REVOKED', message: 'Документ анульовано.' } })

    const listId = issued.status.uri.split('/').pop() as string
    const token = await (await t.app.request(`/status/${listId}`)).text()
    const verified = verifyStatusListToken({
      token,
      expectedUri: issued.status.uri,
      trust: createChainCache(trustAnchors([t.platform.trust.anchor])),
      now: t.now(),
    })
    const byte = verified.list.bytes[Math.floor((issued.status.idx * 2) / 8)] as number
    assert.equal((byte >> ((issued.status.idx * 2) % 8)) & 3, 1)

    const back = await post('/api/admin/credentials/status', { status: issued.status, to: 'valid' }, operator)
    assert.equal(back.body.error.code, 'ERR_REVOKED', 'revocation is final')
  })

  it('suspends and reinstates an mDL issued as ISO mdoc', async () => {
    const issued = await issue('driver-licence', 'mso_mdoc')
    const ok = await post('/api/verify', { presentation: issued.credential })
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    assert.equal(ok.body.type, 'org.iso.18013.5.1.mDL')
    assert.match(ok.body.claims.portrait, /^data:image\/png;base64,/)
    await post('/api/admin/credentials/status', { status: issued.status, to: 'suspended' }, operator)
    assert.equal((await post('/api/verify', { presentation: issued.credential })).body.error.code, 'ERR_SUSPENDED')
    await post('/api/admin/credentials/status', { status: issued.status, to: 'valid' }, operator)
    assert.equal((await post('/api/verify', { presentation: issued.credential })).status, 200)
    const copied = await post('/api/verify', { presentation: issued.credential, nonce: 'n-2', audience: 'shop' })
    assert.equal(copied.body.error.code, 'ERR_KB_MISSING', 'a bare mdoc is no answer to a nonce')
  })

  it('issues every document type a seeded citizen holds, and each verifies', async () => {
    for (const type of documentTypes) {
      const holder = t.citizens.find((c) => c.documents.includes(type.code))
      if (!holder) continue
      // The in-person copy is checked as a QR presentation, by the verifier (qr and verifier-app tests).
      for (const format of type.formats.filter((f) => f !== 'polis_qr')) {
        const issued = await issue(type.code, format, holder.id)
        const verified = await post('/api/verify', { presentation: issued.credential })
        assert.equal(verified.status, 200, `${type.code} ${format}: ${JSON.stringify(verified.body)}`)
      }
    }
  })

  it('closes the operator API without the token', async () => {
    const citizenId = t.holding('id-card')
    const refused = await post('/api/admin/credentials', { citizenId, documentType: 'id-card', holderKey })
    assert.equal(refused.status, 403)
    const wrong = await post(
      '/api/admin/credentials',
      { citizenId, documentType: 'id-card', holderKey },
      { ...operator, authorization: 'Bearer guess' },
    )
    assert.equal(wrong.status, 403)
    const garbage = await t.app.request('/api/admin/credentials/status', { method: 'POST', headers: json, body: '{' })
    assert.equal(garbage.status, 403, 'the token is checked before the body is read')
  })

  it('answers bad input with stable codes and never a 500', async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ['/api/verify', { presentation: 'not-a-credential~' }, 400, 'ERR_MALFORMED'],
      ['/api/verify', { presentation: '' }, 400, 'ERR_BAD_REQUEST'],
      ['/api/verify', { nothing: true }, 400, 'ERR_BAD_REQUEST'],
      [
        '/api/admin/credentials',
        { citizenId: 'nobody', documentType: 'id-card', holderKey },
        404,
        'ERR_UNKNOWN_CITIZEN',
      ],
      [
        '/api/admin/credentials',
        { citizenId: t.holding('id-card'), documentType: 'spaceship', holderKey },
        404,
        'ERR_UNKNOWN_DOCUMENT_TYPE',
      ],
      [
        '/api/admin/credentials',
        { citizenId: t.holding('id-card'), documentType: 'id-card', holderKey: { kty: 'RSA' } },
        400,
        'ERR_BAD_REQUEST',
      ],
    ]
    for (const [path, body, status, code] of cases) {
      const response = await post(path, body, path.includes('admin') ? operator : json)
      assert.equal(response.status, status, `${path} ${JSON.stringify(body)}`)
      assert.equal(response.body.error.code, code)
    }
    const broken = await t.app.request('/api/verify', { method: 'POST', headers: json, body: '{"presentation": ' })
    assert.equal(broken.status, 400)
    const huge = await t.app.request('/api/verify', { method: 'POST', headers: json, body: 'x'.repeat(600 * 1024) })
    assert.equal(huge.status, 413)
    const noList = await t.app.request('/status/00000000-0000-4000-8000-000000000000')
    assert.equal(noList.status, 404)
  })

  it('never answers 5xx to arbitrary bodies on the public APIs (fast-check)', async () => {
    const body = fc.oneof(
      fc.json(),
      fc.record({ presentation: fc.string({ maxLength: 300 }), nonce: fc.option(fc.string(), { nil: undefined }) }),
      fc.record({ presentation: fc.constantFrom('a~', '~~', 'eyJhbGciOiJFUzI1NiJ9.e30.AA~', '.', 'oWFh') }),
    )
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const response = await t.app.request('/api/verify', {
          method: 'POST',
          headers: json,
          body: typeof value === 'string' ? value : JSON.stringify(value),
        })
        assert.ok(response.status < 500, `${response.status} for ${JSON.stringify(value)}`)
        const answer = (await response.json()) as { error?: { code: string } }
        if (response.status !== 200) assert.match(answer.error?.code ?? '', /^ERR_[A-Z_]+$/)
      }),
      { numRuns: fuzzRuns(300) },
    )
  })

  it('refuses a document the registries hold no record for', async () => {
    const citizen = t.citizens.find((c) => !c.documents.includes('driver-licence'))
    assert.ok(citizen)
    const refused = await post(
      '/api/admin/credentials',
      { citizenId: citizen.id, documentType: 'driver-licence', holderKey },
      operator,
    )
    assert.equal(refused.status, 404)
    assert.equal(refused.body.error.code, 'ERR_NO_REGISTRY_RECORD')
  })

  it('describes every route in OpenAPI 3.1', async () => {
    const document = (await (await t.app.request('/openapi.json')).json()) as { openapi: string; paths: object }
    assert.equal(document.openapi, '3.1.0')
    for (const path of ['/health', '/api/verify', '/api/admin/credentials', '/status/{listId}', '/vct/{code}']) {
      assert.ok(path in document.paths, path)
    }
  })
})
