import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { addOfficial } from '@polis/polis-id'
import { answerConfirmation, findApplication, submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser, BrowserContext } from 'playwright-core'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { officeSession, portalSession } from '../test/sessions.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 120, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('vehicle-sale')

/** A phone signed in to the portal as this citizen, in English. */
async function phoneOf(citizenId: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...phone, locale: 'en-GB' })
  await context.clock.setFixedTime(t.now())
  await context.addCookies([
    { name: 'polis_portal', value: await portalSession(t.platform.store, citizenId, t.now()), url: t.origin },
    { name: 'polis_lang', value: 'en', url: t.origin },
  ])
  return context
}

/** Two vehicles of two owners, each with a buyer and a bystander who are adults and own nothing sold here. */
async function parties() {
  const vehicles = await t.platform.store.db.selectFrom('vehicles').selectAll().orderBy('id').execute()
  const owners = [...new Set(vehicles.map((v) => v.owner_id))]
  const adults = await t.platform.store.db
    .selectFrom('persons')
    .select(['id', 'tax_number', 'given_name', 'family_name'])
    .where('birth_date', '<=', '2000-01-01')
    .where('tax_number', 'is not', null)
    .orderBy('seq')
    .execute()
  const others = adults.filter((a) => !owners.includes(a.id))
  const [first, second] = owners.map((owner) => vehicles.find((v) => v.owner_id === owner))
  const seller = adults.find((a) => a.id === first?.owner_id)
  const [buyer, bystander, official] = others
  assert.ok(first && second && seller && buyer?.tax_number && bystander && official)
  return { first, second, seller, buyer: { ...buyer, tax_number: buyer.tax_number as string }, bystander, official }
}

describe(`a vehicle's buyer confirms the sale in headless Chromium on ${testEngine}`, () => {
  it('the buyer confirms on their phone; the office cannot approve before, and does after', async () => {
    const { first: vehicle, seller, buyer, bystander, official } = await parties()
    const engine = createServiceEngine(t.platform)
    const definition = engine.find('vehicle-re-registration')
    const application = await submitApplication(engine.ports, {
      definition,
      citizenId: vehicle.owner_id,
      clientKey: randomBytes(12).toString('base64url'),
      answers: { vehicle: vehicle.plate, buyer_tax_number: buyer.tax_number, price: 250000 },
    })
    assert.equal(application.status, 'in-review')
    assert.ok(application.events.some((e) => e.type === 'confirmation-requested' && e.data.role === 'buyer'))

    // The official at the desk sees that the buyer has not confirmed, and cannot approve yet.
    await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: official.id, agency: 'transport-service', roles: ['clerk', 'decider'] },
      issuer: 'Polis Testland',
      now: t.now(),
    })
    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    await deskContext.clock.setFixedTime(t.now())
    await deskContext.addCookies([
      {
        name: 'polis_office',
        value: await officeSession(
          t.platform.store,
          { citizenId: official.id, agency: 'transport-service', roles: ['clerk', 'decider'] },
          t.now(),
        ),
        url: t.origin,
      },
    ])
    const desk = await deskContext.newPage()
    await desk.goto(`${t.origin}/office/cases/${application.id}?lang=en`)
    await desk.getByText('not confirmed yet: the application cannot be approved').waitFor()
    await desk.getByRole('button', { name: 'Take this case' }).click()
    await desk.getByRole('button', { name: 'Approve' }).click()
    await desk.getByRole('alert').getByText('has not confirmed it yet').waitFor()
    await expectAccessible(desk, 'office-pending')
    assert.equal((await findApplication(t.platform.store, vehicle.owner_id, application.id)).status, 'in-review')

    // The wallet's inbox gives the buyer the same link, to open on the portal.
    const device = await insertWalletDevice(t.platform.store, buyer.id, t.now())
    const jwt = await deviceJwt({ device, origin: t.origin, method: 'GET', path: '/api/wallet/inbox', now: t.now() })
    const inbox = await t.app.request('/api/wallet/inbox', { headers: { authorization: `PolisDevice ${jwt}` } })
    const messages = (await inbox.json()) as Array<{ applicationId: string | null; link: string | null }>
    assert.deepEqual(
      messages.map((m) => [m.applicationId, m.link]),
      [[null, `${t.origin}/confirmations/${application.id}`]],
      'the application is not the buyer’s: only the link to their page',
    )

    // The buyer, on their phone: the inbox message links to the sale.
    const buyerPhone = await phoneOf(buyer.id)
    const page = await buyerPhone.newPage()
    await page.goto(`${t.origin}/inbox`)
    await page.getByText('You are named as the buyer of a vehicle').waitFor()
    await page.getByRole('link', { name: 'Look and answer' }).click()
    await page.getByRole('heading', { name: 'Confirm that you are buying this vehicle' }).waitFor()
    assert.equal(new URL(page.url()).pathname, `/confirmations/${application.id}`)
    const card = (await page.locator('.card').textContent()) ?? ''
    assert.match(card, new RegExp(`${seller.given_name} ${seller.family_name}`), 'the seller’s name')
    assert.match(card, new RegExp(vehicle.plate), 'the vehicle')
    assert.match(card, /250,000/, 'the price')
    assert.doesNotMatch(card, new RegExp(buyer.tax_number), 'nothing more of the answers than the definition shows')
    await expectAccessible(page, 'confirm')
    await page.goto(`${t.origin}/confirmations/${application.id}?lang=uk`)
    await page.getByRole('heading', { name: 'Підтвердьте купівлю транспортного засобу' }).waitFor()
    await page.getByRole('button', { name: 'Підтверджую' }).waitFor()
    await expectAccessible(page, 'confirm-uk')
    await page.goto(`${t.origin}/confirmations/${application.id}?lang=en`)

    // Nobody else finds it: not the seller, not a bystander.
    for (const someone of [vehicle.owner_id, bystander.id]) {
      const other = await phoneOf(someone)
      const response = await other.request.get(`${t.origin}/confirmations/${application.id}`)
      assert.equal(response.status(), 404)
      const answered = await other.request.post(`${t.origin}/confirmations/${application.id}`, {
        form: { answer: 'confirm' },
        headers: { origin: t.origin },
      })
      assert.equal(answered.status(), 404)
      await other.close()
    }

    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.getByText(/You confirmed on/).waitFor()
    await expectAccessible(page, 'confirmed')
    const confirmed = await findApplication(t.platform.store, vehicle.owner_id, application.id)
    const event = confirmed.events.find((e) => e.type === 'confirmed')
    assert.equal(event?.actor, `citizen:${buyer.id}`)
    assert.equal(event?.at, t.now().toISOString())

    // Answering twice is refused with its code, said on the page.
    const again = await buyerPhone.request.post(`${t.origin}/confirmations/${application.id}`, {
      form: { answer: 'decline' },
      headers: { origin: t.origin },
      maxRedirects: 0,
    })
    assert.equal(again.headers().location, `/confirmations/${application.id}?problem=answered`)

    // Now the official approves, and the vehicle is the buyer's.
    await desk.goto(`${t.origin}/office/cases/${application.id}?lang=en`)
    await desk.getByText(/confirmed on/).waitFor()
    await desk.getByRole('button', { name: 'Approve' }).click()
    await desk.getByText('This case is decided.').waitFor()
    const done = await findApplication(t.platform.store, vehicle.owner_id, application.id)
    assert.equal(done.status, 'completed')
    const moved = await t.platform.store.db
      .selectFrom('vehicles')
      .select('owner_id')
      .where('id', '=', vehicle.id)
      .executeTakeFirstOrThrow()
    assert.equal(moved.owner_id, buyer.id)
    await buyerPhone.close()
    await deskContext.close()
  })

  it('the buyer declines: the application is refused and the seller is told', async () => {
    const { second: vehicle, buyer } = await parties()
    const engine = createServiceEngine(t.platform)
    const application = await submitApplication(engine.ports, {
      definition: engine.find('vehicle-re-registration'),
      citizenId: vehicle.owner_id,
      clientKey: randomBytes(12).toString('base64url'),
      answers: { vehicle: vehicle.plate, buyer_tax_number: buyer.tax_number, price: 99000 },
    })
    // The seller's application says the buyer has yet to confirm.
    const sellerPhone = await phoneOf(vehicle.owner_id)
    const sellerPage = await sellerPhone.newPage()
    await sellerPage.goto(`${t.origin}/applications/${application.id}`)
    await sellerPage.getByText('has not confirmed yet: an official decides once they do').waitFor()
    await expectAccessible(sellerPage, 'seller-waiting')

    const buyerPhone = await phoneOf(buyer.id)
    const page = await buyerPhone.newPage()
    await page.goto(`${t.origin}/confirmations/${application.id}`)
    await page.getByRole('button', { name: 'Decline' }).click()
    await page.getByText(/You declined on/).waitFor()
    await expectAccessible(page, 'declined')

    const refused = await findApplication(t.platform.store, vehicle.owner_id, application.id)
    assert.equal(refused.status, 'rejected')
    assert.deepEqual(
      refused.events.slice(-2).map((e) => [e.type, e.actor, e.data.code ?? null]),
      [
        ['confirmation-declined', `citizen:${buyer.id}`, null],
        ['decided', 'system', 'ERR_CONFIRMATION_DECLINED'],
      ],
    )
    await sellerPage.goto(`${t.origin}/inbox`)
    await sellerPage.getByText('The buyer declined the purchase').waitFor()
    await sellerPage.goto(`${t.origin}/applications/${application.id}`)
    await sellerPage.getByText('Refused').first().waitFor()
    await sellerPage.getByText('Declined by the other person').waitFor()
    await sellerPage.getByText(/^declined on /).waitFor()
    await expectAccessible(sellerPage, 'seller-refused')
    const owner = await t.platform.store.db
      .selectFrom('vehicles')
      .select('owner_id')
      .where('id', '=', vehicle.id)
      .executeTakeFirstOrThrow()
    assert.equal(owner.owner_id, vehicle.owner_id, 'the vehicle stays the seller’s')
    await sellerPhone.close()
    await buyerPhone.close()
  })

  it('of two answers at once (a double tap, a confirmation and a refusal), one is recorded', async () => {
    const { buyer } = await parties()
    const engine = createServiceEngine(t.platform)
    const definitionOf = engine.find
    const vehicles = await t.platform.store.db
      .selectFrom('vehicles')
      .select(['plate', 'owner_id'])
      .where('owner_id', '!=', buyer.id)
      .orderBy('id')
      .limit(2)
      .execute()
    const pairs = [
      ['confirm', 'confirm'],
      ['confirm', 'decline'],
    ] as const
    assert.equal(vehicles.length, pairs.length)
    for (const [i, answers] of pairs.entries()) {
      const vehicle = vehicles[i] as (typeof vehicles)[number]
      const application = await submitApplication(engine.ports, {
        definition: engine.find('vehicle-re-registration'),
        citizenId: vehicle.owner_id,
        clientKey: randomBytes(12).toString('base64url'),
        answers: { vehicle: vehicle.plate, buyer_tax_number: buyer.tax_number, price: 1000 },
      })
      const settled = await Promise.allSettled(
        answers.map((answer) =>
          answerConfirmation(engine.ports, {
            applicationId: application.id,
            citizenId: buyer.id,
            answer,
            definitionOf,
          }),
        ),
      )
      assert.equal(settled.filter((s) => s.status === 'fulfilled').length, 1, answers.join(' and '))
      const refused = settled.find((s) => s.status === 'rejected')
      assert.equal((refused as PromiseRejectedResult).reason.code, 'ERR_CONFIRMATION_ANSWERED')
      const after = await findApplication(t.platform.store, vehicle.owner_id, application.id)
      const recorded = after.events.filter((e) => e.type === 'confirmed' || e.type === 'confirmation-declined')
      assert.equal(recorded.length, 1)
      assert.equal(after.status, recorded[0]?.type === 'confirmed' ? 'in-review' : 'rejected')
    }
  })
})
