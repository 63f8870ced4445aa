import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { parseVerifierKey, verifyEntryProof } from '@polis/transparency-log'
import type { Browser } from 'playwright-core'
import { openPlatformLog } from '../cli/open-platform-log.ts'
import { logAccesses, logExchangeMessages } from '../data-tracker/log-accesses.ts'
import { createTestPlatform, testTopology } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { lvivResidence } from '../test/lviv-residence.ts'
import { officeSession, portalSession } from '../test/sessions.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 30, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('exchange')

// biome-ignore lint/suspicious/noExplicitAny: the test reads fields of several response shapes
type Json = any

const newAddress = lvivResidence

/** A citizen's wallet applies to register a new address, as the wallet app does. */
async function applyForAddress(citizenId: string) {
  const phone = await insertWalletDevice(t.platform.store, citizenId, t.now())
  const path = '/api/wallet/applications'
  const jwt = await deviceJwt({ device: phone, origin: t.origin, method: 'POST', path, now: t.now() })
  const response = await t.app.request(path, {
    method: 'POST',
    headers: {
      authorization: `PolisDevice ${jwt}`,
      'accept-language': 'en',
      'content-type': 'application/json',
      'idempotency-key': `key-${randomUUID()}`,
    },
    body: JSON.stringify({ service: 'residence-registration', answers: newAddress }),
  })
  return { status: response.status, body: (await response.json()) as Json }
}

const adults = () => t.citizens.filter((c) => c.documents.includes('id-card'))

describe(`the registers behind their security servers on ${testEngine}`, () => {
  it('reads the population register through the exchange for an address registration, shown in the Data Tracker with its proof', async () => {
    const citizen = adults()[0] as (typeof t.citizens)[number]
    const applied = await applyForAddress(citizen.id)
    assert.equal(applied.status, 201, JSON.stringify(applied.body))
    assert.equal(applied.body.status, 'completed')

    // The keeper logged the read with the calling system the exchange named and the purpose.
    const reads = await t.platform.store.db
      .selectFrom('data_access_log')
      .selectAll()
      .where('citizen_id', '=', citizen.id)
      .where('purpose', '=', 'service:residence-registration')
      .execute()
    const read = reads.find((r) => r.registry === 'population')
    assert.ok(read, 'the population register’s read is logged')
    assert.equal(read.reader, 'UA/GOV/migration-service/services')

    // Both security servers recorded the message; nothing of its content.
    const messages = await t.platform.store.db
      .selectFrom('exchange_records')
      .selectAll()
      .where('issue', '=', 'service:residence-registration')
      .execute()
    assert.ok(messages.some((m) => m.side === 'consumer' && m.server === 'GOV/digital-ministry/ss-platform'))
    assert.ok(messages.some((m) => m.side === 'provider' && m.server === 'GOV/migration-service/ss-migration-service'))
    assert.ok(messages.every((m) => m.client === 'UA/GOV/migration-service/services' && m.fault === null))
    // Its read of the applicant, the address write checked and made by the keeper, the extract's read: each both sides.
    assert.equal(messages.filter((m) => m.side === 'provider').length, 4)
    const [moved] = await t.platform.queryRegistry({
      registry: 'population',
      kind: 'residence',
      citizenId: citizen.id,
      purpose: 'service:residence-registration',
    })
    assert.match(JSON.stringify(moved), /Городоцька/)

    // The citizen sees it on the portal: who (agency and system), why, and a proof that checks offline.
    const platformLog = await openPlatformLog(t.platform)
    while ((await logAccesses(t.platform, platformLog)) > 0);
    while ((await logExchangeMessages(t.platform, platformLog)) > 0);
    const cookie = `polis_portal=${await portalSession(t.platform.store, citizen.id, t.now())}; polis_lang=en`
    const page = await (await t.app.request('/data-tracker', { headers: { cookie } })).text()
    assert.match(page, /<p class="access-who">Migration service · E-services<\/p>\s*<p>Register your address<\/p>/)
    const response = await t.app.request(`/data-tracker/proofs/${read.id}`, { headers: { cookie } })
    assert.equal(response.status, 200)
    const bundle = (await response.json()) as { entry: unknown; proof: string }
    const key = await (await t.app.request('/log/key')).text()
    const verified = verifyEntryProof({ ...bundle, verifier: parseVerifierKey(key.trim()) })
    assert.equal(verified.entry.actor, 'UA/GOV/migration-service/services')
    assert.equal(verified.entry.purpose, 'service:residence-registration')
    // The exchange's messages are in the log too.
    const logged = await t.platform.store.db
      .selectFrom('exchange_records')
      .select('log_index')
      .where('issue', '=', 'service:residence-registration')
      .execute()
    assert.ok(logged.every((m) => m.log_index !== null))
  })

  it('fails the services that need a register whose security server is stopped, clearly and with nothing written, and recovers when it returns', {
    // The fault is one process's (its own security server stopped) and so is the status read back.
    skip: testTopology() === 'two-instances' ? 'stops and reads the security servers of one process' : false,
  }, async () => {
    const exchange = await (t.platform.exchange as NonNullable<typeof t.platform.exchange>)()
    const [, second, third] = adults() as [unknown, (typeof t.citizens)[number], (typeof t.citizens)[number]]
    let portal: import('playwright-core').Page | undefined
    const applications = async () =>
      (await t.platform.store.db.selectFrom('applications').select('id').where('citizen_id', '=', second.id).execute())
        .length
    await exchange.stopServer('ss-migration-service')
    try {
      const before = await applications()
      const refused = await applyForAddress(second.id)
      assert.equal(refused.status, 503, JSON.stringify(refused.body))
      assert.equal(refused.body.error.code, 'ERR_REGISTRY_UNAVAILABLE')
      assert.match(refused.body.error.message, /cannot be reached right now\. Nothing was saved or sent/)
      assert.equal(await applications(), before, 'nothing written')
      // The operator sees the fault on the platform's server.
      const status = await t.app.request('/api/admin/exchange/status', {
        headers: { authorization: 'Bearer operator-token-for-tests' },
      })
      const body = (await status.json()) as Json
      assert.deepEqual(body.stopped, ['ss-migration-service'])
      const platformServer = body.servers.find((s: Json) => s.serverCode === 'ss-platform')
      assert.ok(platformServer.consumer.byCode.ERR_EXCHANGE_PROVIDER_UNREACHABLE >= 1)
      // The exchange's operator sees it in the office; another agency's official may not look.
      const operator = t.citizens[10] as (typeof t.citizens)[number]
      const secret = await officeSession(
        t.platform.store,
        { citizenId: operator.id, agency: 'digital-ministry', roles: ['clerk'] },
        t.now(),
      )
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
      await context.addCookies([{ name: 'polis_office', value: secret, url: t.origin }])
      const desk = await context.newPage()
      await desk.goto(`${t.origin}/office`)
      await desk.getByRole('link', { name: 'The data exchange' }).click()
      await desk.getByRole('heading', { level: 1, name: 'The data exchange' }).waitFor()
      const stoppedCard = desk.locator('section', { has: desk.getByRole('heading', { name: 'ss-migration-service' }) })
      assert.match((await stoppedCard.textContent()) ?? '', /Stopped: its registers cannot be read/)
      const platformCard = desk.locator('section', { has: desk.getByRole('heading', { name: 'ss-platform' }) })
      assert.match((await platformCard.textContent()) ?? '', /ERR_EXCHANGE_PROVIDER_UNREACHABLE: \d+/)
      await expectAccessible(desk, 'status')
      await context.close()
      const other = await officeSession(
        t.platform.store,
        { citizenId: (t.citizens[11] as (typeof t.citizens)[number]).id, agency: 'tax-service', roles: ['clerk'] },
        t.now(),
      )
      const refusedPage = await t.app.request('/office/exchange', { headers: { cookie: `polis_office=${other}` } })
      assert.equal(refusedPage.status, 403)

      // A citizen on the portal is told on a page in their language, with the code and a way to try again.
      const citizenContext = await browser.newContext({ ...phone, locale: 'en-GB' })
      await citizenContext.addCookies([
        { name: 'polis_portal', value: await portalSession(t.platform.store, second.id, t.now()), url: t.origin },
        { name: 'polis_lang', value: 'en', url: t.origin },
      ])
      portal = await citizenContext.newPage()
      const down = await portal.goto(`${t.origin}/services/residence-registration/apply/new_address`)
      assert.equal(down?.status(), 503)
      await portal.getByRole('heading', { level: 1, name: 'This did not work' }).waitFor()
      assert.ok(await portal.getByText('A register this needs cannot be reached right now.').isVisible())
      assert.ok(await portal.getByText('ERR_REGISTRY_UNAVAILABLE').isVisible())
      await expectAccessible(portal, 'register-unreachable')
      // In the language the citizen chose on the portal, whatever the browser's.
      await citizenContext.addCookies([{ name: 'polis_lang', value: 'uk', url: t.origin }])
      await portal.reload()
      await portal.getByRole('heading', { level: 1, name: 'Не вдалося' }).waitFor()
      assert.equal(await portal.locator('html').getAttribute('lang'), 'uk')
      await citizenContext.addCookies([{ name: 'polis_lang', value: 'en', url: t.origin }])
      await portal.reload()
      // A register behind another server still answers.
      const taxpayer = await t.platform
        .queryRegistry({
          registry: 'tax',
          kind: 'taxpayer',
          citizenId: third.id,
          purpose: 'service:residence-registration',
        })
        .catch((error: unknown) => error)
      assert.ok(!(taxpayer instanceof Error) || !('code' in taxpayer && taxpayer.code === 'ERR_REGISTRY_UNAVAILABLE'))
    } finally {
      await exchange.startServer('ss-migration-service')
    }
    // Back: the portal's page answers again when the citizen tries (once the breaker lets a call through).
    const page = portal as NonNullable<typeof portal>
    for (let tries = 0; tries < 20; tries++) {
      const again = await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Try again' }).click()])
      if (again[0]?.status() === 200) break
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    await page.getByRole('heading', { level: 1, name: 'Your new address' }).waitFor()
    await page.context().close()
    // Back: the citizen tries again, once the breaker lets a call through.
    let again = await applyForAddress(second.id)
    for (let tries = 0; again.status === 503 && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      again = await applyForAddress(second.id)
    }
    assert.equal(again.status, 201, JSON.stringify(again.body))
    assert.equal(await applications(), 1)
  })

  it('refuses a read no right covers, and a purpose or citizen left out, at the provider', async () => {
    const citizen = adults()[3] as (typeof t.citizens)[number]
    // Polis ID signs people in: it has no right to the tax register.
    await assert.rejects(
      t.platform.queryRegistry({ registry: 'tax', citizenId: citizen.id, purpose: 'polis-id:login' }),
      (error: Json) => error.code === 'ERR_EXCHANGE_ACCESS_DENIED',
    )
    // Nor may it write: only the systems whose services' outputs write a register may.
    await assert.rejects(
      t.platform.updateRegistry({
        registry: 'population',
        operation: 'change-address',
        citizenId: citizen.id,
        values: newAddress,
        purpose: 'polis-id:login',
      }),
      (error: Json) => error.code === 'ERR_EXCHANGE_ACCESS_DENIED',
    )
    // A call that does not say whom it is for, or why, is not answered by the keeper.
    const exchange = await (t.platform.exchange as NonNullable<typeof t.platform.exchange>)()
    const door = `http://127.0.0.1:${exchange.ports['ss-platform']?.consumer}`
    const path = `/r1/UA/GOV/migration-service/population/records/persons/${citizen.id}/records?kind=person`
    const client = { 'x-road-client': 'UA/GOV/migration-service/services' }
    for (const headers of [
      { ...client, 'x-road-userid': citizen.id },
      { ...client, 'x-road-issue': 'service:residence-registration' },
      { ...client, 'x-road-userid': 'someone-else', 'x-road-issue': 'service:residence-registration' },
    ]) {
      const response = await fetch(`${door}${path}`, { headers })
      assert.equal(response.status, 400)
      assert.equal(((await response.json()) as Json).code, 'ERR_EXCHANGE_NO_PURPOSE')
    }
    // The same call, complete, is answered.
    const complete = await fetch(`${door}${path}`, {
      headers: { ...client, 'x-road-userid': citizen.id, 'x-road-issue': 'service:residence-registration' },
    })
    assert.equal(complete.status, 200)
    assert.equal(((await complete.json()) as Json).records.length, 1)
    // Discovery: the register's services, those this client may call, and the OpenAPI of one.
    const meta = async (service: string) =>
      (
        await fetch(`${door}/r1/UA/GOV/migration-service/population/${service}`, { headers: client })
      ).json() as Promise<Json>
    assert.deepEqual(
      (await meta('listMethods')).service.map((s: Json) => s.service_code),
      ['records'],
    )
    assert.deepEqual(
      (await meta('allowedMethods')).service.map((s: Json) => s.service_code),
      ['records'],
    )
    assert.ok((await meta('getOpenAPI?serviceCode=records')).paths['/persons/{citizenId}/records'])
    const clients = (await (await fetch(`${door}/listClients`)).json()) as Json
    assert.ok(
      clients.member.some(
        (m: Json) =>
          m.id.object_type === 'SUBSYSTEM' &&
          m.id.member_code === 'migration-service' &&
          m.id.subsystem_code === 'population',
      ),
    )
    const polisId = { 'x-road-client': 'UA/GOV/digital-ministry/polis-id' }
    const taxAllowed = (await (
      await fetch(`${door}/r1/UA/GOV/tax-service/tax/allowedMethods`, { headers: polisId })
    ).json()) as Json
    assert.deepEqual(taxAllowed.service, [])
  })

  it('finds whose a tax number is through the tax register’s keeper, for a service that names co-applicants, logged against that citizen', async () => {
    const buyer = adults()[4] as (typeof t.citizens)[number]
    const person = await t.platform.store.db
      .selectFrom('persons')
      .select('tax_number')
      .where('id', '=', buyer.id)
      .executeTakeFirstOrThrow()
    const taxNumber = person.tax_number as string
    assert.equal(await t.platform.findCitizenByTaxNumber(taxNumber, 'service:vehicle-re-registration'), buyer.id)
    const [logged] = await t.platform.store.db
      .selectFrom('data_access_log')
      .select(['registry', 'reader', 'kinds'])
      .where('citizen_id', '=', buyer.id)
      .where('purpose', '=', 'service:vehicle-re-registration')
      .execute()
    assert.deepEqual(
      { ...logged },
      { registry: 'tax', reader: 'UA/GOV/transport-service/services', kinds: '["taxpayer"]' },
    )
    // A number nobody has is nobody; a system that names no one by tax number may not ask.
    assert.equal(await t.platform.findCitizenByTaxNumber('0000000000', 'service:vehicle-re-registration'), undefined)
    await assert.rejects(
      t.platform.findCitizenByTaxNumber(taxNumber, 'polis-id:login'),
      (error: Json) => error.code === 'ERR_EXCHANGE_ACCESS_DENIED',
    )
  })
})
