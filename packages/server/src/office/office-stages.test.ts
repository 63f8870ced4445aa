import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { findApplication, submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { officeDesk } from '../test/office-desk.ts'
import { officeSession } from '../test/sessions.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 60, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('office-stages')
type Citizen = (typeof t.citizens)[number]

describe(`a case in stages at the office, in headless Chromium on ${testEngine}`, () => {
  it('a clerk checks a pension application and passes it on; another official decides it; the clerk may not do both', async () => {
    const engine = createServiceEngine(t.platform)
    const [citizen, clerk, decider, otherClerk] = t.citizens.filter(
      (c) => t.now().getTime() - Date.parse(c.birthDate) > 61 * 365.25 * 86_400_000,
    ) as [Citizen, Citizen, Citizen, Citizen]
    const submitted = await submitApplication(engine.ports, {
      definition: engine.find('pension-application'),
      citizenId: citizen.id,
      clientKey: `key-${randomUUID()}`,
      answers: {
        pension_kind: 'age',
        insurance_years: 38,
        still_working: 'no',
        pay_by: 'bank',
        iban: 'UA213052990000026007015012345',
      },
    })
    assert.equal(submitted.status, 'in-review')

    // The clerk also holds the decider's role: four eyes, not roles, keep them to one stage.
    const { context: desk, page } = await officeDesk(browser, {
      store: t.platform.store,
      origin: t.origin,
      now: t.now(),
      official: { citizenId: clerk.id, agency: 'pension-fund', roles: ['clerk', 'decider'] },
    })
    await page.goto(`${t.origin}/office?lang=en&role=mine`)
    const row = page.getByRole('row', { name: /Apply for a pension/ })
    await row.getByRole('cell', { name: 'Check the insurance record and documents' }).waitFor()
    await expectAccessible(page, 'queue-desk')
    await row.getByRole('link', { name: 'Apply for a pension' }).click()
    const stages = page.locator('ol.stages')
    await stages.locator('[aria-current="step"]').getByText('Check the insurance record and documents').waitFor()
    await page.getByRole('button', { name: 'Take this case' }).click()
    // At the check: passed on, refused or asked; not approved.
    assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0)
    await expectAccessible(page, 'check-desk')
    await page.getByLabel('Note or reason').fill('Insurance record matches: 38 years.')
    await page.getByRole('button', { name: 'Pass to the next stage' }).click()
    await stages.getByText(/passed by you/).waitFor()
    await stages.getByText('Insurance record matches: 38 years.').waitFor()
    await stages.locator('[aria-current="step"]').getByText('Decide the pension').waitFor()
    await page
      .getByText('You acted at an earlier stage of this case: another official acts at this one.')
      .first()
      .waitFor()
    assert.equal(await page.getByRole('button', { name: 'Take this case' }).count(), 0)
    await expectAccessible(page, 'passed-desk')

    // Taking it again, or approving it, is refused to the clerk: the page says why.
    const take = await page.request.post(`${t.origin}/office/cases/${submitted.id}/take?lang=en`, {
      headers: { origin: t.origin },
    })
    assert.match(await take.text(), /You acted at an earlier stage of this case/)
    const approve = await page.request.post(`${t.origin}/office/cases/${submitted.id}/decide?lang=en`, {
      headers: { origin: t.origin },
      form: { outcome: 'approve', reason: '' },
    })
    assert.equal(approve.status(), 400)
    assert.match(await approve.text(), /You acted at an earlier stage of this case/)
    // Their queue of cases waiting for their roles no longer holds it.
    await page.goto(`${t.origin}/office?lang=en&role=mine`)
    await page.getByText('No applications are waiting.').waitFor()
    await desk.close()

    // A clerk of the agency may not take it at the decision: it is a decider's.
    const { context: otherDesk, page: other } = await officeDesk(browser, {
      store: t.platform.store,
      origin: t.origin,
      now: t.now(),
      official: { citizenId: otherClerk.id, agency: 'pension-fund', roles: ['clerk'] },
    })
    await other.goto(`${t.origin}/office/cases/${submitted.id}?lang=en`)
    await other.getByText('This stage is for a decider.').waitFor()
    const taken = await other.request.post(`${t.origin}/office/cases/${submitted.id}/take?lang=en`, {
      headers: { origin: t.origin },
    })
    assert.equal(taken.status(), 403)
    await otherDesk.close()

    // The decider, on a phone, finds it waiting for their role and decides it.
    const phoneContext = await browser.newContext({ ...phone, locale: 'en-GB' })
    await phoneContext.clock.setFixedTime(t.now())
    const secret = await officeSession(
      t.platform.store,
      { citizenId: decider.id, agency: 'pension-fund', roles: ['decider'] },
      t.now(),
    )
    await phoneContext.addCookies([{ name: 'polis_office', value: secret, url: t.origin }])
    const onPhone = await phoneContext.newPage()
    await onPhone.goto(`${t.origin}/office?lang=en&role=mine`)
    await onPhone.getByText('Decide the pension').waitFor()
    await expectAccessible(onPhone, 'queue-phone')
    await onPhone.getByRole('link', { name: 'Apply for a pension' }).click()
    const clerkName = (await t.platform.store.db
      .selectFrom('persons')
      .select(['given_name', 'family_name'])
      .where('id', '=', clerk.id)
      .executeTakeFirstOrThrow()) as { given_name: string; family_name: string }
    await onPhone
      .locator('ol.stages')
      .getByText(`passed by ${clerkName.given_name} ${clerkName.family_name}`, { exact: false })
      .waitFor()
    await onPhone.getByRole('button', { name: 'Take this case' }).click()
    assert.equal(await onPhone.getByRole('button', { name: 'Pass to the next stage' }).count(), 0)
    await expectAccessible(onPhone, 'decide-phone')
    await onPhone.getByRole('button', { name: 'Approve' }).click()
    await onPhone.getByText('This case is decided.').waitFor()
    await expectAccessible(onPhone, 'decided-phone')
    await phoneContext.close()

    const view = await findApplication(t.platform.store, citizen.id, submitted.id)
    assert.equal(view.status, 'completed')
    assert.deepEqual(
      view.events.filter((e) => e.type === 'stage-passed' || e.type === 'decided').map((e) => [e.type, e.actor]),
      [
        ['stage-passed', `official:${clerk.id}`],
        ['decided', `official:${decider.id}`],
      ],
    )
  })
})
