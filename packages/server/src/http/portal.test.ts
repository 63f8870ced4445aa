import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { requestInformation } from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser, Page } from 'playwright-core'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { confirmOnPhone } from '../test/confirm-on-phone.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let desktop: Page
let wallet: Page
/** The citizen the first test signs in as, whom the later ones go on with. */
let signedIn: string
const pin = '1357'

before(async () => {
  t = await createTestPlatform({ citizens: 20, listen: true })
  browser = await launchBrowser()
  const desktopContext = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-GB' })
  const phoneContext = await browser.newContext({ ...phone, locale: 'en-GB' })
  for (const context of [desktopContext, phoneContext]) await context.clock.setFixedTime(t.now())
  desktop = await desktopContext.newPage()
  wallet = await phoneContext.newPage()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('portal')

describe(`the portal in headless Chromium on ${testEngine}`, () => {
  it('signs in with the wallet, registers an address page by page, and shows the application done', async () => {
    const citizenId = await enrolWallet(wallet, {
      origin: t.origin,
      pin,
      choose: (offered) => offered.find((id) => t.citizens.find((c) => c.id === id)?.documents.includes('id-card')),
    })

    await desktop.goto(`${t.origin}/`)
    await desktop.getByRole('heading', { name: 'Government services online' }).waitFor()
    await expectAccessible(desktop, 'home')
    await desktop.getByLabel('Search for a service').fill('address')
    await desktop.getByRole('button', { name: 'Search' }).click()
    await desktop.getByRole('link', { name: 'Register your address' }).click()
    await expectAccessible(desktop, 'start')
    await desktop.getByRole('link', { name: 'Sign in and start' }).click()

    // Polis ID: the wallet on the phone confirms the sign-in, the control codes agreeing.
    await confirmOnPhone(desktop, wallet, pin)
    await desktop.getByRole('heading', { name: /asks for your data/ }).waitFor({ timeout: 15_000 })
    await desktop.getByRole('button', { name: 'Allow' }).click()

    // One thing per page; what the state knows is shown, not asked.
    await desktop.getByRole('heading', { name: 'Your current address' }).waitFor()
    assert.ok(await desktop.getByText('This comes from the state registries.').isVisible())
    await expectAccessible(desktop, 'prefilled')
    await desktop.getByRole('button', { name: 'Continue' }).click()
    await desktop.getByRole('heading', { name: 'Your new address' }).waitFor()
    await desktop.getByLabel('Region').fill('Львівська область')
    await desktop.getByLabel('City or town').check()
    await desktop.getByLabel('Town or village').fill('Львів')
    await desktop.getByLabel('Street').fill('вул. Городоцька')
    await desktop.getByLabel('House number').fill('17')
    await desktop.getByLabel('Postcode').fill('7900')
    await desktop.getByRole('button', { name: 'Continue' }).click()
    // The error is summed up on top, linked to its field, and said beside it.
    await desktop.getByRole('heading', { name: 'There is a problem' }).waitFor()
    assert.ok(await desktop.getByRole('link', { name: 'Postcode: Enter it in the format shown.' }).isVisible())
    assert.equal(await desktop.getByLabel('Postcode').getAttribute('aria-invalid'), 'true')
    assert.match(await desktop.title(), /^Error:/)
    await expectAccessible(desktop, 'error')
    await desktop.getByLabel('Postcode').fill('79000')
    await desktop.getByRole('button', { name: 'Continue' }).click()
    await desktop.getByRole('heading', { name: 'The home' }).waitFor()
    await desktop.getByLabel('A rental agreement').check()
    await desktop.getByRole('button', { name: 'Continue' }).click()

    await desktop.getByRole('heading', { name: 'Check your answers' }).waitFor()
    assert.ok(await desktop.getByText('вул. Городоцька').isVisible())
    await expectAccessible(desktop, 'check')
    // A double tap: the form is sent twice at once with its one key (as this browser would).
    const key = await desktop.locator('input[name="key"]').inputValue()
    const send = () =>
      desktop.request.post(`${t.origin}/services/residence-registration/submit`, {
        form: { key },
        headers: { origin: t.origin },
        maxRedirects: 0,
      })
    const sent = await Promise.all([send(), send()])
    const locations = sent.map((response) => response.headers().location)
    assert.equal(locations[0], locations[1], 'both land on the same application')
    await desktop.goto(`${t.origin}${locations[0]}`)
    await desktop.getByRole('heading', { name: 'Application submitted' }).waitFor()
    assert.ok(
      await desktop.locator('.facts .tag').getByText('Done', { exact: true }).isVisible(),
      'decided by the rules at once',
    )
    await expectAccessible(desktop, 'submitted')
    signedIn = citizenId
    const rows = await t.platform.store.db
      .selectFrom('applications')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .execute()
    assert.equal(rows.length, 1)

    const [residence] = await t.platform.queryRegistry({
      registry: 'population',
      kind: 'residence',
      citizenId,
      purpose: 'test',
    })
    assert.equal((residence?.data.address as { locality: string } | undefined)?.locality, 'Львів')

    await desktop.goto(`${t.origin}/applications`)
    await desktop.getByRole('link', { name: 'Register your address' }).waitFor()
    await expectAccessible(desktop, 'applications')
    await desktop.goto(`${t.origin}/inbox`)
    await desktop.getByText('Your address is registered.').waitFor()
    await expectAccessible(desktop, 'inbox')
  })

  it('pays a fee on the provider’s page, after a declined card, and the application goes on', async () => {
    const device = await insertWalletDevice(t.platform.store, signedIn, t.now())
    const path = '/api/wallet/applications'
    const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path, now: t.now() })
    const answers = t.app.request('/api/services/foreign-passport-application')
    const example = ((await (await answers).json()) as { example: { answers: Record<string, unknown> } }).example
      .answers
    const submitted = await t.app.request(path, {
      method: 'POST',
      headers: {
        authorization: `PolisDevice ${jwt}`,
        'content-type': 'application/json',
        'idempotency-key': `k-${randomUUID()}`,
      },
      body: JSON.stringify({ service: 'foreign-passport-application', answers: example }),
    })
    const application = (await submitted.json()) as { id: string; status: string }
    assert.equal(application.status, 'awaiting-payment')

    await desktop.goto(`${t.origin}/applications/${application.id}`)
    await desktop.getByRole('button', { name: 'Pay 558.00 UAH' }).click()
    await desktop.getByRole('heading', { name: 'Pay 558.00 UAH' }).waitFor()
    await expectAccessible(desktop, 'sandbox-pay')
    await desktop.getByLabel('Card number').fill('4000 0000 0000 0002')
    await desktop.getByRole('button', { name: 'Pay 558.00 UAH' }).click()
    await desktop.getByRole('alert').filter({ hasText: 'The payment did not go through. Try again.' }).waitFor()
    await desktop.getByRole('button', { name: 'Pay 558.00 UAH' }).click()
    await desktop.getByLabel('Card number').fill('4242 4242 4242 4242')
    await desktop.getByRole('button', { name: 'Pay 558.00 UAH' }).click()
    await desktop.locator('.facts .tag').getByText('In review', { exact: true }).waitFor()
    assert.ok(await desktop.getByText('Paid', { exact: true }).isVisible())
    assert.equal(await desktop.getByText('The payment did not go through.').count(), 0)
    await expectAccessible(desktop, 'paid')

    // The official asks for more; the citizen answers on the portal, and the case goes back.
    const engine = createServiceEngine(t.platform)
    await requestInformation(engine.ports, engine.find('foreign-passport-application'), {
      applicationId: application.id,
      citizenId: signedIn,
      actor: 'official:someone',
      question: 'Is your name spelt the same in your old passport?',
    })
    await desktop.reload()
    await desktop.getByRole('heading', { name: 'The official asks' }).waitFor()
    await desktop.getByRole('button', { name: 'Send the answer' }).click()
    await desktop.getByText('Write your answer.').waitFor()
    await expectAccessible(desktop, 'answer-error')
    await desktop.getByLabel('Your answer').fill('Yes, the same.')
    await desktop.getByRole('button', { name: 'Send the answer' }).click()
    await desktop.locator('.facts .tag').getByText('In review', { exact: true }).waitFor()
  })

  it('keeps an e-mail address for messages, saying beside the field when it is not one', async () => {
    await desktop.goto(`${t.origin}/contact`)
    await desktop.getByLabel('E-mail address').fill('olena.example.org')
    await desktop.getByRole('button', { name: 'Save' }).click()
    await desktop
      .getByRole('link', { name: 'E-mail address: Enter an e-mail address, like name@example.com.' })
      .waitFor()
    assert.equal(await desktop.getByLabel('E-mail address').inputValue(), 'olena.example.org', 'what was typed stays')
    await expectAccessible(desktop, 'contact-error')
    await desktop.getByLabel('E-mail address').fill('olena@example.org')
    await desktop.getByLabel('Eesti').check()
    await desktop.getByRole('button', { name: 'Save' }).click()
    await desktop.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    const contact = await t.platform.store.db
      .selectFrom('citizen_contacts')
      .selectAll()
      .where('citizen_id', '=', signedIn)
      .executeTakeFirst()
    assert.deepEqual([contact?.email, contact?.language], ['olena@example.org', 'et'])
    await expectAccessible(desktop, 'contact')
  })

  it('reads the same at a phone’s size, in Ukrainian', async () => {
    await wallet.goto(`${t.origin}/?lang=uk`)
    await wallet.getByRole('heading', { name: 'Державні послуги онлайн' }).waitFor()
    await expectAccessible(wallet, 'home-phone-uk')
    await wallet.goto(`${t.origin}/services/appeal`)
    await wallet.getByRole('heading', { name: 'Звернення до органу влади' }).waitFor()
    await expectAccessible(wallet, 'start-phone-uk')
  })
})
