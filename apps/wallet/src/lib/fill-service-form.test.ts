import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { answersToSend, checkPage, type Draft, questionPages, shownPages } from './fill-service-form.ts'
import { withItemOptions } from './payable-items.ts'
import {
  portalOnlyReason,
  readServiceDefinition,
  readServiceForm,
  type ServiceDefinition,
  type ServiceForm,
  withFormOptions,
} from './service-definition.ts'

const catalogue = new URL('../../../../packages/services/catalogue/', import.meta.url)
const definitions = readdirSync(catalogue)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({
    name,
    json: JSON.parse(readFileSync(new URL(name, catalogue), 'utf8')) as Record<string, unknown>,
  }))

function definition(code: string): ServiceDefinition {
  const found = definitions.find((d) => d.json.code === code)
  const read = readServiceDefinition(found?.json)
  assert.ok(read, `${code} is read`)
  return read
}

/** The form endpoint's answer when the server applied no condition of its own. */
const open = (d: ServiceDefinition, more: Partial<ServiceForm> = {}): ServiceForm => ({
  eligible: true,
  reasons: [],
  prefilled: {},
  options: {},
  fields: d.pages.flatMap((p) => p.fields.filter((f) => f.condition === undefined).map((f) => f.id)),
  ...more,
})

const ids = (pages: ReturnType<typeof shownPages>) => pages.flatMap((p) => p.questions.map((f) => f.id))

describe('a service form on the phone', () => {
  it('reads every definition of the catalogue, and sends to the portal those it cannot ask', () => {
    assert.ok(definitions.length > 10)
    for (const { name, json } of definitions) {
      const read = readServiceDefinition(json)
      assert.ok(read, `${name} is read`)
      const fields = read.pages.flatMap((p) => p.fields)
      const written = (json.pages as Array<{ fields: unknown[] }> | undefined) ?? []
      assert.equal(fields.length, written.flatMap((p) => p.fields).length, `${name}: every field is read`)
    }
    // Fees are paid, items owed are chosen and files uploaded in the wallet.
    for (const code of ['appeal', 'foreign-passport-application', 'traffic-fines', 'driver-licence-renewal']) {
      assert.equal(portalOnlyReason(definition(code)), undefined, code)
    }
    const files = definition('driver-licence-renewal')
      .pages.flatMap((p) => p.fields)
      .find((f) => f.type === 'file')
    assert.deepEqual([files?.accept, files?.maxBytes], [['application/pdf', 'image/jpeg', 'image/png'], 5242880])
  })

  it('asks a field once the answer it depends on is given (appeal: e-mail only if wanted)', () => {
    const appeal = definition('appeal')
    const form = open(appeal)
    // The optional file is asked on the phone too.
    assert.deepEqual(ids(shownPages(appeal, form, {})), ['subject', 'text', 'attachment', 'answer_by_email'])
    assert.deepEqual(ids(shownPages(appeal, form, { answer_by_email: true })), [
      'subject',
      'text',
      'attachment',
      'answer_by_email',
      'email',
    ])
    const draft: Draft = { subject: ' Lights ', text: 'x'.repeat(25), answer_by_email: false, email: 'a@b.ee' }
    // The e-mail typed before saying no is not sent.
    assert.deepEqual(answersToSend(shownPages(appeal, form, draft), draft), {
      subject: 'Lights',
      text: 'x'.repeat(25),
      answer_by_email: false,
    })
  })

  it('shows what the registries know instead of asking it, and asks it when they know nothing', () => {
    const registration = definition('residence-registration')
    const known = shownPages(
      registration,
      open(registration, { prefilled: { current_address: 'Kyiv, Khreshchatyk 1' } }),
      {},
    )
    assert.deepEqual(
      known[0]?.known.map((k) => [k.field.id, k.value]),
      [['current_address', 'Kyiv, Khreshchatyk 1']],
    )
    assert.equal(questionPages(known)[0]?.page.id, 'new_address', 'a page of known facts only is not stepped through')
    const unknown = shownPages(registration, open(registration), {})
    assert.deepEqual(
      unknown[0]?.questions.map((f) => f.id),
      ['current_address'],
    )
  })

  it('follows a page condition on registry data as the server found it (pension: only without a pension)', () => {
    const pension = definition('pension-application')
    const form = open(pension)
    const conditioned = pension.pages.find((p) => p.condition !== undefined)
    assert.ok(conditioned)
    const withPage = shownPages(pension, form, {}).map((p) => p.page.id)
    assert.ok(withPage.includes(conditioned.id))
    const without = { ...form, fields: form.fields.filter((id) => !conditioned.fields.some((f) => f.id === id)) }
    assert.ok(!shownPages(pension, without, {}).some((p) => p.page.id === conditioned.id))
  })

  it('checks a page and types the answers: numbers as numbers', () => {
    const tax = definition('income-tax-return')
    const form = open(tax)
    const pages = shownPages(tax, form, {})
    const first = questionPages(pages)[0]
    assert.ok(first)
    const problems = checkPage(first, {})
    assert.ok(problems.length > 0)
    assert.ok(
      problems.every(
        (p) => ['answerRequired', 'answerYesNo', 'answerChoice'].includes(p.problem.key) || !p.field.required,
      ),
    )
    const income = tax.pages.flatMap((p) => p.fields).find((f) => f.type === 'number')
    assert.ok(income)
    const draft: Draft = { [income.id]: '1 200' }
    const sent = answersToSend(shownPages(tax, form, draft), draft)
    assert.equal(sent[income.id], 1200)
  })

  it('accepts on the phone the example answers of every service it asks', () => {
    for (const { json } of definitions) {
      const read = readServiceDefinition(json)
      const example = (json.example as { answers?: Record<string, unknown> } | undefined)?.answers
      if (!read || !example || portalOnlyReason(read)) continue
      const draft: Draft = Object.fromEntries(
        Object.entries(example).map(([id, value]) => [
          id,
          value === 'yes' || value === 'true'
            ? true
            : value === 'no' || value === 'false'
              ? false
              : typeof value === 'boolean'
                ? value
                : String(value),
        ]),
      )
      const form = open(read, {
        fields: read.pages.flatMap((p) => p.fields.map((f) => f.id)),
        prefilled: Object.fromEntries(
          read.pages.flatMap((p) => p.fields.filter((f) => f.prefill).map((f) => [f.id, 'known'])),
        ),
      })
      for (const page of questionPages(shownPages(read, form, draft))) {
        // An item owed is listed by the server, and a file uploaded: an example has neither.
        const typed = checkPage(page, draft).filter((p) => p.field.type !== 'item' && p.field.type !== 'file')
        assert.deepEqual(
          typed.map((p) => `${p.field.id}: ${p.problem.key}`),
          [],
          `${read.code}, page ${page.page.id}`,
        )
      }
    }
  })

  it('asks a select of the applicant own records once the server listed them, else sends to the portal', () => {
    const label = { uk: 'Авто', en: 'Vehicle', et: 'Sõiduk' }
    const sale = readServiceDefinition({
      code: 'vehicle-sale',
      name: label,
      summary: label,
      decision: { by: 'rules' },
      pages: [
        {
          id: 'vehicle',
          title: label,
          fields: [
            {
              id: 'vehicle',
              type: 'select',
              label,
              optionsFrom: { records: 'records.vehicles.vehicle', value: 'vin', label: ['plate', 'make'] },
            },
          ],
        },
      ],
    })
    assert.ok(sale)
    assert.equal(portalOnlyReason(sale), 'unsupported')
    const form = readServiceForm({
      eligible: true,
      reasons: [],
      prefilled: {},
      fields: ['vehicle'],
      options: { vehicle: [{ value: 'VIN1', label: 'AA1234BB Škoda' }, { value: 2 }] },
    })
    assert.ok(form)
    const listed = withFormOptions(sale, form)
    assert.equal(portalOnlyReason(listed), undefined)
    const field = listed.pages[0]?.fields[0]
    assert.deepEqual(field?.options, [
      { value: 'VIN1', label: { uk: 'AA1234BB Škoda', en: 'AA1234BB Škoda', et: 'AA1234BB Škoda' } },
    ])
    const page = questionPages(shownPages(listed, form, {}))[0]
    assert.ok(page)
    assert.deepEqual(
      checkPage(page, { vehicle: 'VIN2' }).map((p) => p.problem.key),
      ['answerChoice'],
    )
    assert.deepEqual(checkPage(page, { vehicle: 'VIN1' }), [])
  })

  it('offers the items the register lists, with their amounts, and asks a file as an upload', () => {
    const fines = withItemOptions(
      definition('traffic-fines'),
      {
        fine: [
          {
            id: 'f1',
            amount: 34000,
            currency: 'UAH',
            description: 'Speeding',
            number: 'AB-1',
            dueDate: '2026-06-30',
            details: [],
          },
        ],
      },
      { uk: 'uk-UA', en: 'en-GB', et: 'et-EE' },
    )
    const page = questionPages(shownPages(fines, open(fines), {}))[0]
    assert.ok(page)
    // Intl keeps the currency and the number together with a no-break space.
    assert.equal(page.questions[0]?.options?.[0]?.label.en, 'Speeding — UAH\u00a0340.00')
    assert.deepEqual(
      checkPage(page, {}).map((p) => p.problem.key),
      ['answerChoice'],
    )
    assert.deepEqual(
      checkPage(page, { fine: 'someone-else' }).map((p) => p.problem.key),
      ['answerChoice'],
    )
    assert.deepEqual(checkPage(page, { fine: 'f1' }), [])

    const renewal = definition('driver-licence-renewal')
    const medical = questionPages(shownPages(renewal, open(renewal), {})).find((p) => p.page.id === 'medical')
    assert.ok(medical)
    assert.deepEqual(
      checkPage(medical, { medical_number: 'AB12-CD34-EF56-GH78', medical_date: '2026-05-20' }).map(
        (p) => `${p.field.id}: ${p.problem.key}`,
      ),
      ['medical_certificate: answerFile'],
    )
    const draft: Draft = {
      medical_number: 'AB12-CD34-EF56-GH78',
      medical_date: '2026-05-20',
      medical_certificate: 'u1',
    }
    assert.deepEqual(checkPage(medical, draft), [])
    assert.equal(answersToSend([medical], draft).medical_certificate, 'u1')
  })
})
