import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { bundleProgress, decide, findApplication, submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 40, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('wallet-bundle')

describe(`a life-event bundle in the wallet, in headless Chromium at phone size on ${testEngine}`, () => {
  it('shows the newborn package as one application with each service, and opens a part and its bundle', async () => {
    const context = await browser.newContext({ ...phone, locale: 'en-GB' })
    await context.clock.setFixedTime(t.now())
    const page = await context.newPage()
    const women = new Set(
      (
        await t.platform.store.db
          .selectFrom('persons')
          .select('id')
          .where('sex', '=', 2)
          .where('birth_date', '>=', '1970-01-01')
          .where('birth_date', '<=', '2006-01-01')
          .execute()
      ).map((p) => p.id),
    )
    const mother = await enrolWallet(page, {
      origin: t.origin,
      pin: '2468',
      choose: (offered) => offered.find((id) => women.has(id)),
    })

    // Filed on the portal: the birth registration goes to the civil registry office, the benefit waits for it.
    const engine = createServiceEngine(t.platform)
    const bundle = await submitApplication(engine.ports, {
      definition: engine.find('birth-bundle'),
      citizenId: mother,
      clientKey: 'wallet-bundle-test',
      answers: {
        child_given_name: 'Олена',
        child_family_name: 'Бойко',
        child_sex: '2',
        child_birth_date: '2026-05-20',
        birth_benefit: 'yes',
        iban: 'UA213052990000026007015012345',
      },
    })
    const [registration] = await bundleProgress(engine.ports, bundle)
    assert.equal(registration?.state, 'in-review')

    // The bundle in the catalogue says who decides: each service its own agency.
    await page.getByRole('button', { name: 'Services', exact: true }).click()
    await page.getByLabel('Search for a service').fill('eBaby')
    await page.getByRole('button', { name: /^eBaby: register a birth/ }).click()
    await page.getByText('Each service by its own agency; one page shows them all').waitFor()
    await expectAccessible(page, 'intro')
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('button', { name: 'My applications', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'My applications' }).waitFor()
    // The bundle only: its parts are inside it.
    const bundleButton = page.getByRole('button', { name: /^eBaby: register a birth/ })
    await bundleButton.waitFor()
    assert.equal(await page.locator('.service-link').count(), 1)
    await bundleButton.click()
    await page.getByRole('heading', { level: 2, name: 'The services of this application' }).waitFor()
    const parts = page.locator('.part')
    await parts.filter({ hasText: 'Register a birth' }).getByText('Being reviewed').waitFor()
    await parts.filter({ hasText: 'Birth benefit' }).getByText('Starts once this is done: Register a birth').waitFor()
    await expectAccessible(page, 'in-progress')

    // The office approves the registration; the benefit follows by the rules.
    const answers = (await findApplication(t.platform.store, mother, registration?.applicationId as string)).events[0]
      ?.data.answers as Record<string, unknown>
    await decide(engine.ports, engine.find('birth-registration'), registration?.applicationId as string, mother, {
      outcome: 'approve',
      actor: 'official:test',
      reason: null,
      answers,
    })
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('button', { name: /^eBaby: register a birth/ }).click()
    await parts.filter({ hasText: 'Birth benefit' }).getByText('Done').waitFor()
    await expectAccessible(page, 'decided')
    await page.getByRole('button', { name: 'Open the application: Birth benefit' }).click()
    await page.getByRole('heading', { level: 1, name: 'Birth benefit' }).waitFor()
    await page.getByText('41,280.00').or(page.getByText('UAH 41,280.00')).first().waitFor()
    await page.getByRole('button', { name: 'Part of the application “eBaby: register a birth”' }).click()
    await page.getByRole('heading', { level: 1, name: 'eBaby: register a birth' }).waitFor()
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('heading', { level: 1, name: 'My applications' }).waitFor()
    await context.close()
  })
})
