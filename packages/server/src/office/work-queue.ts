import { type CaseStages, caseStages, type ServiceDefinition, stageActions } from '@polis/services'
import type { Store } from '@polis/store'
import type { ServiceEngine } from '../services/create-service-engine.ts'

/** What an official asked the queue to show. */
export interface QueueFilter {
  /** Waiting for an official, waiting for the citizen's answer, or every case. */
  status: 'waiting' | 'asked' | 'all'
  /** One of the agency's services, or any. */
  service: string | undefined
  /** Taken by anyone, by the official looking, or by nobody yet. */
  who: 'anyone' | 'mine' | 'unassigned'
  /** Waiting for any role, or for one of the official's own (at a stage they may act at). */
  role: 'any' | 'mine'
}

/** A case as the queue lists it. */
export interface QueuedCase {
  id: string
  serviceCode: string
  status: string
  createdAt: string
  assignee: string | null
  /** When the decision is due, for a service an official decides within a deadline. */
  due: string | null
  /** Still waiting for an official after its due date. */
  overdue: boolean
  /** Where it stands in its service's stages; null for a service decided in one step. */
  stages: CaseStages | null
}

const statuses = ['waiting', 'asked', 'all'] as const
const whos = ['anyone', 'mine', 'unassigned'] as const
const roles = ['any', 'mine'] as const
const oneOf = <T extends string>(values: readonly T[], value: string | undefined, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback

/** The filter from the queue's address; anything unknown (another agency's service) falls back to the default. */
export function queueFilter(query: Record<string, string>, engine: ServiceEngine, agency: string): QueueFilter {
  const service = engine.catalogue.find((d) => d.code === query.service && d.agency === agency)?.code
  return {
    status: oneOf(statuses, query.status, 'waiting'),
    service,
    who: oneOf(whos, query.who, 'anyone'),
    role: oneOf(roles, query.role, 'any'),
  }
}

/** Cases read at most for one queue page, and shown at most. */
const readAtMost = 5000
const showAtMost = 200

/**
 * The agency's cases that match the filter, the most urgent first: those due soonest
 * (overdue ones at the top), then those without a deadline, oldest first. Only the
 * official's own agency is ever read. Each case's stage is read from its events under
 * the version it was submitted under; "my roles" keeps the cases waiting at a stage the
 * official may act at (a service without stages waits for a decider).
 */
export async function findQueue(
  store: Store,
  options: {
    official: { id: string; agency: string; roles: readonly string[] }
    filter: QueueFilter
    now: Date
    definitionOf: (code: string, version: number) => Promise<ServiceDefinition>
  },
): Promise<{ cases: QueuedCase[]; total: number; overdue: number }> {
  const { official, filter, now } = options
  let query = store.db
    .selectFrom('applications')
    .select(['id', 'service_code', 'service_version', 'status', 'created_at', 'assignee'])
    .where('agency', '=', official.agency)
    .orderBy('created_at', 'asc')
    .limit(readAtMost)
  if (filter.status === 'waiting') query = query.where('status', '=', 'in-review')
  if (filter.status === 'asked') query = query.where('status', '=', 'info-requested')
  if (filter.service) query = query.where('service_code', '=', filter.service)
  if (filter.who === 'mine') query = query.where('assignee', '=', `official:${official.id}`)
  if (filter.who === 'unassigned') query = query.where('assignee', 'is', null)
  const rows = await query.execute()

  // Each case's deadline was set when it was queued for an official; its stages passed are events too.
  const dues = new Map<string, string>()
  const passes = new Map<
    string,
    Array<{ type: string; actor: string; at: string; reason: string | null; data: Record<string, unknown> }>
  >()
  for (let from = 0; from < rows.length; from += 500) {
    const ids = rows.slice(from, from + 500).map((row) => row.id)
    const events = await store.db
      .selectFrom('application_events')
      .select(['application_id', 'type', 'actor', 'at', 'reason', 'data'])
      .where('application_id', 'in', ids)
      .where('type', 'in', ['queued', 'stage-passed'])
      .orderBy('seq', 'asc')
      .execute()
    for (const event of events) {
      const data = JSON.parse(event.data) as Record<string, unknown>
      if (event.type === 'queued' && typeof data.due === 'string') dues.set(event.application_id, data.due)
      if (event.type === 'stage-passed') {
        passes.set(event.application_id, [...(passes.get(event.application_id) ?? []), { ...event, data }])
      }
    }
  }
  const definitions = new Map<string, ServiceDefinition>()
  for (const row of rows) {
    const key = `${row.service_code}@${row.service_version}`
    if (!definitions.has(key)) definitions.set(key, await options.definitionOf(row.service_code, row.service_version))
  }
  const today = now.toISOString()
  const actor = `official:${official.id}`
  const mayAct = (row: (typeof rows)[number], stages: CaseStages | null) =>
    row.status === 'in-review' &&
    (stages ? stageActions(stages, { actor, roles: official.roles }).act : official.roles.includes('decider'))
  const cases = rows.flatMap((row): QueuedCase[] => {
    const due = dues.get(row.id) ?? null
    const definition = definitions.get(`${row.service_code}@${row.service_version}`)
    const stages = (definition && caseStages(definition, passes.get(row.id) ?? [])) ?? null
    if (filter.role === 'mine' && !mayAct(row, stages)) return []
    const queued: QueuedCase = {
      id: row.id,
      serviceCode: row.service_code,
      status: row.status,
      createdAt: row.created_at,
      assignee: row.assignee,
      due,
      overdue: row.status === 'in-review' && due !== null && due < today,
      stages,
    }
    return [queued]
  })
  cases.sort((a, b) => {
    if (a.due && b.due && a.due !== b.due) return a.due < b.due ? -1 : 1
    if (a.due && !b.due) return -1
    if (!a.due && b.due) return 1
    return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0
  })
  return {
    cases: cases.slice(0, showAtMost),
    total: cases.length,
    overdue: cases.filter((c) => c.overdue).length,
  }
}
