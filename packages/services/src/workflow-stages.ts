/**
 * The stages of an official's decision as a workflow: which stages each waits for, the
 * one that comes last (and decides), and what a definition's stages must be. Pure: the
 * case's own place in them is read from its events (`case-stages.ts`).
 */
import type { DefinitionProblem, Stage } from './definition.ts'
import { waitsOn } from './find-cycle.ts'

/** Roles that may decide a case: a clerk checks and passes on, never decides. */
export const decidingRoles: ReadonlySet<string> = new Set(['decider', 'supervisor'])

/** Each stage's predecessors: those `after` names, or without it the stage before it in the list. */
export function stagePredecessors(stages: readonly Stage[]): Map<string, string[]> {
  return new Map(
    stages.map((stage, i) => {
      const before = stages[i - 1]
      return [stage.id, stage.after ?? (before ? [before.id] : [])]
    }),
  )
}

/** The stages no other stage comes after: a sound workflow has exactly one, which decides. */
export function lastStages(stages: readonly Stage[]): Stage[] {
  const waitedOn = new Set([...stagePredecessors(stages).values()].flat())
  return stages.filter((stage) => !waitedOn.has(stage.id))
}

/**
 * What a definition's stages must be, each problem at its place under `decision.stages`:
 * ids once, `after` naming a stage there is, no stage waiting for itself or in a cycle
 * (`a cycle: check → approve → check`), exactly one last stage, and that one for a role
 * that decides.
 */
export function stageProblems(stages: readonly Stage[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = []
  const at = (i: number) => `decision.stages[${i}]`
  const ids = new Set<string>()
  stages.forEach((stage, i) => {
    if (ids.has(stage.id)) problems.push({ path: `${at(i)}.id`, message: `stage ${stage.id} is named twice` })
    ids.add(stage.id)
  })
  // Two stages of one name make every `after` naming it ambiguous: that is said first, alone.
  if (problems.length > 0) return problems
  stages.forEach((stage, i) => {
    stage.after?.forEach((earlier, a) => {
      if (!ids.has(earlier)) problems.push({ path: `${at(i)}.after[${a}]`, message: `no stage ${earlier}` })
    })
  })
  if (problems.length > 0) return problems
  const predecessors = stagePredecessors(stages)
  let cycle = false
  stages.forEach((stage, i) => {
    const way = waitsOn(stage.id, predecessors)
    if (!way) return
    cycle = true
    problems.push({ path: `${at(i)}.after`, message: `a cycle: ${way.join(' → ')}` })
  })
  if (stages.length === 0 || cycle) return problems
  const last = lastStages(stages)
  if (last.length > 1) {
    problems.push({
      path: 'decision.stages',
      message: `exactly one stage comes last, and decides: ${last.map((s) => s.id).join(', ')} all do`,
    })
  }
  const [final] = last
  if (last.length === 1 && final && !decidingRoles.has(final.role)) {
    problems.push({
      path: `${at(stages.indexOf(final))}.role`,
      message: `the last stage decides: a decider or a supervisor, not a ${final.role}`,
    })
  }
  return problems
}
