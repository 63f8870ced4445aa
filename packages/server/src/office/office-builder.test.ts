import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import type { Browser, Locator } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
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

describe(`the builder's choices, limits, rules and messages, in headless Chromium on ${testEngine}`, () => {
  it('adds a choice question with options, help and limits, a rule through the visual editor, a raw rule refused in place, and a message', async () => {
    const { context, page: desk, secret } = await deskOf(8, agency)
    await desk.goto(`${t.origin}/office/services?lang=en`)
    await desk.getByLabel('Code of the new service').fill('street-fair-permit')
    await desk.getByRole('button', { name: 'Create a draft' }).click()
    await desk.getByRole('link', { name: 'Edit pages and questions' }).click()
    const first = desk.getByRole('region', { name: /Page 1/ })
    const three = async (scope: Locator, label: string, values: readonly [string, string, string]) => {
      for (const [i, language] of (['UK', 'EN', 'ET'] as const).entries()) {
        await scope.getByLabel(`${label} (${language})`).fill(values[i] as string)
      }
    }

    // A choice question, its options added, reworded and put in order.
    const adder = first.locator('details').filter({ hasText: 'Add a question to this page' })
    await adder.getByText('Add a question to this page').click()
    await adder.getByLabel('Identifier').fill('kind')
    await adder.getByLabel('Kind of answer').selectOption({ label: 'A choice of options' })
    await three(adder, 'Question', ['Вид заходу', 'Kind of event', 'Ürituse liik'])
    await adder.getByRole('button', { name: 'Add' }).click()
    const choices = first.locator('details').filter({ hasText: 'Choices: Kind of event' })
    await choices.getByText('Choices: Kind of event (0)').click()
    await choices.getByText('No choices yet').waitFor()
    for (const [value, labels] of [
      ['market', ['Ярмарок', 'Market', 'Laat']],
      ['concert', ['Концерт', 'Concert', 'Kontsert']],
    ] as const) {
      await choices.getByLabel('Value kept with the answer').fill(value)
      await three(choices, 'New choice', labels)
      await choices.getByRole('button', { name: 'Add the choice' }).click()
    }
    // A value twice is refused in the choices, which stay open with what was typed.
    await choices.getByLabel('Value kept with the answer').fill('market')
    await three(choices, 'New choice', ['Ще', 'Again', 'Jälle'])
    await choices.getByRole('button', { name: 'Add the choice' }).click()
    await choices.getByRole('alert').getByText('a choice market is there already').waitFor()
    assert.equal(await choices.getByLabel('New choice (EN)').inputValue(), 'Again')
    await choices.getByRole('button', { name: 'Move up: Concert' }).click()
    await choices.getByText('Reword: Market').click()
    await three(choices.locator('details').filter({ hasText: 'Reword: Market' }), 'Choice', [
      'Вуличний ярмарок',
      'Street market',
      'Tänavalaat',
    ])
    await choices.locator('details').filter({ hasText: 'Reword: Market' }).getByRole('button', { name: 'Save' }).click()
    await choices.getByText('Reword: Street market').waitFor()
    await expectAccessible(desk, 'choices')

    // Help and limits of the first question; a bad regular expression refused at its field.
    const limits = first.locator('details').filter({ hasText: 'Help and limits: answer' })
    await limits.getByText('Help and limits: answer').click()
    await three(limits, 'Help under the question', ['Як на афіші', 'As on the poster', 'Nagu plakatil'])
    await limits.getByLabel('Longest answer').fill('80')
    await limits.getByLabel('Pattern the whole answer').fill('[A-Za-z ')
    await limits.getByRole('button', { name: 'Save' }).click()
    const pattern = limits.getByLabel('Pattern the whole answer')
    await limits
      .getByRole('alert')
      .getByText(/pattern: not a regular expression/)
      .waitFor()
    assert.equal(await pattern.inputValue(), '[A-Za-z ', 'what was typed stays to be put right')
    assert.match((await pattern.getAttribute('aria-describedby')) ?? '', /limits-problem/)
    await expectAccessible(desk, 'limits-refused')
    await pattern.fill('[A-Za-z ]+')
    await limits.getByRole('button', { name: 'Save' }).click()

    // A file question: the plan of the site, a PDF of at most 2 MB; no kind at all is refused.
    await adder.getByText('Add a question to this page').click()
    await adder.getByLabel('Identifier').fill('site_plan')
    await adder.getByLabel('Kind of answer').selectOption({ label: 'A file to upload' })
    await three(adder, 'Question', ['План місця', 'Plan of the site', 'Asukoha plaan'])
    await adder.getByRole('button', { name: 'Add' }).click()
    const files = first.locator('details').filter({ hasText: 'Files taken: Plan of the site' })
    await files.getByText('Files taken: Plan of the site').click()
    for (const kind of ['PDF', 'JPEG image', 'PNG image']) await files.getByLabel(kind).uncheck()
    await files.getByRole('button', { name: 'Save' }).click()
    await files.getByRole('alert').getByText('(accept: tick at least one kind of file)').waitFor()
    await expectAccessible(desk, 'file-refused')
    await files.getByLabel('PDF').check()
    await files.getByLabel('Largest file in MB').fill('2')
    await files.getByRole('button', { name: 'Save' }).click()
    await files.getByLabel('PDF').waitFor()

    // Who may apply: a rule through the visual editor.
    const eligibility = desk.getByRole('region', { name: 'Who may apply' })
    const addRule = eligibility.locator('details').filter({ hasText: 'Add a rule' })
    await addRule.getByText('Add a rule').click()
    await three(addRule, 'Message when it does not hold', [
      'Від 18 років',
      'From the age of 18',
      'Alates 18. eluaastast',
    ])
    await addRule.getByLabel('Comparison 1: what').selectOption({ label: 'The applicant’s age' })
    await addRule.getByLabel('Comparison 1: how').selectOption({ label: 'at least' })
    await addRule.getByLabel('Comparison 1: value').fill('18')
    await addRule.getByRole('button', { name: 'Save from the visual editor' }).click()
    await eligibility.getByText('From the age of 18').waitFor()
    await eligibility.getByText(/The applicant’s age at least/).waitFor()

    // A raw rule with an operator the engine does not know, then one reading no question: refused with their paths.
    await addRule.getByText('Add a rule').click()
    await three(addRule, 'Message when it does not hold', ['Лише ярмарок', 'Markets only', 'Ainult laadad'])
    const raw = addRule.getByLabel('The rule as JSON Logic')
    await raw.fill('{"like": [{"var": "answers.kind"}, "market"]}')
    await addRule.getByRole('button', { name: 'Save the JSON Logic' }).click()
    await addRule.getByRole('alert').getByText('eligibility[1].rule: unknown operator like').waitFor()
    assert.equal(await raw.inputValue(), '{"like": [{"var": "answers.kind"}, "market"]}')
    assert.equal(await raw.getAttribute('aria-invalid'), 'true')
    await expectAccessible(desk, 'rule-refused')
    await raw.fill('{"==": [{"var": "answers.kinds"}, "market"]}')
    await addRule.getByRole('button', { name: 'Save the JSON Logic' }).click()
    await addRule
      .getByRole('alert')
      .getByText('eligibility[1].rule.==[0].var: reads answers.kinds, which no question asks for')
      .waitFor()
    await raw.fill('{"==": [{"var": "answers.kind"}, "market"]}')
    await addRule.getByRole('button', { name: 'Save the JSON Logic' }).click()
    await eligibility.getByText('Markets only').waitFor()

    // Decided by the rules: a concert refused, otherwise an official.
    const decides = desk.getByRole('region', { name: 'Who decides' })
    await decides.getByLabel('The rules, at once').check()
    await decides.getByRole('button', { name: 'Save' }).click()
    const deciding = desk.getByRole('region', { name: 'Rules that decide' })
    const addDecision = deciding.locator('details').filter({ hasText: 'Add a rule' })
    await addDecision.getByText('Add a rule').click()
    await three(addDecision, 'Reason told to the citizen', [
      'Концерти погоджує мерія',
      'Concerts are agreed with the city hall',
      'Kontserdid kooskõlastab linnavalitsus',
    ])
    await addDecision.getByLabel('Comparison 1: what').selectOption({ label: 'Answer: Kind of event' })
    // A choice is compared with one of its values: a word that is none is refused in place.
    await addDecision.getByLabel('Comparison 1: value').fill('Concert')
    await addDecision.getByRole('button', { name: 'Save from the visual editor' }).click()
    await addDecision.getByRole('alert').getByText('Concert is not a choice of kind (concert, market)').waitFor()
    await addDecision.getByLabel('Comparison 1: value').fill('concert')
    await addDecision.getByRole('button', { name: 'Save from the visual editor' }).click()
    await deciding.getByText('Concerts are agreed with the city hall').waitFor()
    await deciding.getByLabel('an official decides').check()
    await deciding.getByRole('button', { name: 'Save', exact: true }).click()

    // The message in the inbox when it is approved.
    const messages = desk.getByRole('region', { name: 'Messages to the citizen’s inbox' })
    await three(messages, 'When it is approved', [
      'Ваш дозвіл готовий.',
      'Your permit is ready.',
      'Teie luba on valmis.',
    ])
    await messages.getByRole('button', { name: 'Save the message: When it is approved' }).click()
    await desk.getByRole('heading', { name: /Pages and questions/ }).waitFor()
    await expectAccessible(desk, 'rules')

    const [stored] = await t.platform.store.db
      .selectFrom('service_versions')
      .select('definition')
      .where('code', '=', 'street-fair-permit')
      .execute()
    const definition = JSON.parse(stored?.definition as string)
    const [answer, kind, plan] = definition.pages[0].fields
    assert.deepEqual([plan.accept, plan.maxBytes], [['application/pdf'], 2 * 1024 * 1024])
    assert.deepEqual(
      kind.options.map((o: { value: string; label: { en: string } }) => [o.value, o.label.en]),
      [
        ['concert', 'Concert'],
        ['market', 'Street market'],
      ],
    )
    assert.deepEqual([answer.help.en, answer.maxLength, answer.pattern], ['As on the poster', 80, '[A-Za-z ]+'])
    assert.deepEqual(
      definition.eligibility.map((e: { rule: unknown }) => e.rule),
      [{ '>=': [{ var: 'applicant.age' }, 18] }, { '==': [{ var: 'answers.kind' }, 'market'] }],
    )
    assert.deepEqual(definition.decision, {
      by: 'rules',
      rules: [
        {
          when: { '==': [{ var: 'answers.kind' }, 'concert'] },
          outcome: 'reject',
          reason: {
            uk: 'Концерти погоджує мерія',
            en: 'Concerts are agreed with the city hall',
            et: 'Kontserdid kooskõlastab linnavalitsus',
          },
        },
      ],
      otherwise: 'official',
    })
    assert.equal(definition.notifications.approved.et, 'Teie luba on valmis.')

    // The same page on a phone: every form reachable, nothing wider than the screen.
    const phoneContext = await browser.newContext({ ...phone, locale: 'en-GB' })
    await phoneContext.addCookies([{ name: 'polis_office', value: secret, url: t.origin }])
    const small = await phoneContext.newPage()
    await small.goto(`${t.origin}/office/services/street-fair-permit/1/builder?lang=en`)
    await small.getByRole('region', { name: 'Who may apply' }).getByText('Change: Rule 1').click()
    assert.ok(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))
    await expectAccessible(small, 'phone')
    await phoneContext.close()
    await context.close()
  })
})
