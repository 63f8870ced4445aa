import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let context: BrowserContext
let page: Page
let citizenId: string

before(async () => {
  t = await createTestPlatform({ citizens: 20, listen: true })
  browser = await launchBrowser()
  context = await browser.newContext({ ...phone, locale: 'en-GB' })
  await context.clock.setFixedTime(t.now())
  page = await context.newPage()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const fullPageCheck = accessibilityCheck('wallet-services')
const screenshots = process.env.POLIS_SCREENSHOTS

/** The axe check, with a full-page screenshot and one of the phone's screen as the citizen first sees it. */
async function expectAccessible(on: Page, name: string) {
  await fullPageCheck(on, name)
  if (screenshots) await on.screenshot({ path: `${screenshots}/wallet-services-${name}-screen.png` })
}

/** The citizen's applications of a service, as the platform keeps them. */
const applicationsOf = (service: string) =>
  t.platform.store.db
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('citizen_id', '=', citizenId)
    .where('service_code', '=', service)
    .execute()

/** Opens a service from the catalogue, found by a word of its name. */
async function openService(word: string, name: string) {
  await page.getByRole('button', { name: 'Services', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor()
  await page.getByLabel('Search for a service').fill(word)
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click()
  await page.getByRole('heading', { level: 1, name }).waitFor()
}

describe(`e-services in the wallet, in headless Chromium at phone size on ${testEngine}`, () => {
  it('finds a service in the catalogue, asks it page by page with errors at the field, and submits once', async () => {
    citizenId = await enrolWallet(page, {
      origin: t.origin,
      pin: '2468',
      choose: (offered) => offered.find((id) => t.citizens.find((c) => c.id === id)?.documents.includes('id-card')),
    })

    await expectAccessible(page, 'documents')
    await page.getByRole('button', { name: 'Services', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor()
    // Focus is on the new screen's heading, for a screen reader to say where the citizen is.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1')
    await page.getByRole('heading', { level: 2, name: 'Civic life' }).waitFor()
    await expectAccessible(page, 'services')
    await page.getByLabel('Search for a service').fill('appeal')
    assert.equal(await page.locator('.service-link').count(), 1)
    await page.getByRole('status').filter({ hasText: 'Services found: 1' }).waitFor()
    await page.getByRole('button', { name: /Write to an authority/ }).click()

    await page.getByRole('heading', { level: 1, name: 'Write to an authority' }).waitFor()
    assert.ok(await page.getByText('An official, within 30 days').isVisible())
    await page.getByRole('button', { name: 'Start' }).click()

    // Checked on the phone: every problem on top, linked, and said at its field.
    await page.getByRole('heading', { level: 1, name: 'Your appeal' }).waitFor()
    await page.getByRole('button', { name: 'Continue' }).click()
    const summary = page.locator('.error-summary')
    await summary.getByRole('link', { name: 'Subject: Enter this.' }).waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary')
    assert.equal(await page.getByLabel('Subject').getAttribute('aria-invalid'), 'true')
    await expectAccessible(page, 'service-errors')
    await summary.getByRole('link', { name: /Subject/ }).click()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'question-subject')

    await page.getByLabel('Subject').fill('Street lights')
    await page.getByLabel('What you want to say').fill('The street lights on my street are off every night.')
    assert.equal(await page.getByLabel('E-mail').count(), 0, 'the e-mail is asked only if wanted')
    await page.getByRole('radio', { name: 'Yes' }).check()
    await page.getByLabel('E-mail').fill('name@')
    await page.getByRole('button', { name: 'Continue' }).click()
    await summary.getByRole('link', { name: /E-mail: Enter an e-mail address/ }).waitFor()
    assert.equal(await summary.getByRole('link').count(), 1)
    await page.getByLabel('E-mail').fill('citizen@example.com')
    await expectAccessible(page, 'service-form')
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor()
    assert.ok(await page.getByText('citizen@example.com').isVisible())
    await expectAccessible(page, 'service-check')

    // The first answer is lost on the way back (the server did submit): the retry, and a
    // double tap on it, send the same Idempotency-Key, so there is still one application.
    const keys: string[] = []
    let dropped = false
    await page.route('**/api/wallet/applications', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '')
      if (dropped) return route.continue()
      dropped = true
      await route.fetch()
      await route.abort('connectionreset')
    })
    await page.getByRole('button', { name: 'Submit the application' }).click()
    await page.getByRole('alert').filter({ hasText: 'It will not be sent twice' }).waitFor()
    assert.equal((await applicationsOf('appeal')).length, 1, 'the lost answer was an application')
    await page.getByRole('button', { name: 'Submit the application' }).dblclick()
    await page.getByRole('status').filter({ hasText: 'Application submitted' }).waitFor()
    await page.unroute('**/api/wallet/applications')
    assert.ok(keys.length >= 2)
    assert.equal(new Set(keys).size, 1, 'one Idempotency-Key for the attempt')
    const appeals = await applicationsOf('appeal')
    assert.equal(appeals.length, 1)

    await page.getByRole('heading', { level: 1, name: 'Write to an authority' }).waitFor()
    await page.locator('.tag').filter({ hasText: 'Being reviewed' }).waitFor()
    assert.ok(
      await page
        .getByText(appeals[0]?.id.slice(0, 8).toUpperCase() ?? '-')
        .first()
        .isVisible(),
    )
    await page.getByText('Passed to an official').waitFor()
    await expectAccessible(page, 'application')

    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('heading', { level: 1, name: 'My applications' }).waitFor()
    await page.getByRole('button', { name: /Write to an authority/ }).waitFor()
    await expectAccessible(page, 'applications')
  })

  it('shows what the registries know, says the server’s errors at their field, and registers an address', async () => {
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor()
    await openService('address', 'Register your address')
    await page.getByRole('heading', { level: 2, name: 'What the state already knows' }).waitFor()
    const [person] = await t.platform.queryRegistry({
      registry: 'population',
      kind: 'person',
      citizenId,
      purpose: 'test',
    })
    const formatted = String((person?.data.address as { formatted?: string } | undefined)?.formatted)
    assert.ok(await page.getByText(formatted).first().isVisible(), 'the registered address shown, not asked')
    await expectAccessible(page, 'service-known')
    await page.getByRole('button', { name: 'Start' }).click()

    await page.getByRole('heading', { level: 1, name: 'Your new address' }).waitFor()
    await page.getByLabel('Region').fill('Львівська область')
    await page.getByRole('radio').first().check()
    await page.getByLabel('Town or village').fill('Львів')
    await page.getByLabel('Street').fill('вул. Городоцька')
    await page.getByLabel('House number').fill('12')
    await page.getByLabel('Postcode').fill('7900')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page
      .locator('.error-summary')
      .getByRole('link', { name: /Postcode/ })
      .waitFor()
    await page.getByLabel('Postcode').fill('79000')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { level: 1, name: 'The home' }).waitFor()
    await page.getByRole('radio').first().check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor()

    // A refusal from the server (stable code, field by field) is said at its field.
    await page.route(
      '**/api/wallet/applications',
      (route) =>
        route.fulfill({
          status: 422,
          json: {
            error: { code: 'ERR_FORM_INVALID', message: 'Check the answers.' },
            reasons: [],
            fields: [{ field: 'street', message: 'No such street in Lviv.' }],
          },
        }),
      { times: 1 },
    )
    await page.getByRole('button', { name: 'Submit the application' }).click()
    await page.getByRole('heading', { level: 1, name: 'Your new address' }).waitFor()
    await page.locator('.error-summary').getByRole('link', { name: 'Street: No such street in Lviv.' }).waitFor()
    assert.ok(await page.locator('#question-street-error').filter({ hasText: 'No such street in Lviv.' }).isVisible())
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Submit the application' }).click()
    await page.getByRole('status').filter({ hasText: 'Application submitted' }).waitFor()
    await page.locator('.tag').filter({ hasText: 'Done' }).waitFor({ timeout: 15_000 })
    assert.equal((await applicationsOf('residence-registration'))[0]?.status, 'completed')

    // The new residence extract the application issued comes into the wallet from here.
    await page.getByText('Your new document is ready.').waitFor()
    await expectAccessible(page, 'application-done')
    await page.getByRole('button', { name: 'Get the document' }).click()
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: /Registered address extract/ }).click()
    await page
      .getByText(/Городоцька/)
      .first()
      .waitFor()
    await page.getByRole('button', { name: '← Back' }).click()
  })

  it('applies for a service with a fee in the wallet, lists the inbox, and shows the last lists offline', async () => {
    await page.getByRole('button', { name: 'My applications', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'My applications' }).waitFor()
    await page.getByRole('button', { name: /^Register your address/ }).waitFor()
    await page.getByRole('button', { name: 'Services', exact: true }).click()
    await page.getByLabel('Search for a service').fill('passport')
    await page.getByRole('button', { name: /^Apply for a passport/ }).click()
    // The fee is said, and paid in the wallet once the application is in (wallet-pay-and-files.test.ts).
    await page.getByRole('heading', { level: 1, name: 'Apply for a passport' }).waitFor()
    await page.getByText(/558[.,]00/).waitFor()
    assert.equal(await page.getByRole('link', { name: 'Open it on the portal' }).count(), 0)

    await page.getByRole('button', { name: '← Back' }).click()
    assert.equal(await page.getByLabel('Search for a service').inputValue(), 'passport', 'the search is kept')

    // Who may not apply is told why, from the registries, with no form to fill.
    const driver = t.citizens.find((c) => c.id === citizenId)?.documents.includes('driver-licence')
    await page.getByLabel('Search for a service').fill('renew your driving licence')
    await page.getByRole('button', { name: /^Renew your driving licence/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Renew your driving licence' }).waitFor()
    if (!driver) {
      await page.getByRole('alert').filter({ hasText: 'You cannot apply' }).waitFor()
      assert.ok(await page.getByText('The register of drivers holds no driving licence of yours.').isVisible())
      assert.equal(await page.getByRole('button', { name: 'Start' }).count(), 0)
    } else {
      // A driver may apply in the wallet: the medical certificate is uploaded from the phone.
      await page.getByRole('button', { name: 'Start' }).waitFor()
    }
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('button', { name: 'Inbox', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor()
    await page.getByText('Your appeal is registered.').waitFor()
    await expectAccessible(page, 'inbox')

    await context.setOffline(true)
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('button', { name: 'My applications', exact: true }).click()
    await page.getByText(/No connection: shown as loaded on/).waitFor()
    assert.equal(await page.locator('.service-link').count(), 2)
    await expectAccessible(page, 'applications-offline')
    await context.setOffline(false)

    // In the citizen's language: the catalogue and its categories in Ukrainian.
    await page.getByLabel('Language').selectOption('uk')
    await page.getByRole('button', { name: 'Послуги', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Послуги' }).waitFor()
    await page.getByLabel('Пошук послуги').fill('звернення')
    await page.getByRole('heading', { level: 2, name: 'Громадянам' }).waitFor()
    await page.getByRole('button', { name: /^Звернення до органу влади/ }).waitFor()
    await expectAccessible(page, 'services-uk')
  })
})
