import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { comparisonOperators, DefinitionEdit, findComparisons } from '@polis/services'
import fc from 'fast-check'
import { editOf, placeOf } from './builder-form-edit.ts'

const questions = [
  { id: 'guests', type: 'number' },
  { id: 'closed', type: 'boolean' },
  { id: 'kind', type: 'select', options: [{ value: 'market' }, { value: 'concert' }] },
  { id: 'street', type: 'text' },
]
const message = { message_uk: 'Ні', message_en: 'No', message_et: 'Ei' }
const refusedAtRule = (form: Record<string, unknown>, detail: RegExp) =>
  assert.throws(
    () => editOf(form, questions),
    (e) => isPolisError(e, 'ERR_BUILDER_EDIT') && e.field === 'rule' && detail.test(e.detail ?? ''),
  )

describe('a builder form read as the edit it asks for', () => {
  it('writes the visual editor’s comparisons as JSON Logic, each value typed as its question answers', () => {
    const edit = editOf(
      {
        action: 'add-eligibility',
        mode: 'visual',
        join: 'any',
        ...message,
        left_0: 'answers.guests',
        op_0: '<=',
        value_0: '500',
        left_1: 'answers.closed',
        op_1: '==',
        value_1: 'Ні',
        left_2: '',
        left_3: 'answers.kind',
        op_3: '!=',
        value_3: 'concert',
      },
      questions,
    )
    assert.deepEqual(DefinitionEdit.parse(edit), {
      action: 'add-eligibility',
      rule: {
        or: [
          { '<=': [{ var: 'answers.guests' }, 500] },
          { '==': [{ var: 'answers.closed' }, false] },
          { '!=': [{ var: 'answers.kind' }, 'concert'] },
        ],
      },
      message: { uk: 'Ні', en: 'No', et: 'Ei' },
    })
  })

  it('refuses at the rule what the visual editor cannot write, and a raw rule that is not JSON', () => {
    const one = (left: string, value: string) => ({
      action: 'add-eligibility',
      mode: 'visual',
      left_0: left,
      op_0: '==',
      value_0: value,
    })
    refusedAtRule(one('answers.guests', 'many'), /many is not a number/)
    refusedAtRule(one('answers.closed', 'maybe'), /yes or no/)
    refusedAtRule(one('answers.kind', 'Market'), /Market is not a choice of kind \(market, concert\)/)
    refusedAtRule(one('constructor', '1'), /not one the visual editor writes/)
    refusedAtRule({ action: 'add-eligibility', mode: 'visual' }, /no comparison/)
    refusedAtRule({ action: 'add-eligibility', mode: 'raw', rule: '{"==": [1,' }, /not JSON/)
  })

  it('names the place of each form, where its refusal is said', () => {
    assert.equal(placeOf({ action: 'set-limits', page: 'event', field: 'name' }), 'q:event:name:limits')
    assert.equal(placeOf({ action: 'move-option', page: 'event', field: 'kind' }), 'q:event:kind:options')
    assert.equal(placeOf({ action: 'set-eligibility', index: '2' }), 'eligibility:2')
    assert.equal(placeOf({ action: 'add-decision-rule' }), 'decision:new')
    assert.equal(placeOf({ action: 'set-notification', at: 'approved' }), 'notify:approved')
    assert.equal(placeOf({ action: 'set-label', page: 'event' }), 'event')
  })

  it('reads back every comparison of a number question the form gives (fuzzed)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ op: fc.constantFrom(...comparisonOperators), value: fc.integer({ min: -1e6, max: 1e6 }) }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (rows) => {
          const form: Record<string, unknown> = { action: 'add-eligibility', mode: 'visual', join: 'all', ...message }
          rows.forEach((r, i) => {
            Object.assign(form, { [`left_${i}`]: 'answers.guests', [`op_${i}`]: r.op, [`value_${i}`]: String(r.value) })
          })
          const edit = DefinitionEdit.parse(editOf(form, questions))
          assert.ok(edit.action === 'add-eligibility')
          assert.deepEqual(
            findComparisons(edit.rule)?.comparisons,
            rows.map((r) => ({ left: 'answers.guests', op: r.op, value: r.value })),
          )
        },
      ),
    )
  })
})
