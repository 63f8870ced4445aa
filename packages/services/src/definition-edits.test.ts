import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import fc from 'fast-check'
import { DefinitionEdit, editDefinition } from './definition-edits.ts'
import { comparisonOperators, findComparisons, ruleOfComparisons } from './rule-comparisons.ts'
import { checkRule } from './rules.ts'

const text = (en: string) => ({ uk: `${en} (uk)`, en, et: `${en} (et)` })
const draft = {
  code: 'street-event-permit',
  pages: [{ id: 'event', title: text('The event'), fields: [{ id: 'name', type: 'text', label: text('Name') }] }],
}

const edited = (edit: DefinitionEdit, from: unknown = draft) => editDefinition(from, DefinitionEdit.parse(edit))
const refused = (run: () => unknown, place: string) =>
  assert.throws(run, (e) => isPolisError(e, 'ERR_BUILDER_EDIT') && e.field === place)

describe('the service builder’s edits of a draft', () => {
  it('adds a page and questions, moves and removes them, leaving the draft it was given alone', () => {
    let next = edited({ action: 'add-page', id: 'place', title: text('Where') })
    next = edited(
      { action: 'add-field', page: 'place', id: 'street', type: 'text', label: text('Street'), required: true },
      next,
    )
    next = edited(
      {
        action: 'add-field',
        page: 'place',
        id: 'closed',
        type: 'boolean',
        label: text('Closed to cars'),
        required: false,
      },
      next,
    )
    next = edited({ action: 'move-field', page: 'place', field: 'closed', by: -1 }, next)
    const pages = next.pages as Array<{ id: string; fields: Array<{ id: string; required: boolean }> }>
    assert.deepEqual(
      pages.map((p) => [p.id, p.fields.map((f) => f.id)]),
      [
        ['event', ['name']],
        ['place', ['closed', 'street']],
      ],
    )
    assert.equal(pages[1]?.fields[0]?.required, false)
    next = edited({ action: 'remove-field', page: 'place', field: 'street' }, next)
    next = edited({ action: 'remove-page', page: 'event' }, next)
    assert.deepEqual(
      (next.pages as Array<{ id: string }>).map((p) => p.id),
      ['place'],
    )
    assert.equal(draft.pages.length, 1, 'the draft given is not changed')
  })

  it('refuses a second page or question of one id, and what is not there, saying where', () => {
    refused(() => edited({ action: 'add-page', id: 'event', title: text('Again') }), 'id')
    refused(
      () =>
        edited({ action: 'add-field', page: 'event', id: 'name', type: 'text', label: text('Again'), required: true }),
      'id',
    )
    refused(
      () => edited({ action: 'add-field', page: 'nowhere', id: 'x', type: 'text', label: text('X'), required: true }),
      'page',
    )
    refused(() => edited({ action: 'remove-field', page: 'event', field: 'nothing' }), 'field')
    refused(() => edited({ action: 'set-label', page: 'event', field: 'nothing', label: text('X') }), 'field')
    refused(() => edited({ action: 'set-page-title', page: 'nowhere', title: text('X') }), 'page')
    assert.throws(() => DefinitionEdit.parse({ action: 'add-page', id: 'Bad Id', title: text('x') }))
    assert.throws(() => DefinitionEdit.parse({ action: 'add-page', id: 'ok', title: { uk: 'a', en: 'b', et: ' ' } }))
  })

  it('sets what the service is, a prefilled question, a page asked on a yes, a fee and who decides', () => {
    let next = edited({
      action: 'set-basics',
      name: text('Street event'),
      summary: text('Hold one'),
      category: 'civic',
    })
    next = edited(
      { action: 'add-field', page: 'event', id: 'closed', type: 'boolean', label: text('Closed?'), required: true },
      next,
    )
    next = edited({ action: 'add-page', id: 'traffic', title: text('Traffic') }, next)
    next = edited({ action: 'set-condition', page: 'traffic', when: { field: 'closed', is: true } }, next)
    next = edited({ action: 'set-prefill', page: 'event', field: 'name', prefill: 'person.address.formatted' }, next)
    next = edited({ action: 'set-fee', amount: 8500, currency: 'UAH' }, next)
    next = edited({ action: 'set-decision', by: 'official', deadlineDays: 10 }, next)
    const pages = next.pages as Array<{ id: string; condition?: unknown; fields: Array<{ prefill?: string }> }>
    assert.deepEqual(pages[1]?.condition, { '==': [{ var: 'answers.closed' }, true] })
    assert.equal(pages[0]?.fields[0]?.prefill, 'person.address.formatted')
    assert.deepEqual(next.fee, { amount: 8500, currency: 'UAH' })
    assert.deepEqual(next.decision, { by: 'official', deadlineDays: 10 })
    assert.equal((next.name as { en: string }).en, 'Street event')
    // Undone: no fee, typed again, always asked.
    next = edited({ action: 'set-fee', amount: 0, currency: 'UAH' }, next)
    next = edited({ action: 'set-prefill', page: 'event', field: 'name', prefill: '' }, next)
    next = edited({ action: 'set-condition', page: 'traffic', when: '' }, next)
    assert.equal(next.fee, undefined)
    assert.equal((next.pages as typeof pages)[0]?.fields[0]?.prefill, undefined)
    assert.equal((next.pages as typeof pages)[1]?.condition, undefined)
  })

  it('asks a page only on a yes or no given before it', () => {
    const withTwo = edited({ action: 'add-page', id: 'later', title: text('Later') })
    refused(
      () => edited({ action: 'set-condition', page: 'event', when: { field: 'name', is: true } }, withTwo),
      'when',
    )
    refused(
      () => edited({ action: 'set-condition', page: 'later', when: { field: 'name', is: true } }, withTwo),
      'when',
    )
    assert.throws(() =>
      DefinitionEdit.parse({ action: 'set-prefill', page: 'event', field: 'name', prefill: 'person.portrait' }),
    )
  })

  it('never loses or duplicates a question, whatever the moves (fuzzed)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e']
    const start = { pages: [{ id: 'p', title: text('P'), fields: ids.map((id) => ({ id, type: 'text' })) }] }
    fc.assert(
      fc.property(
        fc.array(fc.record({ field: fc.constantFrom(...ids), by: fc.constantFrom(-1 as const, 1 as const) }), {
          maxLength: 30,
        }),
        (moves) => {
          let next: unknown = start
          for (const move of moves) next = edited({ action: 'move-field', page: 'p', ...move }, next)
          const fields = ((next as typeof start).pages[0]?.fields ?? []).map((f) => f.id)
          assert.deepEqual([...fields].sort(), ids)
        },
      ),
    )
  })
})

describe('the builder’s edits of a question: choices, help and limits, files', () => {
  const withChoice = edited({
    action: 'add-field',
    page: 'event',
    id: 'kind',
    type: 'select',
    label: text('Kind of event'),
    required: true,
  })
  const fieldNamed = (definition: unknown, id: string) =>
    ((definition as typeof draft).pages.flatMap((p) => p.fields) as Array<Record<string, unknown>>).find(
      (f) => f.id === id,
    ) ?? {}

  it('adds, rewords, moves and removes the options of a choice question', () => {
    let next = edited(
      { action: 'add-option', page: 'event', field: 'kind', value: 'market', label: text('Market') },
      withChoice,
    )
    next = edited(
      { action: 'add-option', page: 'event', field: 'kind', value: 'concert', label: text('Concert') },
      next,
    )
    next = edited(
      { action: 'set-option', page: 'event', field: 'kind', value: 'market', label: text('Street market') },
      next,
    )
    next = edited({ action: 'move-option', page: 'event', field: 'kind', value: 'concert', by: -1 }, next)
    assert.deepEqual(fieldNamed(next, 'kind').options, [
      { value: 'concert', label: text('Concert') },
      { value: 'market', label: text('Street market') },
    ])
    refused(
      () => edited({ action: 'add-option', page: 'event', field: 'kind', value: 'market', label: text('Again') }, next),
      'value',
    )
    refused(() => edited({ action: 'add-option', page: 'event', field: 'name', value: 'x', label: text('X') }), 'field')
    refused(() => edited({ action: 'remove-option', page: 'event', field: 'kind', value: 'parade' }, next), 'value')
    next = edited({ action: 'remove-option', page: 'event', field: 'kind', value: 'concert' }, next)
    next = edited({ action: 'remove-option', page: 'event', field: 'kind', value: 'market' }, next)
    // No empty list: the draft lacks options, as the check before publishing says.
    assert.equal('options' in fieldNamed(next, 'kind'), false)
    assert.throws(() =>
      DefinitionEdit.parse({
        action: 'add-option',
        page: 'event',
        field: 'kind',
        value: 'Two words',
        label: text('x'),
      }),
    )
  })

  it('sets help and limits, refusing a bad regular expression and limits that cannot hold at their place', () => {
    const limits = {
      action: 'set-limits',
      page: 'event',
      field: 'name',
      help: text('As on the poster'),
      required: false,
      minLength: 3,
      maxLength: 80,
      min: null,
      max: null,
      pattern: '[A-Za-z ]+',
    } as const
    const next = edited(limits)
    const name = fieldNamed(next, 'name')
    assert.deepEqual(
      [name.help, name.required, name.minLength, name.maxLength, name.pattern],
      [text('As on the poster'), false, 3, 80, '[A-Za-z ]+'],
    )
    refused(() => edited({ ...limits, pattern: '[a-z' }), 'pattern')
    refused(() => edited({ ...limits, minLength: 90 }), 'maxLength')
    refused(() => edited({ ...limits, min: 1 }), 'min')
    // Taken away again: no help, no limits (the longest back to the engine's 500).
    const bare = fieldNamed(
      edited({ ...limits, help: '', minLength: null, maxLength: null, pattern: '', required: true }, next),
      'name',
    )
    assert.deepEqual(Object.keys(bare).sort(), ['id', 'label', 'required', 'type'])
    const counted = edited({
      action: 'add-field',
      page: 'event',
      id: 'guests',
      type: 'number',
      label: text('Guests'),
      required: true,
    })
    const guests = { ...limits, field: 'guests', minLength: null, maxLength: null, pattern: '', help: '' as const }
    assert.deepEqual([fieldNamed(edited({ ...guests, min: 1, max: 500 }, counted), 'guests').max], [500])
    refused(() => edited({ ...guests, min: 10, max: 5 }, counted), 'max')
    refused(() => edited({ ...guests, pattern: '\\d+' }, counted), 'pattern')
  })

  it('asks for a file of the kinds and size set', () => {
    let next = edited({
      action: 'add-field',
      page: 'event',
      id: 'plan',
      type: 'file',
      label: text('Plan'),
      required: true,
    })
    assert.deepEqual(fieldNamed(next, 'plan').accept, ['application/pdf', 'image/jpeg', 'image/png'])
    next = edited(
      { action: 'set-file', page: 'event', field: 'plan', accept: ['application/pdf'], maxBytes: 2 * 1024 * 1024 },
      next,
    )
    assert.deepEqual(
      [fieldNamed(next, 'plan').accept, fieldNamed(next, 'plan').maxBytes],
      [['application/pdf'], 2097152],
    )
    refused(
      () => edited({ action: 'set-file', page: 'event', field: 'name', accept: ['image/png'], maxBytes: 1 }),
      'field',
    )
    assert.throws(() =>
      DefinitionEdit.parse({ action: 'set-file', page: 'event', field: 'plan', accept: ['image/png'], maxBytes: 20e6 }),
    )
  })

  it('never loses, duplicates or changes an option, whatever the moves and rewordings (fuzzed)', () => {
    const values = ['a', 'b', 'c', 'd']
    const start = {
      pages: [
        {
          id: 'p',
          title: text('P'),
          fields: [{ id: 'q', type: 'select', options: values.map((value) => ({ value, label: text(value) })) }],
        },
      ],
    }
    const step = fc.oneof(
      fc.record({
        action: fc.constant('move-option' as const),
        value: fc.constantFrom(...values),
        by: fc.constantFrom(-1 as const, 1 as const),
      }),
      fc.record({
        action: fc.constant('set-option' as const),
        value: fc.constantFrom(...values),
        label: fc.constant(text('x')),
      }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let next: unknown = start
        const labels = new Map(values.map((v) => [v, text(v)]))
        for (const s of steps) {
          next = edited({ page: 'p', field: 'q', ...s }, next)
          if (s.action === 'set-option') labels.set(s.value, s.label)
        }
        const options = fieldNamed(next, 'q').options as Array<{ value: string; label: unknown }>
        assert.deepEqual(options.map((o) => o.value).sort(), values)
        for (const o of options) assert.deepEqual(o.label, labels.get(o.value))
      }),
    )
  })
})

describe('the builder’s edits of questions, fuzzed', () => {
  it('never change a question’s id, kind or words, nor leave two options of one value, whatever is asked', () => {
    const start = {
      pages: [
        {
          id: 'p',
          title: text('P'),
          fields: [
            { id: 'name', type: 'text', label: text('Name') },
            { id: 'guests', type: 'number', label: text('Guests') },
            { id: 'kind', type: 'select', label: text('Kind'), options: [{ value: 'a', label: text('A') }] },
            { id: 'plan', type: 'file', label: text('Plan'), accept: ['application/pdf'] },
          ],
        },
      ],
    }
    const field = fc.constantFrom('name', 'guests', 'kind', 'plan')
    const value = fc.constantFrom('a', 'b', 'c')
    const count = fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null })
    const step = fc.oneof(
      fc.record({
        action: fc.constant('set-limits' as const),
        field,
        help: fc.constantFrom('' as const, text('Help')),
        required: fc.boolean(),
        minLength: count,
        maxLength: count,
        min: count,
        max: count,
        pattern: fc.constantFrom('', '[a-z]+', '[a-z', '(', '\\d{2}'),
      }),
      fc.record({ action: fc.constant('add-option' as const), field, value, label: fc.constant(text('X')) }),
      fc.record({ action: fc.constant('remove-option' as const), field, value }),
      fc.record({
        action: fc.constant('move-option' as const),
        field,
        value,
        by: fc.constantFrom(-1 as const, 1 as const),
      }),
      fc.record({
        action: fc.constant('set-file' as const),
        field,
        accept: fc.subarray(['application/pdf', 'image/jpeg', 'image/png'] as const, { minLength: 1 }),
        maxBytes: fc.integer({ min: 1, max: 10 * 1024 * 1024 }),
      }),
    )
    const shape = (definition: unknown) =>
      (definition as typeof start).pages[0]?.fields.map((f) => [f.id, f.type, f.label]) ?? []
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let next: unknown = start
        for (const s of steps) {
          const before = JSON.stringify(next)
          try {
            next = edited({ page: 'p', ...s }, next)
          } catch (error) {
            assert.ok(isPolisError(error, 'ERR_BUILDER_EDIT'), String(error))
            assert.equal(JSON.stringify(next), before, 'a refused edit changes nothing')
          }
          assert.deepEqual(shape(next), shape(start))
          for (const f of (next as typeof start).pages[0]?.fields ?? []) {
            const values = ((f as { options?: Array<{ value: string }> }).options ?? []).map((o) => o.value)
            assert.equal(new Set(values).size, values.length)
          }
        }
      }),
    )
  })
})

describe('the builder’s edits of rules and messages', () => {
  const withGuests = edited({
    action: 'add-field',
    page: 'event',
    id: 'guests',
    type: 'number',
    label: text('Guests'),
    required: true,
  })
  const adult = { '>=': [{ var: 'applicant.age' }, 18] }

  it('adds, changes and removes who may apply, each rule checked as the engine checks it, refused at its path', () => {
    let next = edited({ action: 'add-eligibility', rule: adult, message: text('From 18') }, withGuests)
    next = edited(
      { action: 'add-eligibility', rule: { '<=': [{ var: 'answers.guests' }, 500] }, message: text('500 at most') },
      next,
    )
    assert.deepEqual(
      (next.eligibility as Array<{ rule: unknown }>).map((e) => e.rule),
      [adult, { '<=': [{ var: 'answers.guests' }, 500] }],
    )
    const detailOf = (run: () => unknown) => {
      try {
        run()
      } catch (error) {
        assert.ok(isPolisError(error, 'ERR_BUILDER_EDIT'))
        assert.equal(error.field, 'rule')
        return error.detail
      }
      assert.fail('not refused')
    }
    assert.equal(
      detailOf(() =>
        edited(
          { action: 'set-eligibility', index: 1, rule: { and: [adult, { like: [1, 2] }] }, message: text('x') },
          next,
        ),
      ),
      'eligibility[1].rule.and[1]: unknown operator like',
    )
    assert.equal(
      detailOf(() =>
        edited({ action: 'add-eligibility', rule: { '>': [{ var: 'answers.guest' }, 1] }, message: text('x') }, next),
      ),
      'eligibility[2].rule.>[0].var: reads answers.guest, which no question asks for',
    )
    assert.match(
      detailOf(() =>
        edited({ action: 'add-eligibility', rule: { '==': [{ var: 'secret' }, 1] }, message: text('x') }, next),
      ) ?? '',
      /reads secret/,
    )
    // A var inside a filter reads the item, not the answers.
    const perItem = { some: [{ var: 'records.vehicles.vehicle' }, { '==': [{ var: 'make' }, 'Skoda'] }] }
    assert.doesNotThrow(() => edited({ action: 'add-eligibility', rule: perItem, message: text('x') }, next))
    next = edited({ action: 'remove-eligibility', index: 0 }, next)
    assert.equal((next.eligibility as unknown[]).length, 1)
    refused(() => edited({ action: 'remove-eligibility', index: 3 }, next), 'eligibility')
  })

  it('decides by rules in their order, otherwise as said, and keeps them when the rules are chosen again', () => {
    refused(
      () => edited({ action: 'add-decision-rule', when: adult, outcome: 'approve', reason: text('Adult') }, withGuests),
      'decision',
    )
    let next = edited({ action: 'set-decision', by: 'rules', deadlineDays: 30 }, withGuests)
    next = edited({ action: 'add-decision-rule', when: adult, outcome: 'approve', reason: text('Adult') }, next)
    next = edited(
      {
        action: 'add-decision-rule',
        when: { '>': [{ var: 'answers.guests' }, 500] },
        outcome: 'reject',
        reason: text('Too many'),
      },
      next,
    )
    next = edited({ action: 'move-decision-rule', index: 1, by: -1 }, next)
    next = edited({ action: 'set-otherwise', otherwise: 'official' }, next)
    next = edited({ action: 'set-decision', by: 'rules', deadlineDays: 30 }, next)
    const decision = next.decision as { rules: Array<{ outcome: string }>; otherwise: string }
    assert.deepEqual([decision.rules.map((r) => r.outcome), decision.otherwise], [['reject', 'approve'], 'official'])
    assert.throws(
      () =>
        edited(
          { action: 'set-decision-rule', index: 0, when: { nope: [] }, outcome: 'reject', reason: text('x') },
          next,
        ),
      (e) => isPolisError(e, 'ERR_BUILDER_EDIT') && e.detail === 'decision.rules[0].when: unknown operator nope',
    )
  })

  it('sets and takes away the inbox messages', () => {
    let next = edited({ action: 'set-notification', at: 'approved', text: text('Your permit is ready') })
    next = edited({ action: 'set-notification', at: 'submitted', text: text('We have it') }, next)
    next = edited({ action: 'set-notification', at: 'submitted', text: '' }, next)
    assert.deepEqual(next.notifications, { approved: text('Your permit is ready') })
  })
})

describe('the visual editor of a rule', () => {
  const comparison = fc.record({
    left: fc.constantFrom('answers.guests', 'applicant.age', 'person.address.region', 'today'),
    op: fc.constantFrom(...comparisonOperators),
    value: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()),
  })

  it('reads back every rule it writes (fuzzed)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('all' as const, 'any' as const),
        fc.array(comparison, { minLength: 1, maxLength: 5 }),
        (join, comparisons) => {
          const plain = comparisons.map((c) => ({ ...c }))
          const back = findComparisons(ruleOfComparisons({ join, comparisons: plain }))
          assert.deepEqual(back, { join: plain.length === 1 ? 'all' : join, comparisons: plain })
          assert.deepEqual(checkRule(ruleOfComparisons({ join, comparisons })), [])
        },
      ),
    )
  })

  it('leaves a rule of another shape to the JSON Logic view', () => {
    for (const rule of [
      { '>=': [{ years_since: [{ var: 'person.birth_date' }, { var: 'today' }] }, 18] },
      { and: [{ '==': [{ var: 'answers.x' }, 1] }] },
      { '==': [{ var: 'answers.x' }, null] },
      { '==': [{ var: 'answers.x' }, 1], '!=': [1, 2] },
      true,
    ])
      assert.equal(findComparisons(rule), undefined)
  })
})
