import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { checkDefinition, type Stage } from './definition.ts'
import { lastStages, stageProblems } from './workflow-stages.ts'

const text = (en: string) => ({ uk: en, en, et: en })
const definitionWith = (stages: unknown) => ({
  code: 'staged-service',
  version: 1,
  name: text('Staged'),
  summary: text('Decided in stages'),
  category: 'civic',
  agency: 'state-chancellery',
  pages: [{ id: 'one', title: text('One'), fields: [{ id: 'name', type: 'text', label: text('Name') }] }],
  decision: { by: 'official', deadlineDays: 30, stages },
})
const stage = (id: string, role: Stage['role'], after?: string[]): Stage => ({
  id,
  name: text(id),
  role,
  ...(after ? { after } : {}),
})
const problemsOf = (stages: unknown) => {
  const checked = checkDefinition(definitionWith(stages))
  return 'problems' in checked ? checked.problems.map((p) => [p.path, p.message]) : []
}

describe('stages of an official’s decision', () => {
  it('takes a clerk’s check then a decider’s decision, the list’s order being the work’s', () => {
    assert.deepEqual(problemsOf([stage('check', 'clerk'), stage('decide', 'decider')]), [])
    // A second decider signs off after the first, a supervisor last.
    assert.deepEqual(
      problemsOf([stage('check', 'clerk'), stage('decide', 'decider'), stage('sign', 'supervisor', ['decide'])]),
      [],
    )
  })

  it('refuses a cycle at the stage, with the way round', () => {
    const stages = [
      stage('intake', 'clerk'),
      stage('approve', 'decider', ['check']),
      stage('check', 'clerk', ['approve']),
      stage('final', 'decider', ['check']),
    ]
    assert.deepEqual(problemsOf(stages), [
      ['decision.stages[1].after', 'a cycle: approve → check → approve'],
      ['decision.stages[2].after', 'a cycle: check → approve → check'],
    ])
    assert.deepEqual(problemsOf([stage('check', 'clerk', ['check']), stage('decide', 'decider')]), [
      ['decision.stages[0].after', 'a cycle: check → check'],
    ])
  })

  it('refuses a stage named twice, an after naming no stage, two last stages, and a clerk deciding', () => {
    assert.deepEqual(problemsOf([stage('check', 'clerk'), stage('check', 'decider')]), [
      ['decision.stages[1].id', 'stage check is named twice'],
    ])
    assert.deepEqual(problemsOf([stage('check', 'clerk'), stage('decide', 'decider', ['chek'])]), [
      ['decision.stages[1].after[0]', 'no stage chek'],
    ])
    assert.deepEqual(problemsOf([stage('check', 'clerk'), stage('decide', 'decider', [])]), [
      ['decision.stages', 'exactly one stage comes last, and decides: check, decide all do'],
    ])
    assert.deepEqual(problemsOf([stage('decide', 'decider'), stage('file', 'clerk')]), [
      ['decision.stages[1].role', 'the last stage decides: a decider or a supervisor, not a clerk'],
    ])
    assert.deepEqual(problemsOf([{ id: 'check', name: text('Check'), role: 'cleaner' }]), [
      ['decision.stages[0].role', 'Invalid option: expected one of "clerk"|"decider"|"supervisor"'],
    ])
  })

  it('a definition without stages is decided as before', () => {
    const checked = checkDefinition({ ...definitionWith(undefined), decision: { by: 'official', deadlineDays: 30 } })
    assert.ok('definition' in checked)
  })

  it('any stages the check takes have one last stage, reached from every other (fuzzed)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e']
    const arbitraryStages = fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 5 }).chain((chosen) =>
      fc.tuple(
        ...chosen.map((id) =>
          fc.record({
            id: fc.constant(id),
            role: fc.constantFrom('clerk', 'decider', 'supervisor' as const),
            after: fc.option(fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 3 }), { nil: undefined }),
          }),
        ),
      ),
    )
    fc.assert(
      fc.property(arbitraryStages, (drawn) => {
        const stages = drawn.map((s) => stage(s.id, s.role, s.after))
        if (stageProblems(stages).length > 0) return
        const [last, ...more] = lastStages(stages)
        assert.ok(last && more.length === 0)
        assert.notEqual(last.role, 'clerk')
      }),
    )
  })
})
