import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { PolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { legalEntities, listRepresentatives } from '@polis/registries'
import { testEngine } from '@polis/store'
import fc from 'fast-check'
import { askDeletion } from '../sharing/deletion-requests.ts'
import { insertApprover } from '../test/approved-business.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { officeSession, portalSession } from '../test/sessions.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'
import { authenticateApiKey, findBusinessByRegisterNumber, webhookSecretOf } from './businesses.ts'

describe(`the business cabinet and the office's decisions on ${testEngine}`, () => {
  let t: Awaited<ReturnType<typeof createTestPlatform>>
  let director: string
  let outsider: string
  let approver: string
  before(async () => {
    t = await createTestPlatform()
    const named = await listRepresentatives(t.platform.store, '40000017')
    director = named.find((r) => r.role === 'director')?.citizenId ?? ''
    assert.ok(director, 'the register names Demo Bank’s director')
    assert.ok(named.some((r) => r.role === 'board-member'))
    const everyone = await t.platform.store.db.selectFrom('legal_entity_representatives').select('citizen_id').execute()
    const others = t.citizens.filter((c) => !everyone.some((r) => r.citizen_id === c.id))
    outsider = others[0]?.id ?? ''
    approver = await insertApprover(t.platform, { citizenId: others[1]?.id ?? '' })
  })
  after(() => t.close())

  const as = async (citizenId: string) => `polis_portal=${await portalSession(t.platform.store, citizenId, t.now())}`
  const get = async (path: string, citizenId: string) =>
    t.app.request(path, { headers: { cookie: await as(citizenId), 'accept-language': 'en' } })
  const post = async (path: string, citizenId: string, form: Array<[string, string]>, origin = t.origin) =>
    t.app.request(path, {
      method: 'POST',
      headers: {
        cookie: await as(citizenId),
        'accept-language': 'en',
        origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    })
  const desk = async (roles: string[]) =>
    `polis_office=${await officeSession(t.platform.store, { citizenId: approver, agency: 'tax-service', roles }, t.now())}`
  const officePost = async (path: string, form: Array<[string, string]> = [], roles = ['approver']) =>
    t.app.request(path, {
      method: 'POST',
      headers: {
        cookie: await desk(roles),
        'accept-language': 'en',
        origin: t.origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    })

  const stepOne: Array<[string, string]> = [
    ['contact', 'partners@bank.example'],
    ['privacy', 'dpo@bank.example'],
    ['purposeId', 'open-account'],
    ['description', 'To open an account'],
    ['documents', 'id-card'],
  ]

  it('sends a citizen who is not signed in to Polis ID, and refuses one the register does not name', async () => {
    const anonymous = await t.app.request('/business')
    assert.equal(anonymous.status, 303)
    assert.equal(anonymous.headers.get('location'), '/login?return=%2Fbusiness')
    const list = await get('/business', outsider)
    assert.match(await list.text(), /does not name you as a representative of any company/)
    const refused = await get('/business/40000017', outsider)
    assert.equal(refused.status, 403)
    assert.match(await refused.text(), /ERR_NOT_REPRESENTATIVE/)
    const forged = await post('/business/40000017/register', outsider, stepOne)
    assert.equal(forged.status, 403)
  })

  it('registers Demo Bank in two steps, the legal name the register’s, each mistake said at its field', async () => {
    const home = await (await get('/business', director)).text()
    assert.match(home, /href="\/business\/40000017">Demo Bank</)
    assert.match(home, /Not registered for sharing/)
    const form = await (await get('/business/40000017', director)).text()
    assert.match(form, /joint-stock company/)
    assert.match(form, /name="contact"/)
    assert.match(form, /id="descriptionEt" name="descriptionEt" type="text" lang="et"/)

    const bad = await post('/business/40000017/register', director, [
      ['contact', 'not an address'],
      ['privacy', 'dpo@bank.example'],
      ['purposeId', 'Open Account!'],
      ['description', 'x'],
    ])
    assert.equal(bad.status, 400)
    const badText = await bad.text()
    assert.match(badText, /id="contact-error">Enter an e-mail address/)
    assert.match(badText, /id="purposeId-error">Enter a code of lowercase/)
    assert.match(badText, /id="description-error">/)
    assert.match(badText, /id="documents-error">Choose at least one document/)
    assert.match(badText, /value="dpo@bank.example"/, 'what was right is kept')

    const crossSite = await post('/business/40000017/register', director, stepOne, 'https://evil.example')
    assert.equal(crossSite.status, 403)

    const claims = await post('/business/40000017/register', director, stepOne)
    assert.equal(claims.status, 200)
    const claimsText = await claims.text()
    assert.match(claimsText, /name="claim:id-card" value="given_name"/)
    assert.match(claimsText, /type="hidden" name="contact" value="partners@bank.example"/)

    const none = await post('/business/40000017/register/claims', director, stepOne)
    assert.equal(none.status, 400)
    assert.match(await none.text(), /Choose at least one claim of/)

    const sent = await post('/business/40000017/register/claims', director, [
      ...stepOne,
      ['claim:id-card', 'given_name'],
      ['claim:id-card', 'family_name'],
      ['claim:id-card', 'birth_date'],
    ])
    assert.equal(sent.status, 303)
    const business = await findBusinessByRegisterNumber(t.platform, '40000017')
    assert.equal(business?.legalName, 'Demo Bank')
    assert.equal(business?.status, 'pending')
    assert.deepEqual(business?.purposes, [
      {
        id: 'open-account',
        description: 'To open an account',
        documents: [{ document: 'id-card', claims: ['given_name', 'family_name', 'birth_date'] }],
      },
    ])
    const status = await (await get('/business/40000017', director)).text()
    assert.match(status, /id="registration-state">Waiting for approval/)
    assert.doesNotMatch(status, /Create an API key/)
    // Another purpose, while the registration waits: its code must be new.
    assert.equal((await get('/business/40000017/purposes/new', director)).status, 200)
    const kyc: Array<[string, string]> = [
      ['purposeId', 'open-account'],
      ['description', 'To check a customer’s age'],
      ['documents', 'id-card'],
    ]
    const taken = await post('/business/40000017/purposes', director, kyc)
    assert.equal(taken.status, 400)
    assert.match(await taken.text(), /already has a purpose with this code/)
    kyc[0] = ['purposeId', 'age-check']
    // The purpose in other languages: each optional, each as long as the purpose's own words.
    const tooShort = await post('/business/40000017/purposes', director, [...kyc, ['descriptionEt', 'x']])
    assert.equal(tooShort.status, 400)
    assert.match(await tooShort.text(), /id="descriptionEt-error">Enter the purpose in 3 to 300 characters/)
    kyc.push(['descriptionUk', 'Щоб перевірити вік клієнта'], ['descriptionEt', 'Kliendi vanuse kontrollimiseks'])
    const second = await post('/business/40000017/purposes', director, kyc)
    assert.equal(second.status, 200)
    assert.match(await second.text(), /type="hidden" name="descriptionEt" value="Kliendi vanuse kontrollimiseks"/)
    const added = await post('/business/40000017/purposes/claims', director, [...kyc, ['claim:id-card', 'age_over_18']])
    assert.equal(added.status, 303)
    const both = await findBusinessByRegisterNumber(t.platform, '40000017')
    assert.deepEqual(
      both?.purposes.map((p) => p.id),
      ['open-account', 'age-check'],
    )
    assert.deepEqual(both?.purposes[1]?.descriptions, {
      uk: 'Щоб перевірити вік клієнта',
      et: 'Kliendi vanuse kontrollimiseks',
    })
    assert.equal(both?.purposes[0]?.descriptions, undefined, 'none given, none kept')
    const inUkrainian = await t.app.request('/business/40000017', {
      headers: { cookie: await as(director), 'accept-language': 'uk' },
    })
    assert.match(await inUkrainian.text(), /Щоб перевірити вік клієнта/)
    assert.match(await (await get('/business/40000017', director)).text(), /To check a customer’s age/)

    const twice = await post('/business/40000017/register', director, stepOne)
    assert.equal(twice.status, 409)
    assert.match(await twice.text(), /ERR_ALREADY_REGISTERED/)
  })

  it('shows an approver the pending registration with its claims; a refusal needs a reason; approval gives the certificates', async () => {
    const clerkView = await t.app.request('/office/businesses', {
      headers: { 'accept-language': 'en', cookie: await desk(['clerk']) },
    })
    assert.equal(clerkView.status, 403)
    const list = await t.app.request('/office/businesses', {
      headers: { 'accept-language': 'en', cookie: await desk(['approver']) },
    })
    const listText = await list.text()
    assert.match(listText, /Demo Bank/)
    assert.match(listText, /To open an account/)
    assert.match(listText, /Given name/i)
    const business = await findBusinessByRegisterNumber(t.platform, '40000017')
    const id = business?.id ?? ''

    const noReason = await officePost(`/office/businesses/${id}/refuse`, [['reason', ' ']])
    assert.equal(noReason.status, 400)
    assert.match(await noReason.text(), /Write the reason in 3 to 1000 characters/)
    const clerk = await officePost(`/office/businesses/${id}/approve`, [], ['clerk'])
    assert.equal(clerk.status, 403)

    const approved = await officePost(`/office/businesses/${id}/approve`)
    assert.equal(approved.status, 303)
    const again = await officePost(`/office/businesses/${id}/approve`)
    assert.equal(again.status, 409)
    const told = await t.platform.store.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'partners@bank.example')
      .execute()
    assert.deepEqual(
      told.map((m) => m.subject),
      ['Demo Bank: your registration for sharing was approved'],
    )
    assert.match(told[0]?.body ?? '', /\/business\/40000017/)
    const late = await get('/business/40000017/purposes/new', director)
    assert.equal(late.status, 409, 'a decided registration’s purposes do not change')

    const page = await (await get('/business/40000017', director)).text()
    assert.match(page, /id="registration-state">Approved/)
    assert.match(page, /x509_hash:/)
    const pem = await get('/business/40000017/access-certificate.pem', director)
    assert.match(await pem.text(), /^-----BEGIN CERTIFICATE-----/)
    const jwt = await (await get('/business/40000017/registration-certificate.jwt', director)).text()
    const [header, payload] = jwt
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()))
    assert.equal(header.typ, 'rc-wrp+jwt')
    assert.equal(payload.name, 'Demo Bank')
    assert.equal(payload.privacy_contact, 'dpo@bank.example')
    assert.deepEqual(payload.purposes[0].credentials[0].claims, ['given_name', 'family_name', 'birth_date'])
  })

  it('makes an API key shown once, which the verifier API takes, and revokes it', async () => {
    const made = await post('/business/40000017/keys', director, [])
    assert.equal(made.status, 200)
    const key = /id="new-key">(pk_[^<]+)</.exec(await made.text())?.[1] ?? ''
    assert.equal((await authenticateApiKey(t.platform, key)).registerNumber, '40000017')
    const later = await (await get('/business/40000017', director)).text()
    assert.doesNotMatch(later, new RegExp(key.split('.')[1] ?? 'x'), 'the secret is never shown again')
    const keyId = key.slice(3).split('.')[0] ?? ''
    const revoked = await post(`/business/40000017/keys/${keyId}/revoke`, director, [])
    assert.equal(revoked.status, 303)
    await assert.rejects(authenticateApiKey(t.platform, key), { code: 'ERR_CLIENT_AUTH' })
    const unknown = await post('/business/40000017/keys/nosuchkey0000/revoke', director, [])
    assert.equal(unknown.status, 404)

    const renewed = await post('/business/40000017/webhook-secret', director, [])
    const secret = /id="new-secret">(whsec_[^<]+)</.exec(await renewed.text())?.[1]
    assert.equal(
      secret,
      await webhookSecretOf(t.platform, (await findBusinessByRegisterNumber(t.platform, '40000017'))?.id ?? ''),
    )
  })

  it('tracks a deletion request from the wallet to the business’s data-protection contact, its answer, and a report', async () => {
    const business = await findBusinessByRegisterNumber(t.platform, '40000017')
    const citizen = t.citizens.find((c) => c.id !== director)?.id ?? ''
    const requestId = randomUUID()
    await t.platform.store.db
      .insertInto('verifier_requests')
      .values({
        id: requestId,
        business_id: business?.id ?? '',
        purpose: 'open-account',
        pending: '{}',
        request_object: '',
        webhook_url: null,
        created_at: t.now().toISOString(),
        expires_at: t.now().toISOString(),
        answered_at: t.now().toISOString(),
        outcome: 'verified',
        result: null,
        error_code: null,
        citizen_id: citizen,
      })
      .execute()
    const device = await insertWalletDevice(t.platform.store, citizen, t.now())
    const other = t.citizens.find((c) => c.id !== director && c.id !== citizen)?.id ?? ''
    const someoneElse = await insertWalletDevice(t.platform.store, other, t.now())
    const call = async (method: string, path: string, body?: unknown, from = device) =>
      t.app.request(path, {
        method,
        headers: {
          authorization: `PolisDevice ${await deviceJwt({ device: from, origin: t.origin, method, path, now: t.now() })}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
    const claims = [{ document: 'id-card', claims: ['given_name', 'birth_date'] }]

    const unshared = await call('POST', '/api/wallet/deletion-requests', { request_id: randomUUID(), claims })
    assert.equal(unshared.status, 404)
    assert.equal((await unshared.json()).error.code, 'ERR_NOT_SHARED')
    // Another citizen's wallet, who saw the request's link but did not answer it, is refused.
    const notTheirs = await call(
      'POST',
      '/api/wallet/deletion-requests',
      { request_id: requestId, claims },
      someoneElse,
    )
    assert.equal(notTheirs.status, 404)
    assert.equal((await notTheirs.json()).error.code, 'ERR_NOT_SHARED')
    const malformed = await call('POST', '/api/wallet/deletion-requests', { request_id: requestId, claims: [] })
    assert.equal(malformed.status, 400)

    const asked = await call('POST', '/api/wallet/deletion-requests', { request_id: requestId, claims })
    assert.equal(asked.status, 201)
    const deletion = await asked.json()
    assert.equal(deletion.state, 'asked')
    const mail = await t.platform.store.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'dpo@bank.example')
      .execute()
    assert.equal(mail.length, 1)
    assert.match(mail[0]?.body ?? '', new RegExp(requestId))
    assert.match(mail[0]?.body ?? '', /id-card: given_name, birth_date/)
    const repeated = await call('POST', '/api/wallet/deletion-requests', { request_id: requestId, claims })
    assert.equal((await repeated.json()).id, deletion.id, 'asking twice answers the first')

    const inbox = await (await get('/business/40000017/deletions', director)).text()
    assert.match(inbox, /Waiting for your answer/)
    assert.match(inbox, new RegExp(requestId))
    const bare = await post(`/business/40000017/deletions/${deletion.id}`, director, [['outcome', 'refused']])
    assert.equal(bare.status, 400)
    assert.match(await bare.text(), /Write the reason/)
    const refused = await post(`/business/40000017/deletions/${deletion.id}`, director, [
      ['outcome', 'refused'],
      ['reason', 'We must keep it for five years under the anti-money-laundering law.'],
    ])
    assert.equal(refused.status, 303)
    const answeredTwice = await post(`/business/40000017/deletions/${deletion.id}`, director, [['outcome', 'done']])
    assert.equal(answeredTwice.status, 409)
    assert.match(await answeredTwice.text(), /ERR_DELETION_ANSWERED/)

    const seen = await (await call('GET', '/api/wallet/deletion-requests')).json()
    assert.equal(seen.requests[0].state, 'refused')
    assert.match(seen.requests[0].reason, /anti-money-laundering/)

    const dpaBefore = await t.app.request('/office/data-protection', {
      headers: { 'accept-language': 'en', cookie: await desk(['dpa']) },
    })
    assert.match(await dpaBefore.text(), /No reports/)
    const short = await call('POST', `/api/wallet/deletion-requests/${deletion.id}/report`, { text: 'x' })
    assert.equal(short.status, 400)
    const report = await call('POST', `/api/wallet/deletion-requests/${deletion.id}/report`, {
      text: 'The bank keeps my data although I closed no account.',
    })
    assert.equal(report.status, 200)
    assert.ok((await report.json()).reported_at)
    const twice = await call('POST', `/api/wallet/deletion-requests/${deletion.id}/report`, { text: 'Again please.' })
    assert.equal(twice.status, 409)
    assert.equal((await twice.json()).error.code, 'ERR_ALREADY_REPORTED')
    const dpa = await (
      await t.app.request('/office/data-protection', {
        headers: { 'accept-language': 'en', cookie: await desk(['dpa']) },
      })
    ).text()
    assert.match(dpa, /Demo Bank/)
    assert.match(dpa, /although I closed no account/)
    assert.match(dpa, /anti-money-laundering/)
    const notDpa = await t.app.request('/office/data-protection', {
      headers: { 'accept-language': 'en', cookie: await desk(['approver']) },
    })
    assert.equal(notDpa.status, 403)
  })

  it('lets the approver revoke the business with a reason the cabinet shows', async () => {
    const business = await findBusinessByRegisterNumber(t.platform, '40000017')
    const revoked = await officePost(`/office/businesses/${business?.id}/revoke`, [['reason', 'Misused its claims.']])
    assert.equal(revoked.status, 303)
    const page = await (await get('/business/40000017', director)).text()
    assert.match(page, /id="registration-state">Revoked/)
    assert.match(page, /Misused its claims\./)
  })

  it('refuses a registration with the approver’s reason, which the company’s representative reads', async () => {
    const [mobile] = await listRepresentatives(t.platform.store, '40000025')
    const first = await post('/business/40000025/register/claims', mobile?.citizenId ?? '', [
      ['contact', 'b2b@mobile.example'],
      ['privacy', 'privacy@mobile.example'],
      ['purposeId', 'sim-card'],
      ['description', 'To sell a SIM card'],
      ['documents', 'id-card'],
      ['claim:id-card', 'given_name'],
      ['claim:id-card', 'portrait'],
    ])
    assert.equal(first.status, 303)
    const business = await findBusinessByRegisterNumber(t.platform, '40000025')
    const refused = await officePost(`/office/businesses/${business?.id}/refuse`, [
      ['reason', 'A SIM card needs no portrait.'],
    ])
    assert.equal(refused.status, 303)
    const page = await (await get('/business/40000025', mobile?.citizenId ?? '')).text()
    assert.match(page, /id="registration-state">Refused/)
    assert.match(page, /A SIM card needs no portrait\./)
    const told = await t.platform.store.db
      .selectFrom('mail_outbox')
      .select('body')
      .where('to_address', '=', 'b2b@mobile.example')
      .executeTakeFirst()
    assert.match(told?.body ?? '', /was refused: A SIM card needs no portrait\./)
    assert.doesNotMatch(page, /Add a purpose/)
  })

  it('is in Ukrainian and Estonian too, and the portal links to it', async () => {
    const uk = await t.app.request('/business/40000017?lang=uk', { headers: { cookie: await as(director) } })
    assert.match(await uk.text(), /Відкликано/)
    const et = await t.app.request('/business/40000017?lang=et', { headers: { cookie: await as(director) } })
    assert.match(await et.text(), /Tühistatud/)
    const office = await t.app.request('/office/businesses?lang=et', { headers: { cookie: await desk(['approver']) } })
    assert.match(await office.text(), /Ükski registreering ei oota/)
    const home = await t.app.request('/', { headers: { 'accept-language': 'en' } })
    assert.match(await home.text(), /<a href="\/business">Business cabinet<\/a>/)
  })

  it('refuses every page and form of a company to anyone the register does not name for it (property)', async () => {
    const named = await t.platform.store.db.selectFrom('legal_entity_representatives').selectAll().execute()
    const paths = [
      '',
      '/register',
      '/register/claims',
      '/keys',
      '/keys/abc/revoke',
      '/deletions',
      '/deletions/x',
      '/access-certificate.pem',
      '/registration-certificate.jwt',
      '/webhook-secret',
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.nat(t.citizens.length - 1),
        fc.constantFrom(...legalEntities.map((e) => e.registerNumber), '49999999'),
        fc.constantFrom(...paths),
        fc.boolean(),
        async (who, number, path, posting) => {
          const before = await t.platform.store.db.selectFrom('business_api_keys').select('id').execute()
          const citizenId = t.citizens[who]?.id ?? ''
          fc.pre(!named.some((r) => r.citizen_id === citizenId && r.register_number === number))
          const answer = posting
            ? await post(`/business/${number}${path}`, citizenId, stepOne)
            : await get(`/business/${number}${path}`, citizenId)
          // Refused (403), or no such page for that method (404): never shown, never changed.
          assert.ok([403, 404].includes(answer.status), `${answer.status} for ${posting ? 'POST' : 'GET'} ${path}`)
          assert.equal(
            (await t.platform.store.db.selectFrom('business_api_keys').select('id').execute()).length,
            before.length,
          )
        },
      ),
      { numRuns: fuzzRuns(40) },
    )
  })

  it('reads any deletion request body as one it refuses with its code, or takes it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({ request_id: fc.string(), claims: fc.anything() }),
          fc.record({
            request_id: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
            claims: fc.array(fc.record({ document: fc.string(), claims: fc.array(fc.string()) }), { maxLength: 3 }),
          }),
        ),
        async (input) => {
          await assert.rejects(askDeletion(t.platform, { citizenId: outsider, input }), (error: unknown) => {
            assert.ok(error instanceof PolisError)
            assert.ok(['ERR_BAD_REQUEST', 'ERR_NOT_SHARED'].includes(error.code), error.code)
            return true
          })
        },
      ),
      { numRuns: fuzzRuns(100) },
    )
  })
})
