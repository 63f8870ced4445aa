/**
 * Where a case stands in its service's stages, read from its events: each `stage-passed`
 * names the stage and who passed it. Passing a stage, and deciding at the last, are
 * refused to an official who acted at another stage of the same case (four eyes), and
 * an approval before the last stage is refused.
 */
import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { type ApplicationEvent, appendEvents } from './applications.ts'
import type { ServiceDefinition, Stage } from './definition.ts'
import { lastStages, stagePredecessors } from './workflow-stages.ts'

/** A stage passed: which, by whom (`official:<id>`), when, and the official's note to the next stages. */
export interface StagePassed {
  stage: string
  actor: string
  at: string
  note: string | null
}

/** A case's place in its stages. */
export interface CaseStages {
  /** The version's stages, in their list's order. */
  stages: Stage[]
  passed: StagePassed[]
  /** The stages whose turn it is: not passed, every stage before them passed. */
  open: Stage[]
  /** The stage that decides. */
  last: Stage
  /** The officials who passed a stage, who act at no other stage of this case. */
  actors: ReadonlySet<string>
}

/** The stages of a service an official decides in stages; undefined for one decided in one step. */
export function stagesOf(definition: ServiceDefinition): Stage[] | undefined {
  const { decision } = definition
  return decision.by === 'official' && decision.stages && decision.stages.length > 0 ? decision.stages : undefined
}

/** Where a case stands in its stages, from its events; undefined when its service has none. */
export function caseStages(
  definition: ServiceDefinition,
  events: ReadonlyArray<Pick<ApplicationEvent, 'type' | 'actor' | 'at' | 'reason' | 'data'>>,
): CaseStages | undefined {
  const stages = stagesOf(definition)
  const [last] = stages ? lastStages(stages) : []
  if (!stages || !last) return undefined
  const passed = events
    .filter((e) => e.type === 'stage-passed' && typeof e.data.stage === 'string')
    .map((e) => ({
      stage: e.data.stage as string,
      actor: e.actor,
      at: e.at,
      note: typeof e.data.note === 'string' ? e.data.note : null,
    }))
  const done = new Set(passed.map((p) => p.stage))
  const predecessors = stagePredecessors(stages)
  const open = stages.filter(
    (stage) => !done.has(stage.id) && (predecessors.get(stage.id) ?? []).every((id) => done.has(id)),
  )
  return { stages, passed, open, last, actors: new Set(passed.map((p) => p.actor)) }
}

/** What an official may do with a case at the stages now open, by their roles. */
export function stageActions(
  at: CaseStages,
  official: { actor: string; roles: readonly string[] },
): {
  /** Acted at another stage of this case: acts at no other (four eyes). */
  barred: boolean
  /** Open stages before the last that their role passes on. */
  pass: Stage[]
  /** The last stage is open and their role decides it. */
  decide: boolean
  /** An open stage is for their role: they may refuse the case or ask the citizen there. */
  act: boolean
} {
  const barred = at.actors.has(official.actor)
  const mine = barred ? [] : at.open.filter((stage) => official.roles.includes(stage.role))
  return {
    barred,
    pass: mine.filter((stage) => stage !== at.last),
    decide: mine.includes(at.last),
    act: mine.length > 0,
  }
}

/**
 * Refuses a decision the stages do not allow: an official who passed a stage of this case
 * deciding it (ERR_STAGE_SAME_OFFICIAL), and an approval before the last stage
 * (ERR_STAGE_NOT_OPEN). A decision not by an official (a co-applicant's refusal) and a
 * service without stages pass.
 */
export async function assertStageDecides(
  store: Store,
  definition: ServiceDefinition,
  id: string,
  decision: { outcome: 'approve' | 'reject'; actor: string },
): Promise<void> {
  if (!stagesOf(definition) || !decision.actor.startsWith('official:')) return
  const at = caseStages(definition, await readEvents(store.db, id))
  if (!at) return
  if (at.actors.has(decision.actor)) throw new PolisError('ERR_STAGE_SAME_OFFICIAL')
  if (decision.outcome === 'approve' && !(at.open.length === 1 && at.open[0] === at.last)) {
    throw new PolisError('ERR_STAGE_NOT_OPEN', { detail: `approved at the last stage, ${at.last.id}` })
  }
}

/**
 * An official passes a stage before the last: the case moves on to the next stages, and
 * goes back to the queue for their role. Only while the case is in review, at that stage,
 * by an official of its role who acted at no other stage of it. Checked and recorded
 * under the application's row lock, so of two passing it at once one does.
 */
export async function passStage(
  ports: { store: Store; now: () => Date },
  definition: ServiceDefinition,
  options: { applicationId: string; stage: string; actor: string; roles: readonly string[]; note?: string },
): Promise<void> {
  const { applicationId: id } = options
  if (!stagesOf(definition)) throw new PolisError('ERR_STAGE_NOT_OPEN', { detail: 'the service has no stages' })
  const at = ports.now().toISOString()
  await ports.store.db.transaction().execute(async (trx) => {
    const locked = await trx
      .updateTable('applications')
      .set({ updated_at: at, assignee: null })
      .where('id', '=', id)
      .where('status', '=', 'in-review')
      .executeTakeFirst()
    if (Number(locked.numUpdatedRows) !== 1) {
      throw new PolisError('ERR_STAGE_NOT_OPEN', { detail: 'the case is not waiting for an official' })
    }
    const events = await readEvents(trx, id)
    const stages = caseStages(definition, events)
    const stage = stages?.open.find((s) => s.id === options.stage)
    if (!stages || !stage || stage === stages.last) {
      throw new PolisError('ERR_STAGE_NOT_OPEN', { detail: `${options.stage} is not a stage open to pass` })
    }
    if (stages.actors.has(options.actor)) throw new PolisError('ERR_STAGE_SAME_OFFICIAL')
    if (!options.roles.includes(stage.role)) {
      throw new PolisError('ERR_FORBIDDEN', { detail: `the stage ${stage.id} is for a ${stage.role}` })
    }
    const last = events.at(-1)?.seq ?? 0
    await appendEvents(trx, id, last, [
      {
        type: 'stage-passed',
        at,
        actor: options.actor,
        // The note is the officials' own: kept in the data, which the citizen's history does not show.
        reason: null,
        data: { stage: stage.id, ...(options.note?.trim() ? { note: options.note.trim() } : {}) },
      },
    ])
  })
}

async function readEvents(db: Store['db'], id: string): Promise<ApplicationEvent[]> {
  const rows = await db
    .selectFrom('application_events')
    .select(['seq', 'type', 'at', 'actor', 'reason', 'data'])
    .where('application_id', '=', id)
    .orderBy('seq', 'asc')
    .execute()
  return rows.map((row) => ({ ...row, seq: Number(row.seq), data: JSON.parse(row.data) as Record<string, unknown> }))
}
