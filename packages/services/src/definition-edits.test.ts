import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import fc from 'fast-check'
import { DefinitionEdit, editDefinition } from './definition-edits.ts'

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
