import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { getServiceVersion } from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser, Page } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { officeDesk } from '../test/office-desk.ts'
import { officeSession } from '../test/sessions.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 10, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('builder-stages')
const agency = 'state-chancellery'
const designer = () => ({
  citizenId: (t.citizens[6] as (typeof t.citizens)[number]).id,
  agency,
  roles: ['service-designer'],
})

async function addStage(page: Page, id: string, names: [string, string, string], role: string) {
  const stages = page.getByRole('region', { name: 'Stages and who acts' })
  const adder = stages.locator('details').filter({ hasText: 'Add a stage' })
  await adder.getByText('Add a stage').click()
  await adder.getByLabel('Identifier').fill(id)
  await adder.getByLabel('Name (UK)').fill(names[0])
  await adder.getByLabel('Name (EN)').fill(names[1])
  await adder.getByLabel('Name (ET)').fill(names[2])
  await adder.getByLabel('Who acts').selectOption({ label: role })
  await adder.getByRole('button', { name: 'Add' }).click()
}

describe(`stages and who acts in the service builder, in headless Chromium on ${testEngine}`, () => {
  it('adds a clerk’s check and a decider’s decision, refuses a cycle in place, reorders and removes a stage', async () => {
    const { context, page } = await officeDesk(browser, {
      store: t.platform.store,
      origin: t.origin,
      now: t.now(),
      official: designer(),
    })
    await page.goto(`${t.origin}/office/services?lang=en`)
    await page.getByLabel('Code of the new service').fill('staged-permit')
    await page.getByRole('button', { name: 'Create a draft' }).click()
    await page.getByRole('link', { name: 'Edit pages and questions' }).click()
    const stages = page.getByRole('region', { name: 'Stages and who acts' })
    await stages.getByText('No stages: decided in one step.').waitFor()

    await addStage(page, 'check', ['Перевірка документів', 'Check the documents', 'Dokumentide kontroll'], 'clerk')
    await addStage(page, 'approve', ['Рішення', 'Decide', 'Otsus'], 'decider')
    await addStage(page, 'sign', ['Підпис керівника', 'Sign off', 'Juhi allkiri'], 'supervisor')
    assert.deepEqual(await stages.locator('ol.stage-list > li > code').allTextContents(), ['check', 'approve', 'sign'])
    await stages.getByText(/supervisor · after the stage before it · decides/).waitFor()

    // The check made to come after the decision, which comes after it: a cycle, refused in its form.
    const change = stages.locator('details').filter({ hasText: 'Change: Check the documents' })
    await change.getByText('Change: Check the documents').click()
    await change.getByLabel('Name (EN)').fill('Check the papers')
    await change.getByLabel('Decide').check()
    await change.getByRole('button', { name: 'Save' }).click()
    const refused = stages.locator('details[open]').filter({ hasText: 'Change: Check the documents' })
    await refused
      .getByRole('alert')
      .getByText(/a cycle: check → approve → check/)
      .waitFor()
    // What was typed is kept, and nothing was saved.
    assert.equal(await refused.getByLabel('Name (EN)').inputValue(), 'Check the papers')
    assert.equal(await refused.getByLabel('Decide').isChecked(), true)
    await expectAccessible(page, 'cycle-refused')

    // The sign-off moved before the decision, then removed: the decider decides last.
    await stages.getByRole('button', { name: 'Move up: Sign off' }).click()
    assert.deepEqual(await stages.locator('ol.stage-list > li > code').allTextContents(), ['check', 'sign', 'approve'])
    await stages.getByRole('button', { name: 'Remove: Sign off' }).click()
    assert.deepEqual(await stages.locator('ol.stage-list > li > code').allTextContents(), ['check', 'approve'])
    await expectAccessible(page, 'stages')
    const saved = await getServiceVersion(t.platform.store.db, { code: 'staged-permit', version: 1 })
    assert.deepEqual((saved.definition as { decision: unknown }).decision, {
      by: 'official',
      deadlineDays: 30,
      stages: [
        {
          id: 'check',
          name: { uk: 'Перевірка документів', en: 'Check the documents', et: 'Dokumentide kontroll' },
          role: 'clerk',
        },
        { id: 'approve', name: { uk: 'Рішення', en: 'Decide', et: 'Otsus' }, role: 'decider' },
      ],
    })
    // Nothing about the stages is lacking before publishing.
    assert.equal(await page.getByText('decision.stages').count(), 0)
    await context.close()

    // On a phone, the same section.
    const phoneContext = await browser.newContext({ ...phone, locale: 'en-GB' })
    await phoneContext.clock.setFixedTime(t.now())
    const secret = await officeSession(t.platform.store, designer(), t.now())
    await phoneContext.addCookies([{ name: 'polis_office', value: secret, url: t.origin }])
    const onPhone = await phoneContext.newPage()
    await onPhone.goto(`${t.origin}/office/services/staged-permit/1/builder?lang=en#stages`)
    await onPhone.getByRole('heading', { name: 'Stages and who acts' }).waitFor()
    await expectAccessible(onPhone, 'phone')
    await phoneContext.close()
  })
})
