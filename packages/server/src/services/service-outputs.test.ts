import assert from 'node:assert/strict'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { verifyStatusListToken } from '@polis/documents'
import { hashSecret, type PublicJwk } from '@polis/kernel'
import { addOfficial } from '@polis/polis-id'
import { answerConfirmation, decide, findApplication, findCase } from '@polis/services'
import { verifySignature } from '@polis/signatures'
import { testEngine } from '@polis/store'
import { createChainCache, trustAnchors } from '@polis/trust'
import { certificateStatus } from '../signing/signing-certificates.ts'
import { CookieBrowser } from '../test/cookie-browser.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { portalSession } from '../test/sessions.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'
import { createServiceEngine } from './create-service-engine.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 120, listen: true })
})
after(() => t?.close())

const holderKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as PublicJwk

/** A browser signed in to the portal as this citizen (the session Polis ID's sign-in would leave), in English. */
async function signedIn(citizenId: string): Promise<CookieBrowser> {
  const session = await portalSession(t.platform.store, citizenId, t.now())
  const browser = new CookieBrowser(t.origin)
  browser.cookies.set('polis_portal', { value: session, path: '/' })
  browser.cookies.set('polis_lang', { value: 'en', path: '/' })
  return browser
}

/** Answers the service's pages on the portal as a citizen would, then submits; answers the application's id. */
async function apply(browser: CookieBrowser, service: string, pages: Record<string, Record<string, string>>) {
  for (const [page, fields] of Object.entries(pages)) {
    const sent = await browser.request(`${t.origin}/services/${service}/apply/${page}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.origin },
      body: new URLSearchParams(fields).toString(),
    })
    assert.equal(sent.status, 303, await sent.text())
  }
  const check = await (await browser.request(`${t.origin}/services/${service}/check`)).text()
  const key = /name="key" value="([^"]+)"/.exec(check)?.[1]
  assert.ok(key, check)
  const submitted = await browser.request(`${t.origin}/services/${service}/submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.origin },
    body: new URLSearchParams({ key }).toString(),
  })
  assert.equal(submitted.status, 303, await submitted.text())
  const location = submitted.headers.get('location') ?? ''
  assert.match(location, /^\/applications\//)
  return /\/applications\/([^?]+)/.exec(location)?.[1] as string
}

const adults = () =>
  t.platform.store.db
    .selectFrom('persons')
    .select(['id', 'tax_number'])
    .where('birth_date', '<=', '2000-01-01')
    .where('tax_number', 'is not', null)
    .orderBy('seq')
    .execute()

describe(`services whose outputs write the registers, revoke and seal, on ${testEngine}`, () => {
  it('registers a sole proprietor from the portal: a business register row, and the extract offered to the wallet', async () => {
    const registered = new Set(
      (await t.platform.store.db.selectFrom('sole_proprietors').select('citizen_id').execute()).map(
        (r) => r.citizen_id,
      ),
    )
    const citizen = (await adults()).find((a) => !registered.has(a.id))
    assert.ok(citizen)
    const browser = await signedIn(citizen.id)
    const id = await apply(browser, 'sole-proprietor-registration', {
      activity: { activity: '62.01' },
      tax: { tax_group: '3' },
    })
    const application = await findApplication(t.platform.store, citizen.id, id)
    assert.equal(application.status, 'completed')
    const rows = await t.platform.store.db
      .selectFrom('sole_proprietors')
      .selectAll()
      .where('citizen_id', '=', citizen.id)
      .execute()
    assert.deepEqual(
      rows.map((r) => [r.status, r.tax_group, r.registered_on, JSON.parse(r.activities)[0].code]),
      [['зареєстровано', 3, '2026-06-01', '62.01']],
    )
    const phone = await insertWalletDevice(t.platform.store, citizen.id, t.now())
    const jwt = await deviceJwt({
      device: phone,
      origin: t.origin,
      method: 'POST',
      path: '/api/wallet/offers',
      now: t.now(),
    })
    const offered = await t.app.request('/api/wallet/offers', {
      method: 'POST',
      headers: { authorization: `PolisDevice ${jwt}` },
    })
    assert.equal(offered.status, 201)
    const ids = ((await offered.json()) as { offer: { credential_configuration_ids: string[] } }).offer
      .credential_configuration_ids
    assert.ok(
      ids.some((c) => c.startsWith('business-extract.')),
      ids.join(' '),
    )
    // Registered already: the service refuses before anything is written.
    const again = await (await browser.request(`${t.origin}/services/sole-proprietor-registration`)).text()
    assert.match(again, /registered as a sole proprietor already/)
  })

  it('reports an ID card lost: every credential of it is revoked in the status list, the report in the police register', async () => {
    const citizenId = t.holding('id-card')
    const issued = await t.issuer.issue({ citizenId, documentType: 'id-card', format: 'dc+sd-jwt', holderKey })
    const other = await t.issuer.issue({ citizenId, documentType: 'taxpayer-card', format: 'dc+sd-jwt', holderKey })
    const browser = await signedIn(citizenId)
    const id = await apply(browser, 'lost-document', {
      what: { document: 'id-card', how: 'stolen' },
      when: { lost_on: '2026-05-31', details: 'Викрали гаманець у метро.' },
    })
    const application = await findApplication(t.platform.store, citizenId, id)
    assert.equal(application.status, 'completed')
    const revoked = application.events.find((e) => e.data.type === 'revoke-document')
    assert.deepEqual(revoked?.data, { type: 'revoke-document', documentType: 'id-card', revoked: 1 })

    const listId = issued.status.uri.split('/').pop() as string
    const token = await (await t.app.request(`/status/${listId}`)).text()
    const verified = verifyStatusListToken({
      token,
      expectedUri: issued.status.uri,
      trust: createChainCache(trustAnchors([t.platform.trust.anchor])),
      now: t.now(),
    })
    const statusOf = (idx: number) =>
      ((verified.list.bytes[Math.floor((idx * 2) / 8)] as number) >> ((idx * 2) % 8)) & 3
    assert.equal(statusOf(issued.status.idx), 1, 'the ID card is revoked')
    assert.equal(statusOf(other.status.idx), 0, 'the tax card is not')
    const reports = await t.platform.store.db
      .selectFrom('lost_documents')
      .selectAll()
      .where('citizen_id', '=', citizenId)
      .execute()
    assert.deepEqual(
      reports.map((r) => [r.document_type, r.lost_on, r.reported_on]),
      [['id-card', '2026-05-31', '2026-06-01']],
    )
  })

  it('seals a criminal record certificate the citizen downloads from the portal and anyone verifies', async () => {
    const convicted = new Set(
      (await t.platform.store.db.selectFrom('police_records').select('citizen_id').execute()).map((r) => r.citizen_id),
    )
    const citizen = (await adults()).find((a) => !convicted.has(a.id))
    assert.ok(citizen)
    const browser = await signedIn(citizen.id)
    const id = await apply(browser, 'criminal-record-extract', { purpose: { purpose: 'employment' } })
    const page = await (await browser.request(`${t.origin}/applications/${id}`)).text()
    const link = /href="(\/applications\/[^"]+\/certificates\/[^"]+)"/.exec(page)?.[1]
    assert.ok(link, 'a download link on the application’s page')
    const download = await browser.request(`${t.origin}${link}`)
    assert.equal(download.status, 200)
    assert.equal(download.headers.get('content-type'), 'application/pdf')
    assert.match(download.headers.get('content-disposition') ?? '', /criminal-record-extract-2026-06-01\.pdf/)
    const pdf = new Uint8Array(await download.arrayBuffer())

    const verify = (document: Uint8Array) =>
      verifySignature({
        document,
        checkChain: t.platform.signing.checkChain,
        status: certificateStatus(t.platform),
        now: t.now(),
      })
    const report = await verify(pdf)
    assert.equal(report.valid, true, report.error?.message)
    assert.deepEqual([report.format, report.level, report.certificateStatus], ['PAdES', 'B-T', 'good'])
    assert.equal(report.signer?.name, `${t.platform.config.POLIS_COUNTRY_NAME} e-services`)

    // One changed byte in what the seal covers, and it no longer holds.
    const changed = pdf.slice()
    const at = Buffer.from(changed).indexOf('/Producer')
    changed[at + 3] = (changed[at + 3] as number) ^ 1
    const broken = await verify(changed)
    assert.equal(broken.valid, false)
    assert.equal(broken.error?.code, 'ERR_DOCUMENT_CHANGED')

    // The public page says the same.
    const form = new FormData()
    form.set('document', new Blob([pdf], { type: 'application/pdf' }), 'certificate.pdf')
    const checked = await (await t.app.request('/signatures/verify?lang=en', { method: 'POST', body: form })).text()
    assert.match(checked, /class="ok" role="status"/)

    // No one else downloads it.
    const other = await signedIn((await adults()).find((a) => a.id !== citizen.id)?.id as string)
    assert.equal((await other.request(`${t.origin}${link}`)).status, 404)
  })

  it('sends a criminal record certificate of a convicted citizen to the police, who approve it with the conviction listed', async () => {
    const record = await t.platform.store.db
      .selectFrom('police_records')
      .selectAll()
      .where('expunged_on', 'is', null)
      .orderBy('id')
      .executeTakeFirst()
    assert.ok(record, 'a conviction that stands in the seeded country')
    const browser = await signedIn(record.citizen_id)
    const id = await apply(browser, 'criminal-record-extract', { purpose: { purpose: 'visa' } })
    const engine = createServiceEngine(t.platform)
    const { view } = await findCase(t.platform.store, 'national-police', id)
    assert.equal(view.status, 'in-review')
    await decide(engine.ports, engine.find('criminal-record-extract'), id, record.citizen_id, {
      outcome: 'approve',
      actor: 'official:test',
      reason: null,
      answers: { purpose: 'visa' },
    })
    const done = await findApplication(t.platform.store, record.citizen_id, id)
    assert.equal(done.status, 'completed')
    const certificate = done.events.find((e) => e.data.type === 'certificate')
    const row = await t.platform.store.db
      .selectFrom('application_certificates')
      .select('pdf')
      .where('id', '=', String(certificate?.data.certificate))
      .executeTakeFirstOrThrow()
    const pdf = Buffer.from(row.pdf, 'base64')
    assert.ok(pdf.length > 2000)
  })

  it('sells a vehicle: an unknown buyer refused at once, then the service centre approves and the buyer holds it', async () => {
    const vehicle = await t.platform.store.db.selectFrom('vehicles').selectAll().orderBy('id').executeTakeFirstOrThrow()
    const buyer = (await adults()).find((a) => a.id !== vehicle.owner_id)
    assert.ok(buyer?.tax_number)
    const browser = await signedIn(vehicle.owner_id)
    const form = await (await browser.request(`${t.origin}/services/vehicle-re-registration/apply/vehicle`)).text()
    assert.match(form, new RegExp(`value="${vehicle.plate}"`), 'the seller’s own vehicles to choose from')

    // An unknown buyer: refused with its code before anything is written.
    const post = (path: string, fields: Record<string, string>) =>
      browser.request(`${t.origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.origin },
        body: new URLSearchParams(fields).toString(),
      })
    await post('/services/vehicle-re-registration/apply/vehicle', { vehicle: vehicle.plate })
    await post('/services/vehicle-re-registration/apply/buyer', {
      buyer_tax_number: '1111111118',
      price: '250000',
    })
    const check = await (await browser.request(`${t.origin}/services/vehicle-re-registration/check`)).text()
    const key = /name="key" value="([^"]+)"/.exec(check)?.[1] as string
    const refused = await post('/services/vehicle-re-registration/submit', { key })
    // Back at the buyer's question, the register's answer beside the field.
    assert.equal(
      refused.headers.get('location'),
      '/services/vehicle-re-registration/apply/buyer?problem=ERR_UNKNOWN_TAXPAYER&field=buyer_tax_number#buyer_tax_number',
    )
    const said = await (await browser.request(`${t.origin}${refused.headers.get('location')}`)).text()
    assert.match(said, /has-error[\s\S]*No one in the registers has this tax number[\s\S]*name="buyer_tax_number"/)
    const none = await t.platform.store.db
      .selectFrom('applications')
      .select('id')
      .where('citizen_id', '=', vehicle.owner_id)
      .where('service_code', '=', 'vehicle-re-registration')
      .execute()
    assert.equal(none.length, 0)

    const id = await apply(browser, 'vehicle-re-registration', {
      vehicle: { vehicle: vehicle.plate },
      buyer: { buyer_tax_number: buyer.tax_number, price: '250000' },
    })
    const { view } = await findCase(t.platform.store, 'transport-service', id)
    assert.equal(view.status, 'in-review')
    const engine = createServiceEngine(t.platform)
    const answers = { vehicle: vehicle.plate, buyer_tax_number: buyer.tax_number, price: 250000 }
    // The buyer confirms first (vehicle-sale-confirmation.test.ts walks it in a browser).
    await answerConfirmation(engine.ports, {
      applicationId: id,
      citizenId: buyer.id,
      answer: 'confirm',
      definitionOf: engine.find,
    })
    await decide(engine.ports, engine.find('vehicle-re-registration'), id, vehicle.owner_id, {
      outcome: 'approve',
      actor: 'official:test',
      reason: null,
      answers,
    })
    const moved = await t.platform.store.db
      .selectFrom('vehicles')
      .selectAll()
      .where('id', '=', vehicle.id)
      .executeTakeFirstOrThrow()
    assert.equal(moved.owner_id, buyer.id)
    assert.notEqual(moved.certificate_number, vehicle.certificate_number)
    const inbox = await t.platform.store.db
      .selectFrom('inbox_messages')
      .select('body')
      .where('citizen_id', '=', buyer.id)
      .execute()
    assert.ok(
      inbox.some((m) => /waiting in your wallet/.test(m.body)),
      'the buyer is told',
    )
    const done = await findApplication(t.platform.store, vehicle.owner_id, id)
    assert.equal(done.status, 'completed')
    assert.ok(done.events.some((e) => e.data.type === 'document' && e.data.documentType === 'vehicle-registration'))
  })

  it('gives the wallet a seller’s own vehicles to choose from, with the form', async () => {
    const vehicle = await t.platform.store.db.selectFrom('vehicles').selectAll().orderBy('id').executeTakeFirstOrThrow()
    const phone = await insertWalletDevice(t.platform.store, vehicle.owner_id, t.now())
    const path = '/api/wallet/services/vehicle-re-registration/form'
    const jwt = await deviceJwt({ device: phone, origin: t.origin, method: 'GET', path, now: t.now() })
    const form = await t.app.request(path, { headers: { authorization: `PolisDevice ${jwt}` } })
    assert.equal(form.status, 200)
    const body = (await form.json()) as { options: Record<string, Array<{ value: string; label: string }>> }
    const owned = await t.platform.store.db
      .selectFrom('vehicles')
      .select('plate')
      .where('owner_id', '=', vehicle.owner_id)
      .execute()
    assert.deepEqual(body.options.vehicle?.map((o) => o.value).sort(), owned.map((v) => v.plate).sort())
    assert.ok(body.options.vehicle?.every((o) => o.label.endsWith(o.value)))
  })

  it('registers a new vehicle when the service centre approves it in the office, and not twice by one VIN', async () => {
    const [first, second, official] = await adults()
    assert.ok(first && second && official)
    const vehicle = {
      vin: 'WVWZZZ1K7TW000001',
      make: 'Volkswagen',
      model: 'Golf',
      year: '2026',
      colour: 'білий',
      fuel: 'бензин',
      engine_cc: '1395',
    }
    // A VIN whose check digit is wrong: said on the check page, nothing written.
    const careless = await signedIn(first.id)
    await apply(careless, 'vehicle-registration', {
      vehicle: { ...vehicle, vin: 'WVWZZZ1K8TW000001' },
      origin: { origin: 'dealer', document: 'ДКП-1' },
    }).then(
      () => assert.fail('submitted'),
      (error: Error) => assert.match(error.message, /problem=ERR_VIN_INVALID/),
    )
    const ids: string[] = []
    for (const citizen of [first, second]) {
      const browser = await signedIn(citizen.id)
      ids.push(
        await apply(browser, 'vehicle-registration', {
          vehicle,
          origin: { origin: 'dealer', document: `ДКП-${citizen.id}` },
        }),
      )
    }
    await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: official.id, agency: 'transport-service', roles: ['decider'] },
      issuer: 'Polis Testland',
      now: t.now(),
    })
    const secret = randomBytes(24).toString('base64url')
    await t.platform.store.db
      .insertInto('office_sessions')
      .values({
        id_hash: hashSecret(secret),
        official_id: official.id,
        agency: 'transport-service',
        roles: JSON.stringify(['decider']),
        id_token: null,
        created_at: t.now().toISOString(),
        expires_at: new Date(t.now().getTime() + 3_600_000).toISOString(),
      })
      .execute()
    const desk = (path: string, form: Record<string, string>) =>
      t.app.request(path, {
        method: 'POST',
        headers: {
          cookie: `polis_office=${secret}`,
          'accept-language': 'en',
          'content-type': 'application/x-www-form-urlencoded',
          origin: t.origin,
        },
        body: new URLSearchParams(form).toString(),
      })
    for (const id of ids) assert.equal((await desk(`/office/cases/${id}/take`, {})).status, 303)
    assert.equal((await desk(`/office/cases/${ids[0]}/decide`, { outcome: 'approve' })).status, 303)
    const registered = await t.platform.store.db
      .selectFrom('vehicles')
      .selectAll()
      .where('vin', '=', vehicle.vin)
      .executeTakeFirstOrThrow()
    assert.equal(registered.owner_id, first.id)
    assert.equal((await findApplication(t.platform.store, first.id, ids[0] as string)).status, 'completed')

    // The same VIN again: the office says why, and the case stays to be decided.
    const refused = await desk(`/office/cases/${ids[1]}/decide`, { outcome: 'approve' })
    assert.match(await refused.text(), /This is registered already/)
    assert.equal((await findApplication(t.platform.store, second.id, ids[1] as string)).status, 'in-review')
  })

  it('lists a citizen’s e-prescriptions on the application’s page', async () => {
    const prescription = await t.platform.store.db
      .selectFrom('prescriptions')
      .selectAll()
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const browser = await signedIn(prescription.citizen_id)
    const id = await apply(browser, 'prescriptions', {})
    const page = await (await browser.request(`${t.origin}/applications/${id}`)).text()
    assert.match(page, /<h2>E-prescriptions<\/h2><table>/)
    assert.ok(page.includes(prescription.number) && page.includes(prescription.medicine))
  })
})
