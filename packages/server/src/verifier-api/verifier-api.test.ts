import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createAccessCertificateCheck, type DcqlQuery } from '@polis/oid4vp'
import {
  answerPresentationRequest,
  type HeldCredential,
  matchDcqlQuery,
  parsePresentationLink,
  readPresentationRequest,
} from '@polis/oid4vp/wallet'
import { createTestKey } from '@polis/trust/testing'
import { loadAccessCa } from '../business/access-ca.ts'
import { approveBusiness, createApiKey, endBusiness, registerBusiness } from '../business/businesses.ts'
import { approvedBusiness, insertApprover } from '../test/approved-business.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { drainWebhooks, pruneVerifierRequests, type SendWebhook, verifyWebhook } from './webhooks.ts'

const t = await createTestPlatform()
after(() => t.close())
const { app, platform } = t
const approver = t.citizens[0]?.id ?? ''
const vct = `${platform.publicUrl}/vct/id-card`
const bankClaims = ['family_name', 'given_name', 'birth_date', 'tax_number', 'resident_address']
const bankQuery = {
  credentials: [
    { id: 'id_card', format: 'dc+sd-jwt', meta: { vct_values: [vct] }, claims: bankClaims.map((c) => ({ path: [c] })) },
  ],
}

let apiKey = ''
let webhookSecret = ''
let held: HeldCredential
let credentialStatus: { uri: string; idx: number }
let sharer = ''
let checkAccessCertificate: ReturnType<typeof createAccessCertificateCheck>

async function addBusiness(registerNumber: string) {
  const approval = await approvedBusiness(platform, { approver, registerNumber, claims: bankClaims })
  return { business: approval.business, approval, key: await createApiKey(platform, approval.business.id) }
}

before(async () => {
  await insertApprover(platform, { citizenId: approver, agency: 'ministry-of-digital' })
  const bank = await addBusiness('40000017')
  apiKey = bank.key
  webhookSecret = bank.approval.webhookSecret
  const holder = createTestKey()
  const citizenId = t.holding('id-card')
  sharer = citizenId
  const issued = await t.issuer.issue({
    citizenId,
    documentType: 'id-card',
    format: 'dc+sd-jwt',
    holderKey: holder.publicJwk,
  })
  held = { id: 'card', format: 'dc+sd-jwt', credential: issued.credential, sign: holder.sign }
  credentialStatus = issued.status
  checkAccessCertificate = createAccessCertificateCheck([(await loadAccessCa(platform)).certificate])
})

function api(path: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  return app.request(path, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${init.key ?? apiKey}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
}

async function ask(body: Record<string, unknown> = {}, key = apiKey) {
  const response = await api('/api/verifier/requests', {
    method: 'POST',
    key,
    body: { purpose: 'open-account', dcql_query: bankQuery, ...body },
  })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, string> & { error?: { code: string } },
  }
}

/** The wallet's side: fetch the request object by the link's request_uri, check it, answer. */
async function walletAnswer(link: string, options: { tamper?: (jwt: string) => string } = {}) {
  const { requestUri, clientId } = parsePresentationLink(link)
  const fetched = await app.request(new URL(requestUri).pathname)
  assert.equal(fetched.headers.get('content-type'), 'application/oauth-authz-req+jwt')
  const requestObject = (options.tamper ?? ((jwt) => jwt))(await fetched.text())
  const request = await readPresentationRequest({
    requestObject,
    clientId,
    checkAccessCertificate,
    now: platform.now(),
  })
  const match = await matchDcqlQuery(request.payload.dcql_query as DcqlQuery, [held])
  const chosen = Object.fromEntries(Object.entries(match).flatMap(([id, [first]]) => (first ? [[id, first]] : [])))
  return { request, ...(await answerPresentationRequest({ request, chosen, now: platform.now() })) }
}

async function post(responseUri: string, form: Record<string, string>) {
  const response = await app.request(new URL(responseUri).pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } }
}

async function poll(id: string, key = apiKey) {
  const response = await api(`/api/verifier/requests/${id}`, { key })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string } },
  }
}

describe('the verifier API (issue 7)', () => {
  it('creates a request with its link, QR and request_uri, serves the signed request object, and hands over only the verified claims', async () => {
    const created = await ask()
    assert.equal(created.status, 201)
    assert.match(created.body.link ?? '', /^openid4vp:\/\/\?client_id=x509_hash%3A/)
    assert.match(created.body.qr_svg ?? '', /^<svg/)
    assert.equal(created.body.request_uri, `${platform.publicUrl}/verifier/requests/${created.body.id}/request-object`)
    assert.equal((await poll(created.body.id ?? '')).body.status, 'pending')

    const answer = await walletAnswer(created.body.link ?? '')
    assert.equal(answer.request.verifier.legalName, 'Demo Bank')
    assert.equal(answer.request.verifier.registerNumber, '40000017')
    assert.equal(answer.request.payload.response_mode, 'direct_post.jwt')
    assert.equal((await post(answer.responseUri, { response: answer.response })).status, 200)

    const { body } = await poll(created.body.id ?? '')
    assert.equal(body.status, 'verified')
    const result = body.result as {
      credentials: Array<{ claims: Record<string, unknown>; evidence: Record<string, unknown> }>
    }
    assert.deepEqual(Object.keys(result.credentials[0]?.claims ?? {}).sort(), [...bankClaims].sort())
    assert.equal(result.credentials[0]?.evidence.type, vct)
    assert.equal(result.credentials[0]?.evidence.holderBound, true)
    assert.deepEqual(result.credentials[0]?.evidence.status, { ...credentialStatus, value: 'valid' })
    const answered = await platform.store.db
      .selectFrom('verifier_requests')
      .select('citizen_id')
      .where('id', '=', created.body.id ?? '')
      .executeTakeFirstOrThrow()
    assert.equal(answered.citizen_id, sharer, 'the citizen the credential was issued to is recorded')

    // A replayed answer, and the request object once answered.
    const again = await post(answer.responseUri, { response: answer.response })
    assert.equal(again.status, 409)
    assert.equal(again.body.error?.code, 'ERR_RESPONSE_REPLAYED')
    assert.equal((await app.request(new URL(created.body.request_uri ?? '').pathname)).status, 409)
  })

  it('carries transaction data the holder signs', async () => {
    const entry = { type: 'open-account', credential_ids: ['id_card'], account: 'UA00 0000 0001' }
    const created = await ask({ transaction_data: [entry] })
    const answer = await walletAnswer(created.body.link ?? '')
    await post(answer.responseUri, { response: answer.response })
    const { body } = await poll(created.body.id ?? '')
    assert.deepEqual((body.result as { transaction_data: unknown[] }).transaction_data, [entry])
  })

  it('refuses an answer for another request, and the mix-up of two open requests, leaving both open', async () => {
    const first = await ask()
    const second = await ask()
    const answerToSecond = await walletAnswer(second.body.link ?? '')
    const mixed = await post(first.body.request_uri?.replace('/request-object', '/response') ?? '', {
      response: answerToSecond.response,
    })
    assert.equal(mixed.status, 400)
    assert.equal(mixed.body.error?.code, 'ERR_RESPONSE_MIXUP')
    assert.equal((await poll(first.body.id ?? '')).body.status, 'pending')
    assert.equal((await post(answerToSecond.responseUri, { response: answerToSecond.response })).status, 200)
    assert.equal((await poll(second.body.id ?? '')).body.status, 'verified')
    const answerToFirst = await walletAnswer(first.body.link ?? '')
    assert.equal((await post(answerToFirst.responseUri, { response: answerToFirst.response })).status, 200)
  })

  it('lets the wallet refuse a tampered request object', async () => {
    const created = await ask()
    const tamper = (jwt: string) => {
      const [header, payload, signature] = jwt.split('.')
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())
      claims.dcql_query.credentials[0].claims.push({ path: ['portrait'] })
      return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`
    }
    await assert.rejects(walletAnswer(created.body.link ?? '', { tamper }), { code: 'ERR_REQUEST_OBJECT_INVALID' })
  })

  it('refuses claims, documents and purposes outside the registration', async () => {
    const portrait = await ask({
      dcql_query: {
        credentials: [{ id: 'c', format: 'dc+sd-jwt', meta: { vct_values: [vct] }, claims: [{ path: ['portrait'] }] }],
      },
    })
    assert.equal(portrait.status, 403)
    assert.equal(portrait.body.error?.code, 'ERR_CLAIM_NOT_REGISTERED')
    const everything = await ask({
      dcql_query: { credentials: [{ id: 'c', format: 'dc+sd-jwt', meta: { vct_values: [vct] } }] },
    })
    assert.equal(everything.body.error?.code, 'ERR_CLAIM_NOT_REGISTERED')
    const otherDocument = await ask({
      dcql_query: {
        credentials: [
          {
            id: 'c',
            format: 'dc+sd-jwt',
            meta: { vct_values: [`${platform.publicUrl}/vct/driving-licence`] },
            claims: [{ path: ['family_name'] }],
          },
        ],
      },
    })
    assert.equal(otherDocument.body.error?.code, 'ERR_CLAIM_NOT_REGISTERED')
    const mdoc = await ask({
      dcql_query: {
        credentials: [
          {
            id: 'c',
            format: 'mso_mdoc',
            meta: { doctype_value: 'eu.europa.ec.eudi.pid.1' },
            claims: [{ path: ['eu.europa.ec.eudi.pid.1', 'portrait'] }],
          },
        ],
      },
    })
    assert.equal(mdoc.body.error?.code, 'ERR_CLAIM_NOT_REGISTERED')
    const purpose = await ask({ purpose: 'marketing' })
    assert.equal(purpose.status, 403)
    assert.equal(purpose.body.error?.code, 'ERR_PURPOSE_NOT_REGISTERED')
    assert.equal((await ask({ webhook: 'http://bank.example/hook' })).body.error?.code, 'ERR_BAD_REQUEST')
  })

  it('refuses unknown keys and unregistered, pending or revoked businesses', async () => {
    const unknown = await ask({}, 'pk_AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    assert.equal(unknown.status, 401)
    assert.equal(unknown.body.error?.code, 'ERR_CLIENT_AUTH')
    const anonymous = await app.request('/api/verifier/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ purpose: 'open-account', dcql_query: bankQuery }),
    })
    assert.equal(anonymous.status, 401)
    await assert.rejects(
      registerBusiness(platform, {
        registerNumber: '40000058',
        contactEmail: 'a@b.example',
        privacyEmail: 'c@d.example',
        purposes: [{ id: 'p', description: 'Credit', documents: [{ document: 'id-card', claims: ['tax_number'] }] }],
      }),
      { code: 'ERR_NOT_IN_BUSINESS_REGISTER' },
    )
    const pending = await registerBusiness(platform, {
      registerNumber: '40000033',
      contactEmail: 'a@b.example',
      privacyEmail: 'c@d.example',
      purposes: [
        { id: 'rent', description: 'Renting a car', documents: [{ document: 'id-card', claims: ['given_name'] }] },
      ],
    })
    await assert.rejects(createApiKey(platform, pending.id), { code: 'ERR_BUSINESS_NOT_APPROVED' })
    await assert.rejects(approveBusiness(platform, { id: pending.id, official: t.citizens[1]?.id ?? '' }), {
      code: 'ERR_FORBIDDEN',
    })

    const operator = await addBusiness('40000025')
    const open = await ask({}, operator.key)
    assert.equal(open.status, 201)
    // Another business's request is not found.
    assert.equal((await poll(open.body.id ?? '')).status, 404)
    await endBusiness(platform, { id: operator.business.id, official: approver, to: 'revoked' })
    const revoked = await ask({}, operator.key)
    assert.equal(revoked.status, 403)
    assert.equal(revoked.body.error?.code, 'ERR_BUSINESS_NOT_APPROVED')
    const object = await app.request(new URL(open.body.request_uri ?? '').pathname)
    assert.equal(object.status, 403)
  })

  it('closes a request the citizen declined, and refuses answers once it expired', async () => {
    const declined = await ask()
    const answer = await walletAnswer(declined.body.link ?? '')
    const wrongState = await post(answer.responseUri, { error: 'access_denied', state: 'not-the-state' })
    assert.equal(wrongState.body.error?.code, 'ERR_STATE_MISMATCH')
    assert.equal(
      (await post(answer.responseUri, { error: 'access_denied', state: answer.request.payload.state })).status,
      200,
    )
    const view = await poll(declined.body.id ?? '')
    assert.equal(view.body.status, 'refused')
    assert.equal(view.body.error?.code, 'ERR_HOLDER_DECLINED')

    const late = await ask({ lifetime_seconds: 60 })
    const lateAnswer = await walletAnswer(late.body.link ?? '')
    t.now.advance(61)
    try {
      assert.equal((await poll(late.body.id ?? '')).body.status, 'expired')
      const posted = await post(lateAnswer.responseUri, { response: lateAnswer.response })
      assert.equal(posted.body.error?.code, 'ERR_REQUEST_EXPIRED')
      assert.equal((await app.request(new URL(late.body.request_uri ?? '').pathname)).status, 400)
    } finally {
      t.now.advance(-61)
    }
  })

  it('refuses an answer carrying a revoked document, and tells the business why', async () => {
    const holder = createTestKey()
    const issued = await t.issuer.issue({
      citizenId: t.holding('id-card'),
      documentType: 'id-card',
      format: 'dc+sd-jwt',
      holderKey: holder.publicJwk,
    })
    const created = await ask()
    const kept = held
    held = { id: 'revoked', format: 'dc+sd-jwt', credential: issued.credential, sign: holder.sign }
    const answer = await walletAnswer(created.body.link ?? '').finally(() => {
      held = kept
    })
    await t.issuer.changeStatus({ status: issued.status, to: 'revoked', reason: 'test' })
    const posted = await post(answer.responseUri, { response: answer.response })
    assert.equal(posted.body.error?.code, 'ERR_REVOKED')
    const { body } = await poll(created.body.id ?? '')
    assert.equal(body.status, 'refused')
    assert.equal(body.error?.code, 'ERR_REVOKED')
  })

  it('delivers a signed webhook, retried with backoff while the endpoint is down, never lost', async () => {
    await drainWebhooks(platform, { send: async () => 200 })
    const created = await ask({ webhook: 'https://bank.example/polis-hook' })
    const answer = await walletAnswer(created.body.link ?? '')
    await post(answer.responseUri, { response: answer.response })

    const sent: Array<Parameters<SendWebhook>[0]> = []
    let up = false
    const send: SendWebhook = async (request) => {
      sent.push(request)
      return up ? 204 : 503
    }
    assert.equal(await drainWebhooks(platform, { send }), 0)
    assert.equal(await drainWebhooks(platform, { send }), 0)
    assert.equal(sent.length, 1, 'not tried again before its backoff')
    t.now.advance(10)
    assert.equal(await drainWebhooks(platform, { send }), 0)
    assert.equal(sent.length, 2)
    up = true
    t.now.advance(30)
    try {
      assert.equal(await drainWebhooks(platform, { send }), 1)
      assert.equal(sent.length, 3)
      const last = sent[2]
      assert.equal(last?.url, 'https://bank.example/polis-hook')
      assert.equal(last?.headers['webhook-id'], sent[0]?.headers['webhook-id'])
      assert.ok(
        verifyWebhook({
          secret: webhookSecret,
          headers: last?.headers ?? {},
          body: last?.body ?? '',
          now: platform.now(),
        }),
      )
      assert.ok(
        !verifyWebhook({
          secret: webhookSecret,
          headers: last?.headers ?? {},
          body: `${last?.body} `,
          now: platform.now(),
        }),
      )
      const delivered = JSON.parse(last?.body ?? '{}')
      assert.equal(delivered.type, 'presentation.verified')
      assert.equal(delivered.data.id, created.body.id)
      assert.equal(delivered.data.result.credentials[0].claims.tax_number !== undefined, true)
      assert.equal(await drainWebhooks(platform, { send }), 0)
      const row = await platform.store.db.selectFrom('verifier_webhooks').selectAll().executeTakeFirstOrThrow()
      assert.equal(row.body, '', 'the delivered claims are not kept')
      assert.equal(row.attempts, 3)
    } finally {
      t.now.advance(-40)
    }
  })

  it('forgets an expired request’s key, and the claims of an answer a day after it came', async () => {
    const answered = await ask()
    const answer = await walletAnswer(answered.body.link ?? '')
    await post(answer.responseUri, { response: answer.response })
    const unanswered = await ask({ lifetime_seconds: 60 })
    const row = (id: string) =>
      platform.store.db.selectFrom('verifier_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    assert.notEqual((await row(unanswered.body.id ?? '')).pending, '{}')
    t.now.advance(24 * 3600 + 1)
    try {
      await pruneVerifierRequests(platform)
      assert.equal((await row(unanswered.body.id ?? '')).pending, '{}')
      const { body } = await poll(answered.body.id ?? '')
      assert.equal(body.status, 'verified')
      assert.equal(body.result, undefined)
      assert.equal((await row(answered.body.id ?? '')).result, null)
    } finally {
      t.now.advance(-(24 * 3600 + 1))
    }
  })

  it('documents the API in /openapi.json', async () => {
    const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> }
    for (const path of [
      '/api/verifier/requests',
      '/api/verifier/requests/{id}',
      '/verifier/requests/{id}/request-object',
      '/verifier/requests/{id}/response',
    ]) {
      assert.ok(spec.paths[path], path)
    }
  })
})
