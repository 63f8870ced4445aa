import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { confirmationRequests, confirmationsOf } from './confirmations.ts'
import { checkDefinition, type ServiceDefinition } from './definition.ts'

const text = (en: string) => ({ uk: en, en, et: en })
const buyer = {
  role: 'buyer',
  field: 'buyer_tax_number',
  label: text('The buyer'),
  question: text('Confirm the purchase'),
  show: ['price'],
  request: text('You are named as the buyer'),
  declined: text('The buyer declined'),
}
const sale = (changes: Record<string, unknown> = {}) => ({
  code: 'test-sale',
  version: 1,
  name: text('Sale'),
  summary: text('A sale'),
  category: 'transport',
  agency: 'transport-service',
  pages: [
    {
      id: 'buyer',
      title: text('Buyer'),
      fields: [
        { id: 'buyer_tax_number', type: 'text', label: text('Tax number') },
        { id: 'price', type: 'number', label: text('Price') },
      ],
    },
  ],
  decision: { by: 'official', deadlineDays: 5 },
  confirmations: [buyer],
  ...changes,
})
const problems = (input: unknown) => {
  const checked = checkDefinition(input)
  return 'problems' in checked ? checked.problems.map((p) => `${p.path}: ${p.message}`) : []
}
const definitionOf = (input: unknown): ServiceDefinition => {
  const checked = checkDefinition(input)
  assert.ok('definition' in checked)
  return checked.definition
}

describe('confirmations in a definition', () => {
  it('takes a co-applicant named by a field, shown answers that exist, and an official who decides', () => {
    assert.deepEqual(problems(sale()), [])
    assert.deepEqual(problems(sale({ decision: { by: 'rules', rules: [], otherwise: 'official' } })), [])
  })

  it('names the exact path of a confirmation set wrong', () => {
    assert.deepEqual(problems(sale({ confirmations: [{ ...buyer, field: 'seller' }] })), [
      'confirmations[0].field: no field seller',
    ])
    assert.deepEqual(problems(sale({ confirmations: [{ ...buyer, show: ['price', 'colour'] }] })), [
      'confirmations[0].show[1]: no field colour',
    ])
    assert.deepEqual(problems(sale({ confirmations: [buyer, buyer] })), ['confirmations[1].role: role buyer twice'])
    // The rules would approve without an official, and nobody would wait for the buyer.
    assert.deepEqual(problems(sale({ decision: { by: 'rules', rules: [], otherwise: 'approve' } })), [
      'confirmations[0]: a confirmation needs an official to decide, and no fee',
    ])
    assert.deepEqual(problems(sale({ fee: { amount: 100, currency: 'UAH' } })), [
      'confirmations[0]: a confirmation needs an official to decide, and no fee',
    ])
  })
})

describe('where a confirmation stands, from the events', () => {
  const definition = definitionOf(sale())
  const at = '2026-06-01T10:00:00.000Z'

  it('is asked at submission unless the rules decided at once or nobody is named', () => {
    const answers = { buyer_tax_number: '3046100070', price: 5 }
    assert.deepEqual(
      confirmationRequests(definition, { at, answers, decidedAtOnce: false }).map((e) => [e.type, e.data.role]),
      [['confirmation-requested', 'buyer']],
    )
    assert.deepEqual(confirmationRequests(definition, { at, answers, decidedAtOnce: true }), [])
    assert.deepEqual(confirmationRequests(definition, { at, answers: { price: 5 }, decidedAtOnce: false }), [])
  })

  it('awaits once asked, then is confirmed or declined by the first answer; never asked of an older application', () => {
    const asked = { type: 'confirmation-requested', at, data: { role: 'buyer' } }
    const stateOf = (events: Array<{ type: string; at: string; data: Record<string, unknown> }>) =>
      confirmationsOf(definition, events).map((c) => [c.state, c.at])
    assert.deepEqual(stateOf([]), [['not-asked', null]])
    assert.deepEqual(stateOf([asked]), [['awaiting', null]])
    const later = '2026-06-02T08:00:00.000Z'
    assert.deepEqual(stateOf([asked, { type: 'confirmed', at: later, data: { role: 'buyer' } }]), [
      ['confirmed', later],
    ])
    assert.deepEqual(stateOf([asked, { type: 'confirmation-declined', at: later, data: { role: 'buyer' } }]), [
      ['declined', later],
    ])
    assert.deepEqual(stateOf([asked, { type: 'confirmed', at: later, data: { role: 'seller' } }]), [['awaiting', null]])
  })

  it('lets no event of another role, nor one after the first answer, change where it stands', () => {
    const event = fc.record({
      type: fc.constantFrom('confirmation-requested', 'confirmed', 'confirmation-declined', 'decided', 'queued'),
      at: fc.constantFrom(at, '2026-06-02T08:00:00.000Z'),
      data: fc.record({ role: fc.constantFrom('buyer', 'seller', 'Buyer', '') }),
    })
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const [status] = confirmationsOf(definition, events)
        const buyers = events.filter((e) => e.data.role === 'buyer')
        const first = buyers.find((e) => e.type === 'confirmed' || e.type === 'confirmation-declined')
        const expected = first
          ? first.type === 'confirmed'
            ? 'confirmed'
            : 'declined'
          : buyers.some((e) => e.type === 'confirmation-requested')
            ? 'awaiting'
            : 'not-asked'
        assert.equal(status?.state, expected)
        assert.equal(status?.at, first?.at ?? null)
      }),
    )
  })
})
