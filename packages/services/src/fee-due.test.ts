import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { checkAnswers } from './answers.ts'
import { loadCatalogue } from './catalogue.ts'
import { checkDefinition, parseDefinition, type ServiceDefinition } from './definition.ts'
import { feeDue, itemsDue } from './fee-due.ts'
import { applyRule, type RuleData } from './rules.ts'

const text = (en: string) => ({ uk: en, en, et: en })
const payFine = {
  code: 'pay-a-fine',
  version: 1,
  name: text('Pay a fine'),
  summary: text('Pay it'),
  category: 'transport',
  agency: 'transport-service',
  data: [{ registry: 'police-fines', kind: 'traffic-fine' }],
  pages: [
    {
      id: 'fine',
      title: text('Fine'),
      fields: [{ id: 'fine', type: 'item', items: 'records.police-fines.traffic-fine', label: text('Which fine?') }],
    },
  ],
  fee: { item: 'fine' },
  decision: { by: 'payment' },
  outputs: [
    {
      type: 'registry-update',
      registry: 'police-fines',
      operation: 'record-payment',
      values: { item: 'answers.fine', payment: 'payment.id', amount: 'payment.amount' },
    },
  ],
}
const fines = [
  { id: 'debt-1', number: 'ЕНА 1', description: 'Speeding', amount: 34_000, currency: 'UAH', status: 'due' },
  { id: 'debt-2', number: 'ЕНА 2', description: 'Red light', amount: 51_000, currency: 'UAH', status: 'paid' },
  { id: 'debt-3', number: 'ЕНА 3', description: 'Seat belt', amount: 51_000, currency: 'UAH', status: 'due' },
]
const data: Omit<RuleData, 'answers'> = {
  person: {},
  records: { 'police-fines': { 'traffic-fine': fines } },
  applicant: { age: 40, citizen_id: 'c1' },
  today: '2026-06-01',
}

describe('what a pay service charges', () => {
  const definition = parseDefinition(payFine)

  it('charges a fixed fee as the definition says it', () => {
    const fixed = parseDefinition({ ...payFine, fee: { amount: 55_800, currency: 'UAH' } })
    assert.deepEqual(feeDue(fixed, data, {}), { amount: 55_800, currency: 'UAH' })
    assert.equal(
      feeDue(
        parseDefinition({ ...payFine, fee: undefined, decision: { by: 'official', deadlineDays: 5 }, outputs: [] }),
        data,
        {},
      ),
      undefined,
    )
  })

  it('charges the chosen item’s amount from the registry, offers only items due, and refuses a paid one', () => {
    assert.deepEqual(
      itemsDue(definition.pages[0]?.fields[0] as never, data).map((i) => i.id),
      ['debt-1', 'debt-3'],
    )
    assert.deepEqual(feeDue(definition, data, { fine: 'debt-3' }), {
      amount: 51_000,
      currency: 'UAH',
      item: { registry: 'police-fines', kind: 'traffic-fine', id: 'debt-3', number: 'ЕНА 3', description: 'Seat belt' },
    })
    assert.throws(
      () => feeDue(definition, data, { fine: 'debt-2' }),
      (e) => isPolisError(e, 'ERR_ALREADY_PAID'),
    )
    assert.throws(
      () => feeDue(definition, data, { fine: 'debt-99' }),
      (e) => isPolisError(e, 'ERR_NOT_FOUND'),
    )
  })

  it('refuses definitions whose fee or item field does not add up, at the exact path', () => {
    const problems = (changes: Record<string, unknown>) => {
      const checked = checkDefinition({ ...payFine, ...changes })
      return 'problems' in checked ? checked.problems.map((p) => `${p.path}: ${p.message}`) : []
    }
    assert.deepEqual(problems({ fee: { item: 'nothing' } }), ['fee.item: no item field nothing'])
    assert.deepEqual(problems({ data: [] }), [
      'pages[0].fields[0].items: reads police-fines.traffic-fine, which data does not ask for',
    ])
    assert.deepEqual(
      problems({
        pages: [{ id: 'fine', title: text('Fine'), fields: [{ id: 'fine', type: 'item', label: text('?') }] }],
      }),
      ['pages[0].fields[0].items: an item field needs items'],
    )
    assert.deepEqual(
      problems({
        fee: undefined,
        decision: { by: 'rules', rules: [], otherwise: 'approve' },
      }),
      [
        'outputs[0].values.payment: no payment: the service has no fee',
        'outputs[0].values.amount: no payment: the service has no fee',
      ],
    )
    assert.deepEqual(problems({ fee: { item: 'fine', amount: 5 } }).length > 0, true, 'one kind of fee or the other')
  })

  it('charges, for whatever a browser sends, the registry’s amount of one of the citizen’s own items due, or refuses (fuzzed)', () => {
    const own = new Set(fines.map((f) => f.id))
    const answer = fc.oneof(
      fc.constantFrom('debt-1', 'debt-2', 'debt-3', 'debt-4', '', 'debt-1 ', 'DEBT-1'),
      fc.anything(),
    )
    fc.assert(
      fc.property(answer, fc.dictionary(fc.string({ maxLength: 12 }), fc.anything()), (fine, extra) => {
        const sent = { ...extra, fine, amount: 1, currency: 'EUR' }
        const checked = checkAnswers(definition, sent, data)
        if (checked.errors.length > 0) {
          assert.ok(typeof fine !== 'string' || !own.has(fine))
          return
        }
        try {
          const fee = feeDue(definition, data, checked.values)
          const item = fines.find((f) => f.id === fine)
          assert.ok(item && item.status === 'due')
          assert.deepEqual([fee?.amount, fee?.currency], [item.amount, item.currency])
        } catch (error) {
          assert.ok(isPolisError(error, 'ERR_ALREADY_PAID'), String(error))
          assert.equal(fine, 'debt-2')
        }
      }),
      { numRuns: fuzzRuns(500) },
    )
  })
})

describe('the customs calculator', () => {
  const definition = loadCatalogue().find((d) => d.code === 'customs-calculator') as ServiceDefinition
  const output = definition.outputs[0]
  assert.ok(output?.type === 'record' && output.values)
  const values = output.values
  /** The record's values for these answers, each rule seeing those before it (euro cents). */
  const calculate = (answers: Record<string, unknown>) => {
    const computed: Record<string, unknown> = {}
    for (const value of values) {
      computed[value.id] = applyRule(value.rule, {
        answers,
        today: '2026-06-01',
        values: computed,
        person: {},
        records: {},
        applicant: { age: null, citizen_id: '' },
      } as RuleData)
    }
    return computed
  }

  it('works out duty, excise (rate × litres × age, 1 to 15) and VAT on a petrol car made outside the EU', () => {
    // 15,000 € car of 2019, 1,998 cm³: duty 10% = 1,500 €; age 2026 − 2019 − 1 = 6;
    // excise 50 € × 1.998 × 6 = 599.40 €; VAT 20% of 17,099.40 € = 3,419.88 €.
    assert.deepEqual(calculate({ price: 15_000, year: 2019, origin: 'other', engine: 'petrol', engine_cc: 1998 }), {
      customs_value: 1_500_000,
      duty: 150_000,
      age: 6,
      excise: 59_940,
      vat: 341_988,
      total: 551_928,
    })
  })

  it('charges no duty on an EU-made car, the higher diesel rate above 3,500 cm³, and caps the age at 15', () => {
    const old = calculate({ price: 8000, year: 1990, origin: 'eu', engine: 'diesel', engine_cc: 4000 })
    assert.deepEqual([old.duty, old.age, old.excise], [0, 15, 150 * 4 * 15 * 100])
    const fresh = calculate({ price: 30_000, year: 2026, origin: 'other', engine: 'petrol', engine_cc: 1500 })
    assert.equal(fresh.age, 1, 'at least 1')
  })

  it('charges an electric car 1 € per kWh and no duty, a hybrid 100 €', () => {
    const electric = calculate({ price: 20_000, year: 2022, origin: 'other', engine: 'electric', battery_kwh: 75 })
    assert.deepEqual([electric.duty, electric.excise, electric.vat], [0, 7500, Math.round((2_000_000 + 7500) * 0.2)])
    const hybrid = calculate({ price: 20_000, year: 2022, origin: 'eu', engine: 'hybrid' })
    assert.equal(hybrid.excise, 10_000)
  })

  it('rounds amounts to whole cents, whatever the price', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 10_000_000, noNaN: true }),
        fc.integer({ min: 1950, max: 2026 }),
        fc.integer({ min: 50, max: 10_000 }),
        (price, year, cc) => {
          const result = calculate({ price, year, origin: 'other', engine: 'petrol', engine_cc: cc })
          for (const key of ['customs_value', 'duty', 'excise', 'vat', 'total']) {
            assert.ok(Number.isSafeInteger(result[key]), `${key} ${result[key]}`)
          }
          assert.equal(result.total, (result.duty as number) + (result.excise as number) + (result.vat as number))
        },
      ),
      { numRuns: fuzzRuns(300) },
    )
  })
})
