import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { findApplication, paymentReceived, recordEvents, submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import { sandboxCards } from '../payments/payments.ts'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { CookieBrowser } from '../test/cookie-browser.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { portalSession } from '../test/sessions.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 60, listen: true })
})
after(() => t?.close())

/** A browser signed in to the portal as this citizen (the session Polis ID's sign-in would leave), in English. */
async function signedIn(citizenId: string): Promise<CookieBrowser> {
  const session = await portalSession(t.platform.store, citizenId, t.now())
  const browser = new CookieBrowser(t.origin)
  browser.cookies.set('polis_portal', { value: session, path: '/' })
  browser.cookies.set('polis_lang', { value: 'en', path: '/' })
  return browser
}

/** A form sent as the portal's own page sends it. */
const post = (browser: CookieBrowser, path: string, fields: Record<string, string>) =>
  browser.request(`${t.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.origin },
    body: new URLSearchParams(fields).toString(),
  })

const debtsDue = (kind: string) =>
  t.platform.store.db
    .selectFrom('debts')
    .selectAll()
    .where('kind', '=', kind)
    .where('status', '=', 'due')
    .orderBy('id')
    .execute()

const waitFor = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20))
}

/** Submits through the portal: the item page, check your answers, submit; answers the application's path. */
async function applyToPay(browser: CookieBrowser, service: string, field: string, item: string) {
  const chosen = await post(browser, `/services/${service}/apply/${field}`, { [field]: item })
  assert.equal(chosen.status, 303, await chosen.text())
  assert.equal(chosen.headers.get('location'), `/services/${service}/check`)
  const check = await (await browser.request(`${t.origin}/services/${service}/check`)).text()
  const key = /name="key" value="([^"]+)"/.exec(check)?.[1] as string
  const submitted = await post(browser, `/services/${service}/submit`, { key })
  return submitted
}

describe(`paying a fine on the portal through the sandbox on ${testEngine}`, () => {
  it('shows a citizen their own fines, takes the amount from the register, pays it and closes the fine, once', async () => {
    const fines = await debtsDue('traffic-fine')
    const fine = fines[0]
    const others = fines.filter((f) => f.citizen_id !== fine?.citizen_id)
    assert.ok(fine && others[0], 'two citizens with traffic fines')
    const browser = await signedIn(fine.citizen_id)

    // What they owe, read from the register: their own fines with amounts in UAH, no one else's.
    const page = await browser.request(`${t.origin}/services/traffic-fines/apply/fine`)
    const html = await page.text()
    assert.equal(page.status, 200)
    assert.ok(html.includes(`value="${fine.id}"`))
    assert.ok(html.includes(`${(fine.amount / 100).toFixed(2)} UAH`), 'the amount in UAH')
    const due = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(fine.due_on))
    assert.ok(html.includes(`Pay by:</span> ${due}`), 'the date due, in English')
    assert.ok(html.includes(JSON.parse(fine.details).plate), 'and the vehicle')
    for (const other of others)
      assert.ok(!html.includes(`value="${other.id}"`), 'another citizen’s fine is not offered')

    // Another citizen's fine cannot be chosen, whatever the form says.
    const forged = await post(browser, '/services/traffic-fines/apply/fine', { fine: others[0]?.id ?? '' })
    assert.equal(forged.status, 422)
    assert.match(await forged.text(), /Choose one of the options/)

    // Their own: checked, submitted, and the amount to pay is the register's, not the browser's.
    const submitted = await applyToPay(browser, 'traffic-fines', 'fine', fine.id)
    assert.equal(submitted.status, 303)
    const applicationPath = (submitted.headers.get('location') as string).replace(/\?.*/, '')
    const awaiting = await (await browser.request(`${t.origin}${applicationPath}`)).text()
    const amount = (fine.amount / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })
    assert.ok(awaiting.includes(`Pay ${amount} UAH`), 'the pay button names the amount')

    const started = await post(browser, `${applicationPath}/pay`, {})
    const sandbox = started.headers.get('location') as string
    assert.match(sandbox, /^\/sandbox-pay\//)
    assert.match(
      await (await fetch(`${t.origin}${sandbox}`)).text(),
      new RegExp(`Pay ${(fine.amount / 100).toFixed(2)} UAH`),
    )
    const paid = await fetch(`${t.origin}${sandbox}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ card: sandboxCards.success, action: 'pay' }).toString(),
    })
    assert.equal(paid.headers.get('location'), `${applicationPath}?paid=1`)
    // Back from the provider, the portal asks it at once; its own notice may be carrying the payment out meanwhile.
    await browser.request(`${t.origin}${applicationPath}?paid=1`)
    const applicationId = applicationPath.split('/').pop() as string
    await waitFor(
      async () => (await findApplication(t.platform.store, fine.citizen_id, applicationId)).status === 'completed',
    )
    const back = await (await browser.request(`${t.origin}${applicationPath}`)).text()
    assert.match(back, /<strong class="tag">Done<\/strong>/)
    assert.ok(back.includes(fine.number), 'the receipt names the fine')
    const paymentId = sandbox.split('/').pop() as string
    assert.ok(back.includes(paymentId), 'and the payment')

    const closed = await t.platform.store.db
      .selectFrom('debts')
      .selectAll()
      .where('id', '=', fine.id)
      .executeTakeFirstOrThrow()
    assert.deepEqual([closed.status, closed.payment_id], ['paid', paymentId])
    const application = await findApplication(t.platform.store, fine.citizen_id, applicationId)
    assert.deepEqual(
      application.events.map((e) => e.type),
      ['submitted', 'payment-requested', 'paid', 'decided', 'output-issued', 'completed'],
    )
    assert.deepEqual(application.events[2]?.data, {
      paymentId,
      amount: fine.amount,
      currency: 'UAH',
      item: {
        registry: 'police-fines',
        kind: 'traffic-fine',
        id: fine.id,
        number: fine.number,
        description: fine.description,
      },
    })

    // Paying it again: no longer offered, nothing left to pay on the application, and refused when sent.
    assert.ok(
      !(await (await browser.request(`${t.origin}/services/traffic-fines/apply/fine`)).text()).includes(fine.id),
    )
    const again = await post(browser, `${applicationPath}/pay`, {})
    assert.equal(again.status, 409)
    assert.match(await again.text(), /There is nothing to pay on this application now/)
    const twice = await applyToPay(browser, 'traffic-fines', 'fine', fine.id)
    assert.equal(twice.status, 409)
    assert.match(await twice.text(), /This has been paid already/)
    const payments = await t.platform.store.db
      .selectFrom('payments')
      .select('id')
      .where('citizen_id', '=', fine.citizen_id)
      .execute()
    assert.equal(payments.length, 1, 'charged once')
  })

  it('works out the customs on a car at once and shows the calculation on the application', async () => {
    const browser = await signedIn(t.citizens[0]?.id as string)
    const car = await post(browser, '/services/customs-calculator/apply/car', {
      price: '15000',
      year: '2019',
      origin: 'other',
    })
    assert.equal(car.headers.get('location'), '/services/customs-calculator/apply/engine')
    const engine = await post(browser, '/services/customs-calculator/apply/engine', {
      engine: 'petrol',
      engine_cc: '1998',
    })
    assert.equal(engine.headers.get('location'), '/services/customs-calculator/check')
    const check = await (await browser.request(`${t.origin}/services/customs-calculator/check`)).text()
    const key = /name="key" value="([^"]+)"/.exec(check)?.[1] as string
    const submitted = await post(browser, '/services/customs-calculator/submit', { key })
    const shown = await (await browser.request(`${t.origin}${submitted.headers.get('location')}`)).text()
    assert.match(shown, /<strong class="tag">Done<\/strong>/)
    for (const line of [
      'Import duty</dt><dd>1,500.00 EUR',
      'Excise</dt><dd>599.40 EUR',
      'Total to pay</dt><dd>5,519.28 EUR',
    ]) {
      assert.ok(shown.includes(line), line)
    }
  })

  it('carries out a payment recorded by a process that stopped before closing the item, once however often told', async () => {
    const [fine] = await debtsDue('parking-fine')
    assert.ok(fine, 'a parking fine')
    const engine = createServiceEngine(t.platform)
    const definition = engine.find('parking-fines')
    const application = await submitApplication(engine.ports, {
      definition,
      citizenId: fine.citizen_id,
      clientKey: `k-${randomUUID()}`,
      answers: { fine: fine.id },
    })
    const payment = { id: randomUUID(), amount: fine.amount, currency: 'UAH' }
    // What a process leaves when it stops right after recording the payment.
    const paid = { paymentId: payment.id, amount: payment.amount, currency: payment.currency }
    const at = t.now().toISOString()
    await recordEvents(engine.ports, application.id, [{ type: 'paid', at, actor: 'system', reason: null, data: paid }])
    assert.equal((await findApplication(t.platform.store, fine.citizen_id, application.id)).status, 'submitted')
    // The provider's notice and the citizen's return, told three times at once.
    const told = await Promise.all(
      [1, 2, 3].map(() =>
        paymentReceived(engine.ports, {
          definition,
          applicationId: application.id,
          citizenId: fine.citizen_id,
          payment,
        }),
      ),
    )
    assert.deepEqual(told.filter((outcome) => outcome === 'recorded').length, 1, told.join())
    const done = await findApplication(t.platform.store, fine.citizen_id, application.id)
    assert.equal(done.status, 'completed')
    assert.equal(done.events.filter((e) => e.type === 'completed').length, 1)
    const closed = await t.platform.store.db
      .selectFrom('debts')
      .select(['status', 'payment_id'])
      .where('id', '=', fine.id)
      .executeTakeFirstOrThrow()
    assert.deepEqual([closed.status, closed.payment_id], ['paid', payment.id])
    const told4 = await paymentReceived(engine.ports, {
      definition,
      applicationId: application.id,
      citizenId: fine.citizen_id,
      payment,
    })
    assert.equal(told4, 'known')
  })

  it('refunds the loser of two applications paid at once for one item, and refuses to start a third', async () => {
    const [debt] = await debtsDue('enforcement-debt')
    assert.ok(debt, 'an enforcement debt')
    const engine = createServiceEngine(t.platform)
    const definition = engine.find('enforcement-debts')
    const submit = () =>
      submitApplication(engine.ports, {
        definition,
        citizenId: debt.citizen_id,
        clientKey: `k-${randomUUID()}`,
        answers: { debt: debt.id },
      })
    const [first, second, third] = [await submit(), await submit(), await submit()]
    const browser = await signedIn(debt.citizen_id)
    const pages = []
    for (const application of [first, second]) {
      const started = await post(browser, `/applications/${application.id}/pay`, {})
      pages.push(started.headers.get('location') as string)
    }
    for (const page of pages) {
      await fetch(`${t.origin}${page}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ card: sandboxCards.success, action: 'pay' }).toString(),
      })
    }
    for (const application of [first, second])
      await browser.request(`${t.origin}/applications/${application.id}?paid=1`)
    // Which of the two the register closes the item for depends on whose notice comes first: either way, once.
    const both = () => Promise.all([first, second].map((a) => findApplication(t.platform.store, debt.citizen_id, a.id)))
    await waitFor(async () => (await both()).some((a) => a.events.some((e) => e.type === 'refunded')))
    const [one, other] = await both()
    assert.deepEqual([one?.status, other?.status].sort(), ['completed', 'rejected'])
    const refused = [one, other].find((a) => a?.status === 'rejected') as NonNullable<typeof one>
    assert.deepEqual(refused.events.map((e) => e.type).slice(-3), ['paid', 'decided', 'refunded'])
    assert.equal(refused.events.at(-2)?.data.code, 'ERR_ALREADY_PAID')
    const payment = await t.platform.store.db
      .selectFrom('payments')
      .selectAll()
      .where('application_id', '=', refused.id)
      .executeTakeFirstOrThrow()
    assert.deepEqual([payment.status, payment.refunded_amount], ['refunded', debt.amount], 'nothing charged is lost')
    const shown = await (await browser.request(`${t.origin}/applications/${refused.id}`)).text()
    assert.match(shown, /Money returned/)

    // The third, still awaiting payment, is refused before anything is charged.
    const late = await post(browser, `/applications/${third.id}/pay`, {})
    assert.equal(late.headers.get('location'), `/applications/${third.id}?already=1`)
    assert.match(await (await browser.request(`${t.origin}/applications/${third.id}?already=1`)).text(), /paid already/)
    const charged = await t.platform.store.db
      .selectFrom('payments')
      .select('id')
      .where('application_id', '=', third.id)
      .execute()
    assert.equal(charged.length, 0)
  })
})
