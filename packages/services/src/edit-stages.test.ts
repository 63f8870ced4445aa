import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { checkDefinition } from './definition.ts'
import { DefinitionEdit, editDefinition } from './definition-edits.ts'

const text = (en: string) => ({ uk: `${en} (uk)`, en, et: `${en} (et)` })
const draft = {
  code: 'street-event-permit',
  version: 1,
  name: text('Permit'),
  summary: text('A permit'),
  category: 'civic',
  agency: 'state-chancellery',
  pages: [{ id: 'event', title: text('The event'), fields: [{ id: 'name', type: 'text', label: text('Name') }] }],
  decision: { by: 'official', deadlineDays: 10 },
}
type Draft = Record<string, unknown>
const edited = (edit: unknown, from: unknown = draft) => editDefinition(from, DefinitionEdit.parse(edit))
const refused = (run: () => unknown, place: string, said: RegExp) =>
  assert.throws(run, (e) => isPolisError(e, 'ERR_BUILDER_EDIT') && e.field === place && said.test(e.detail ?? ''))
const stagesOf = (d: Draft) => (d.decision as { stages?: Array<{ id: string; role: string; after?: string[] }> }).stages

describe('the builder’s edits of an official’s stages', () => {
  it('adds stages, renames one, gives it to another role, moves and removes them', () => {
    let next = edited({ action: 'add-stage', id: 'check', name: text('Check'), role: 'clerk', after: [] })
    next = edited({ action: 'add-stage', id: 'decide', name: text('Decide'), role: 'clerk', after: [] }, next)
    // A clerk last is not yet publishable: said among what the draft lacks, not refused.
    const lacking = checkDefinition(next)
    assert.ok('problems' in lacking)
    assert.deepEqual(
      lacking.problems.map((p) => p.path),
      ['decision.stages[1].role'],
    )
    next = edited(
      { action: 'set-stage', stage: 'decide', name: text('Decide the permit'), role: 'decider', after: [] },
      next,
    )
    assert.ok('definition' in checkDefinition(next))
    next = edited({ action: 'add-stage', id: 'sign', name: text('Sign off'), role: 'supervisor', after: [] }, next)
    next = edited({ action: 'move-stage', stage: 'sign', by: -1 }, next)
    assert.deepEqual(
      stagesOf(next)?.map((s) => [s.id, s.role]),
      [
        ['check', 'clerk'],
        ['sign', 'supervisor'],
        ['decide', 'decider'],
      ],
    )
    next = edited({ action: 'remove-stage', stage: 'sign' }, next)
    next = edited({ action: 'remove-stage', stage: 'check' }, next)
    next = edited({ action: 'remove-stage', stage: 'decide' }, next)
    assert.deepEqual(next.decision, { by: 'official', deadlineDays: 10 }, 'no stages: decided in one step')
    assert.equal(stagesOf(draft as Draft), undefined, 'the draft given is not changed')
  })

  it('refuses a cycle, a stage after itself, an after naming no stage, and an id twice, at the form’s field', () => {
    let next = edited({ action: 'add-stage', id: 'check', name: text('Check'), role: 'clerk', after: [] })
    next = edited({ action: 'add-stage', id: 'approve', name: text('Approve'), role: 'decider', after: [] }, next)
    refused(
      () =>
        edited({ action: 'set-stage', stage: 'check', name: text('Check'), role: 'clerk', after: ['approve'] }, next),
      'after',
      /a cycle: check → approve → check/,
    )
    refused(
      () => edited({ action: 'set-stage', stage: 'check', name: text('Check'), role: 'clerk', after: ['check'] }, next),
      'after',
      /check cannot come after itself/,
    )
    refused(
      () =>
        edited({ action: 'add-stage', id: 'sign', name: text('Sign'), role: 'supervisor', after: ['aprove'] }, next),
      'after',
      /no stage aprove/,
    )
    refused(
      () => edited({ action: 'add-stage', id: 'check', name: text('Again'), role: 'clerk', after: [] }, next),
      'id',
      /a stage check is there already/,
    )
    // A stage another comes after is not removed under it.
    next = edited({ action: 'add-stage', id: 'sign', name: text('Sign'), role: 'supervisor', after: ['check'] }, next)
    refused(() => edited({ action: 'remove-stage', stage: 'check' }, next), 'stage', /sign comes after check/)
  })

  it('keeps the stages when an official is chosen again, and asks for an official before any stage', () => {
    const staged = edited({ action: 'add-stage', id: 'check', name: text('Check'), role: 'clerk', after: [] })
    const again = edited({ action: 'set-decision', by: 'official', deadlineDays: 20 }, staged)
    assert.deepEqual(
      stagesOf(again)?.map((s) => s.id),
      ['check'],
    )
    const byRules = edited({ action: 'set-decision', by: 'rules', deadlineDays: 20 }, staged)
    refused(
      () => edited({ action: 'add-stage', id: 'check', name: text('Check'), role: 'clerk', after: [] }, byRules),
      'stages',
      /choose an official to decide first/,
    )
  })
})
