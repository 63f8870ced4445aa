/**
 * The builder's edits of an official's decision in stages: a stage added (its id, name in
 * three languages and the role that acts), renamed or given to another role, made to
 * come after other stages, moved in the list, or removed. An edit that would leave a
 * cycle, an `after` naming no stage, or two stages of one id is refused at its place
 * (`after: a cycle: check → approve → check`); one last stage for a role that decides is
 * asked for before publishing, since a workflow is built one stage at a time.
 */
import { z } from 'zod'
import { officeRoles, type Stage } from './definition.ts'
import { identifier, moved, refuse, Text } from './draft-edit-parts.ts'
import { stageProblems } from './workflow-stages.ts'

const stage = identifier
const role = z.enum(officeRoles)
/** The stages it comes after; empty: the stage before it in the list. */
const after = z.array(identifier).max(8)

export const StageEdit = [
  z.object({ action: z.literal('add-stage'), id: stage, name: Text, role, after }).strict(),
  z.object({ action: z.literal('set-stage'), stage, name: Text, role, after }).strict(),
  z.object({ action: z.literal('move-stage'), stage, by: z.union([z.literal(-1), z.literal(1)]) }).strict(),
  z.object({ action: z.literal('remove-stage'), stage }).strict(),
] as const

export type StageEditOf = z.infer<(typeof StageEdit)[number]>

/** The draft's decision with the stage edit made, or ERR_BUILDER_EDIT at the form's field. */
export function editStages(definition: Record<string, unknown>, edit: StageEditOf): void {
  const decision = (definition.decision ?? {}) as { by?: unknown; stages?: unknown }
  if (decision.by !== 'official') {
    throw refuse('stages', 'stages are an official’s decision: choose an official to decide first')
  }
  const stages = (Array.isArray(decision.stages) ? decision.stages : []) as Stage[]
  const indexOf = (id: string) => {
    const i = stages.findIndex((s) => s.id === id)
    if (i < 0) throw refuse('stage', `no stage ${id}`)
    return i
  }
  const made = (id: string, name: Stage['name'], role: Stage['role'], comesAfter: string[]): Stage => ({
    id,
    name,
    role,
    ...(comesAfter.length > 0 ? { after: comesAfter } : {}),
  })
  let next: Stage[]
  switch (edit.action) {
    case 'add-stage': {
      if (stages.some((s) => s.id === edit.id)) throw refuse('id', `a stage ${edit.id} is there already`)
      next = [...stages, made(edit.id, edit.name, edit.role, edit.after)]
      break
    }
    case 'set-stage': {
      const i = indexOf(edit.stage)
      if (edit.after.includes(edit.stage)) throw refuse('after', `${edit.stage} cannot come after itself`)
      next = stages.map((s, at) => (at === i ? made(s.id, edit.name, edit.role, edit.after) : s))
      break
    }
    case 'move-stage': {
      next = moved(stages, indexOf(edit.stage), edit.by)
      break
    }
    case 'remove-stage': {
      indexOf(edit.stage)
      const waiting = stages.filter((s) => s.after?.includes(edit.stage)).map((s) => s.id)
      if (waiting.length > 0) {
        throw refuse(
          'stage',
          `${waiting.join(', ')} come${waiting.length > 1 ? '' : 's'} after ${edit.stage}: change that first`,
        )
      }
      next = stages.filter((s) => s.id !== edit.stage)
      break
    }
  }
  // What no stage may ever be: refused now, at the form's field. One last stage that
  // decides is said among what the draft lacks, as the workflow is built stage by stage.
  const structural = stageProblems(next).filter((p) => p.path !== 'decision.stages' && !p.path.endsWith('.role'))
  const [first] = structural
  if (first) throw refuse(first.path.includes('.after') ? 'after' : 'id', first.message)
  if (next.length === 0) delete decision.stages
  else decision.stages = next
  definition.decision = decision
}
