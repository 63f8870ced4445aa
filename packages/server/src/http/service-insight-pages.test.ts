import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { addOfficial } from '@polis/polis-id'
import { submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { officeDesk } from '../test/office-desk.ts'
import { portalSession } from '../test/sessions.ts'

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

const expectAccessible = accessibilityCheck('insight')

describe(`a citizen rates a service and the agency sees it, in headless Chromium on ${testEngine}`, () => {
  it('rates a decided application on a phone, once, and the office reads the totals at a desk', async () => {
    const engine = createServiceEngine(t.platform)
    const adults = t.citizens.filter(
      (c) => Date.parse('2026-06-01') - Date.parse(c.birthDate) > 20 * 365.25 * 86_400_000,
    )
    const citizen = adults[0] as (typeof adults)[number]
    const application = await submitApplication(engine.ports, {
      definition: engine.find('residence-registration'),
      citizenId: citizen.id,
      clientKey: `key-${randomUUID()}`,
      answers: {
        region: 'Київська область',
        locality_type: 'м.',
        locality: 'Бровари',
        street: 'вул. Київська',
        house_number: '7',
        postal_code: '07400',
        basis: 'owner',
      },
    })
    assert.equal(application.status, 'completed')

    const phoneContext = await browser.newContext({ ...phone, locale: 'en-GB' })
    await phoneContext.clock.setFixedTime(t.now())
    await phoneContext.addCookies([
      { name: 'polis_portal', value: await portalSession(t.platform.store, citizen.id, t.now()), url: t.origin },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const page = await phoneContext.newPage()
    await page.goto(`${t.origin}/applications/${application.id}`)
    const question = page.getByRole('group', { name: 'How easy was it to use this service?' })
    await question.waitFor()
    await expectAccessible(page, 'rating-asked')
    // Sent without a choice: said at the question.
    await page.getByRole('button', { name: 'Send your rating' }).click()
    await page.locator('.has-error').getByText('Choose a rating from 1 to 5.').waitFor()
    await question.getByRole('radio', { name: '4: Easy' }).check()
    await page.getByRole('button', { name: 'Send your rating' }).click()
    await page.getByRole('status').getByText('Thank you! You rated the service 4 out of 5.').waitFor()
    await expectAccessible(page, 'rating-given')
    assert.equal(await page.getByRole('button', { name: 'Send your rating' }).count(), 0, 'rated once')
    await phoneContext.close()

    // An official of the migration service, at a desk.
    const official = adults[1] as (typeof adults)[number]
    const roles = ['supervisor']
    await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: official.id, agency: 'migration-service', roles: ['supervisor'] },
      issuer: 'Polis Testland',
      now: t.now(),
    })
    const { context: desk, page: office } = await officeDesk(browser, {
      store: t.platform.store,
      origin: t.origin,
      now: t.now(),
      official: { citizenId: official.id, agency: 'migration-service', roles },
    })
    await office.goto(`${t.origin}/office?lang=en`)
    await office.getByRole('link', { name: 'Service insight' }).click()
    await office.getByRole('heading', { name: 'Service insight', level: 1 }).waitFor()
    const section = office.getByRole('region', { name: 'Register your address' })
    await section.getByText('4 out of 5 (ratings: 1)').waitFor()
    assert.match((await section.locator('dl.facts').textContent()) ?? '', /Submitted1Completed1Refused0Open0/)
    assert.equal(
      await section
        .getByRole('table', { name: 'Applications a week, oldest first' })
        .getByRole('cell')
        .last()
        .textContent(),
      '1',
    )
    await expectAccessible(office, 'office')
    await desk.close()

    // Nobody else reads it: without a session, the office's welcome.
    const stranger = await (await fetch(`${t.origin}/office/insight`, { redirect: 'manual' })).status
    assert.equal(stranger, 303)
  })
})
