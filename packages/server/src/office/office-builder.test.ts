import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser } from '../test/launch-browser.ts'
import { officeDesk } from '../test/office-desk.ts'

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

const expectAccessible = accessibilityCheck('builder')
const agency = 'state-chancellery'

/** A service designer of the agency at a desk. */
const deskOf = (index: number, at: string) =>
  officeDesk(browser, {
    store: t.platform.store,
    origin: t.origin,
    now: t.now(),
    official: {
      citizenId: (t.citizens[index] as (typeof t.citizens)[number]).id,
      agency: at,
      roles: ['service-designer'],
    },
  })

describe(`the service builder in the office, in headless Chromium on ${testEngine}`, () => {
  it('builds pages and questions of a new service, says what it lacks, and refuses a stale change', async () => {
    const { context, page: desk, secret } = await deskOf(5, agency)
    await desk.goto(`${t.origin}/office/services?lang=en`)
    await desk.getByLabel('Code of the new service').fill('street-event-permit')
    await desk.getByRole('button', { name: 'Create a draft' }).click()
    await desk.getByRole('link', { name: 'Edit pages and questions' }).click()
    await desk.getByRole('heading', { name: 'street-event-permit: Pages and questions' }).waitFor()

    // A second page, "Where", with two questions; the second moved up.
    const addPage = desk.getByRole('region', { name: 'Add a page' })
    await addPage.getByLabel('Identifier').fill('place')
    await addPage.getByLabel('Title (UK)').fill('Де')
    await addPage.getByLabel('Title (EN)').fill('Where')
    await addPage.getByLabel('Title (ET)').fill('Kus')
    await addPage.getByRole('button', { name: 'Add' }).click()
    const place = desk.getByRole('region', { name: /Page 2: Where/ })
    const addQuestion = async (id: string, type: string, labels: [string, string, string], required: boolean) => {
      const adder = place.locator('details').filter({ hasText: 'Add a question to this page' })
      await adder.getByText('Add a question to this page').click()
      await adder.getByLabel('Identifier').fill(id)
      await adder.getByLabel('Kind of answer').selectOption({ label: type })
      await adder.getByLabel('Question (UK)').fill(labels[0])
      await adder.getByLabel('Question (EN)').fill(labels[1])
      await adder.getByLabel('Question (ET)').fill(labels[2])
      if (!required) await adder.getByLabel('An answer is required').uncheck()
      await adder.getByRole('button', { name: 'Add' }).click()
    }
    await addQuestion('street', 'Short text', ['Вулиця', 'Street', 'Tänav'], true)
    await addQuestion('closed', 'Yes or no', ['Перекрити рух?', 'Close it to cars?', 'Suletakse autodele?'], false)
    await place.getByRole('button', { name: 'Move up: Close it to cars?' }).click()
    assert.deepEqual(await place.getByRole('listitem').locator('code').allTextContents(), ['closed', 'street'])
    // The same identifier twice is refused on its page, in place.
    await addQuestion('street', 'Short text', ['Вулиця', 'Street', 'Tänav'], true)
    await place
      .getByRole('alert')
      .getByText(/a question street is there already/)
      .waitFor()
    await expectAccessible(desk, 'pages')
    // What the draft still lacks before it can be published, with its place.
    await desk.getByText('name.uk').first().waitFor()

    // Another designer saves meanwhile: this page's next change is refused, not lost.
    const stale = await desk.locator('input[name="revision"]').first().inputValue()
    const other = await t.app.request('/office/services/street-event-permit/1/builder', {
      method: 'POST',
      headers: {
        cookie: `polis_office=${secret}`,
        'content-type': 'application/x-www-form-urlencoded',
        origin: t.origin,
      },
      body: new URLSearchParams({ revision: stale, action: 'remove-field', page: 'place', field: 'closed' }).toString(),
    })
    assert.equal(other.status, 303)
    await place.getByRole('button', { name: 'Remove: Street' }).click()
    await desk.getByRole('alert').getByText('Someone else changed this draft').waitFor()
    assert.deepEqual(
      await desk
        .getByRole('region', { name: /Page 2: Where/ })
        .getByRole('listitem')
        .locator('code')
        .allTextContents(),
      ['street'],
      'the other change stands, this one was not made',
    )
    await context.close()
  })

  it('sets what the service is, a prefilled question, a page asked on a yes, the fee and who decides', async () => {
    const { context, page: desk } = await deskOf(7, agency)
    await desk.goto(`${t.origin}/office/services?lang=en`)
    await desk.getByLabel('Code of the new service').fill('street-market-permit')
    await desk.getByRole('button', { name: 'Create a draft' }).click()
    await desk.getByRole('link', { name: 'Edit pages and questions' }).click()

    const about = desk.getByRole('region', { name: 'About the service' })
    for (const [label, values] of [
      ['Name', ['Дозвіл на ярмарок', 'Street market permit', 'Tänavaturu luba']],
      [
        'What it does, in a sentence',
        ['Проведіть ярмарок на вулиці.', 'Hold a market on a street.', 'Korraldage tänaval turg.'],
      ],
    ] as const) {
      for (const [i, language] of (['UK', 'EN', 'ET'] as const).entries()) {
        await about.getByLabel(`${label} (${language})`).fill(values[i] as string)
      }
    }
    await about.getByLabel('Category').selectOption('civic')
    await about.getByRole('button', { name: 'Save' }).click()
    await desk.getByRole('heading', { name: 'Street market permit: Pages and questions' }).waitFor()

    // The first page's question: the organiser's address, from the registries.
    const first = desk.getByRole('region', { name: /Page 1/ })
    await first.getByLabel('Filled in from the registries: answer').selectOption('person.address.formatted')
    await first.getByRole('button', { name: 'Save' }).click()
    // A yes-or-no on the first page; a second page asked only on a yes.
    const adder = first.locator('details').filter({ hasText: 'Add a question to this page' })
    await adder.getByText('Add a question to this page').click()
    await adder.getByLabel('Identifier').fill('closed')
    await adder.getByLabel('Kind of answer').selectOption({ label: 'Yes or no' })
    for (const [language, label] of [
      ['UK', 'Перекрити рух?'],
      ['EN', 'Close it to cars?'],
      ['ET', 'Suletakse autodele?'],
    ] as const) {
      await adder.getByLabel(`Question (${language})`).fill(label)
    }
    await adder.getByRole('button', { name: 'Add' }).click()
    // The blank first page gets its title, and its first question its words.
    const rename = first.locator('details').filter({ hasText: 'Change the title' })
    await rename.getByText('Change the title').click()
    for (const [language, title] of [
      ['UK', 'Ярмарок'],
      ['EN', 'The market'],
      ['ET', 'Turg'],
    ] as const) {
      await rename.getByLabel(`Title (${language})`).fill(title)
    }
    await rename.getByRole('button', { name: 'Save' }).click()
    const market = desk.getByRole('region', { name: /Page 1: The market/ })
    const relabel = market.locator('details').filter({ hasText: 'Change the question: answer' })
    await relabel.getByText('Change the question: answer').click()
    for (const [language, label] of [
      ['UK', 'Адреса організатора'],
      ['EN', 'The organiser’s address'],
      ['ET', 'Korraldaja aadress'],
    ] as const) {
      await relabel.getByLabel(`Question (${language})`).fill(label)
    }
    await relabel.getByRole('button', { name: 'Save' }).click()
    await market.getByText('The organiser’s address').first().waitFor()
    const addPage = desk.getByRole('region', { name: 'Add a page' })
    await addPage.getByLabel('Identifier').fill('traffic')
    for (const [language, title] of [
      ['UK', 'Рух транспорту'],
      ['EN', 'Traffic'],
      ['ET', 'Liiklus'],
    ] as const) {
      await addPage.getByLabel(`Title (${language})`).fill(title)
    }
    await addPage.getByRole('button', { name: 'Add' }).click()
    const traffic = desk.getByRole('region', { name: /Page 2: Traffic/ })
    await traffic.getByLabel('Asked only when').selectOption({ label: 'Close it to cars?: yes' })
    await traffic.getByRole('button', { name: 'Save' }).click()

    const fee = desk.getByRole('region', { name: 'Fee' })
    await fee.getByLabel('Amount (0 for none)').fill('85,50')
    await fee.getByRole('button', { name: 'Save' }).click()
    const decides = desk.getByRole('region', { name: 'Who decides' })
    await decides.getByLabel('Days an official has to decide').fill('10')
    await decides.getByRole('button', { name: 'Save' }).click()
    await expectAccessible(desk, 'basics')

    const [stored] = await t.platform.store.db
      .selectFrom('service_versions')
      .select('definition')
      .where('code', '=', 'street-market-permit')
      .execute()
    const definition = JSON.parse(stored?.definition as string)
    assert.equal(definition.name.en, 'Street market permit')
    assert.equal(definition.pages[0].title.en, 'The market')
    assert.equal(definition.pages[0].fields[0].label.et, 'Korraldaja aadress')
    assert.equal(definition.pages[0].fields[0].prefill, 'person.address.formatted')
    assert.deepEqual(definition.pages[1].condition, { '==': [{ var: 'answers.closed' }, true] })
    assert.deepEqual(definition.fee, { amount: 8550, currency: 'UAH' })
    assert.deepEqual(definition.decision, { by: 'official', deadlineDays: 10 })
    await context.close()
  })

  it('previews a page of a complete version as the citizen sees it, prefilled from the registries', async () => {
    const { context, page: desk, secret } = await deskOf(6, 'migration-service')
    const live = (await (await t.app.request('/api/services')).json()) as Array<{ code: string; version: number }>
    const version = live.find((s) => s.code === 'residence-registration')?.version
    await desk.goto(`${t.origin}/office/services/residence-registration/${version}/builder?lang=en`)
    await desk.getByRole('link', { name: 'Preview this page' }).first().click()
    await desk.getByRole('heading', { name: /^Preview/ }).waitFor()
    // The current address comes from the register, for the citizen chosen.
    const shown = desk.locator('.preview dd').first()
    await shown.waitFor()
    assert.ok(((await shown.textContent()) ?? '').length > 10)
    await expectAccessible(desk, 'preview')
    // Another agency's service does not exist here.
    const other = await t.app.request('/office/services/appeal/1/builder', {
      headers: { cookie: `polis_office=${secret}` },
    })
    assert.equal(other.status, 404)
    await context.close()
  })
})
