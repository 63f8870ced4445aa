import { PolisError } from '@polis/kernel'
import type { ServiceVersionEventTable, Store } from '@polis/store'
import { bundlePartProblems } from './bundles.ts'
import { checkDefinition, type DefinitionProblem } from './definition.ts'
import {
  findLiveVersion,
  getServiceVersion,
  publishedStates,
  type ServiceVersion,
  type ServiceVersionState,
} from './service-versions.ts'

/** A definition refused before review or publishing: every problem at its exact path. */
export class DefinitionRefused extends PolisError {
  readonly problems: DefinitionProblem[]
  constructor(problems: DefinitionProblem[]) {
    super('ERR_SERVICE_DEFINITION_INVALID', {
      detail: problems
        .slice(0, 5)
        .map((p) => `${p.path || '(root)'}: ${p.message}`)
        .join('; '),
    })
    this.problems = problems
  }
}

/** Who takes a step and when: `official:<id>`, `operator` (the CLI). */
export interface Actor {
  actor: string
  now: Date
}

type Db = Store['db']
type EventType = ServiceVersionEventTable['type']

/**
 * The lifecycle as data: which states a step starts from. A draft is edited and sent for
 * review; a second official publishes it or sends it back; a live version is retired, or
 * replaced by the next publish or a rollback (it becomes superseded).
 */
const stepFrom: Record<'update' | 'submit' | 'approve' | 'send-back' | 'retire', ServiceVersionState[]> = {
  update: ['draft'],
  submit: ['draft'],
  approve: ['in-review'],
  'send-back': ['in-review'],
  retire: ['live'],
}

function assertState(found: ServiceVersion, step: keyof typeof stepFrom): void {
  if (!stepFrom[step].includes(found.state)) {
    throw new PolisError('ERR_VERSION_STATE', { detail: `${step} a ${found.state} version` })
  }
}

/**
 * One step in one transaction: the catalogue counter is bumped first, which on PostgreSQL
 * also queues lifecycle steps one after another (so history numbers and version numbers
 * are never taken twice), then the change, then the history entry.
 */
async function step<T>(
  store: Store,
  code: string,
  change: (trx: Db) => Promise<{ result: T; version: number; type: EventType; actor: string; reason?: string }>,
  at: Date,
): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('service_catalogue')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', 'live')
      .execute()
    const done = await change(trx)
    const last = await trx
      .selectFrom('service_version_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('code', '=', code)
      .executeTakeFirst()
    await trx
      .insertInto('service_version_events')
      .values({
        code,
        seq: Number(last?.seq ?? 0) + 1,
        version: done.version,
        type: done.type,
        actor: done.actor,
        at: at.toISOString(),
        reason: done.reason ?? null,
      })
      .execute()
    return done.result
  })
}

/** The definition with its version number set to the row's (a draft copied from v3 becomes v5 inside too). */
function numbered(definition: unknown, version: number): unknown {
  return definition !== null && typeof definition === 'object' && !Array.isArray(definition)
    ? { ...definition, version }
    : definition
}

/** Everything that stops a version being reviewed or published, each at its path. */
export function publishProblems(code: string, definition: unknown): DefinitionProblem[] {
  const checked = checkDefinition(definition)
  if ('problems' in checked) return checked.problems
  if (checked.definition.code !== code) {
    return [{ path: 'code', message: `the service is ${code}, not ${checked.definition.code}` }]
  }
  return []
}

/**
 * Refuses (DefinitionRefused) a version that may not be reviewed or published: its own
 * problems, and for a bundle, parts that are not live services it may apply for (the
 * same check the shipped catalogue gets when it loads).
 */
async function refuseUnpublishable(trx: Db, code: string, definition: unknown): Promise<void> {
  const problems = publishProblems(code, definition)
  if (problems.length === 0) {
    const checked = checkDefinition(definition)
    if ('definition' in checked && checked.definition.parts.length > 0) {
      const rows = await trx
        .selectFrom('service_versions')
        .select(['code', 'definition'])
        .where('state', '=', 'live')
        .where(
          'code',
          'in',
          checked.definition.parts.map((p) => p.service),
        )
        .execute()
      const live = new Map(rows.map((r) => [r.code, checkDefinition(JSON.parse(r.definition))]))
      problems.push(
        ...bundlePartProblems(checked.definition, (part) => {
          const found = live.get(part)
          return found && 'definition' in found ? found.definition : undefined
        }),
      )
    }
  }
  if (problems.length > 0) throw new DefinitionRefused(problems)
}

async function nextVersion(trx: Db, code: string): Promise<number> {
  const last = await trx
    .selectFrom('service_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('code', '=', code)
    .executeTakeFirst()
  return Number(last?.version ?? 0) + 1
}

/**
 * A new draft of a service: a copy of its live version (`from: 'live'`) or of an earlier
 * one (`from: 3`), or the definition given (built from scratch, or imported from a file).
 * It takes the next version number of its code.
 */
export async function createDraft(
  store: Store,
  options: Actor & { code: string; from?: 'live' | number; definition?: unknown },
): Promise<ServiceVersion> {
  return step(
    store,
    options.code,
    async (trx) => {
      let source: unknown = options.definition
      let basedOn: number | null = null
      if (options.from !== undefined) {
        const base =
          options.from === 'live'
            ? await findLiveVersion(trx, options.code)
            : await getServiceVersion(trx, { code: options.code, version: options.from })
        if (!base) throw new PolisError('ERR_UNKNOWN_SERVICE', { detail: `${options.code} has no live version` })
        source = base.definition
        basedOn = base.version
      }
      if (source === undefined) throw new PolisError('ERR_BAD_REQUEST', { detail: 'a definition or a version to copy' })
      const version = await nextVersion(trx, options.code)
      const at = options.now.toISOString()
      await trx
        .insertInto('service_versions')
        .values({
          code: options.code,
          version,
          state: 'draft',
          definition: JSON.stringify(numbered(source, version)),
          based_on: basedOn,
          created_by: options.actor,
          created_at: at,
          updated_at: at,
          reviewed_by: null,
          published_at: null,
          revision: 1,
        })
        .execute()
      const result = await getServiceVersion(trx, { code: options.code, version })
      return {
        result,
        version,
        type: 'created',
        actor: options.actor,
        ...(basedOn ? { reason: `from v${basedOn}` } : {}),
      }
    },
    options.now,
  )
}

/**
 * Replaces a draft's definition. `revision` is the one the official read: if anyone saved
 * the draft since, nothing is written and the answer is ERR_DRAFT_CHANGED.
 */
export async function updateDraft(
  store: Store,
  options: Actor & { code: string; version: number; revision: number; definition: unknown },
): Promise<ServiceVersion> {
  return step(
    store,
    options.code,
    async (trx) => {
      const found = await getServiceVersion(trx, options)
      assertState(found, 'update')
      const updated = await trx
        .updateTable('service_versions')
        .set((eb) => ({
          definition: JSON.stringify(numbered(options.definition, options.version)),
          updated_at: options.now.toISOString(),
          revision: eb('revision', '+', 1),
        }))
        .where('code', '=', options.code)
        .where('version', '=', options.version)
        .where('state', '=', 'draft')
        .where('revision', '=', options.revision)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new PolisError('ERR_DRAFT_CHANGED', { detail: `${options.code} v${options.version}` })
      }
      const result = await getServiceVersion(trx, options)
      return { result, version: options.version, type: 'updated', actor: options.actor }
    },
    options.now,
  )
}

/** Sends a draft for review; refused (DefinitionRefused) unless its definition validates. */
export async function submitForReview(
  store: Store,
  options: Actor & { code: string; version: number },
): Promise<ServiceVersion> {
  return step(
    store,
    options.code,
    async (trx) => {
      const found = await getServiceVersion(trx, options)
      assertState(found, 'submit')
      await refuseUnpublishable(trx, options.code, found.definition)
      await setState(trx, options, 'in-review', {})
      const result = await getServiceVersion(trx, options)
      return { result, version: options.version, type: 'submitted', actor: options.actor }
    },
    options.now,
  )
}

async function setState(
  trx: Db,
  target: { code: string; version: number; now: Date },
  state: ServiceVersionState,
  extra: { reviewed_by?: string; published_at?: string },
): Promise<void> {
  await trx
    .updateTable('service_versions')
    .set({ state, updated_at: target.now.toISOString(), ...extra })
    .where('code', '=', target.code)
    .where('version', '=', target.version)
    .execute()
}

/** The live version, if any, becomes superseded; then this one is live. */
async function publish(trx: Db, target: { code: string; version: number; now: Date }, reviewedBy: string | null) {
  await trx
    .updateTable('service_versions')
    .set({ state: 'superseded', updated_at: target.now.toISOString() })
    .where('code', '=', target.code)
    .where('state', '=', 'live')
    .execute()
  await setState(trx, target, 'live', {
    published_at: target.now.toISOString(),
    ...(reviewedBy ? { reviewed_by: reviewedBy } : {}),
  })
}

/**
 * A second official approves a version in review, which publishes it: it becomes the live
 * version and the one before is superseded. Whoever created, edited or sent it for review
 * may not approve it (ERR_SAME_REVIEWER); the definition is checked once more.
 */
export async function approveVersion(
  store: Store,
  options: Actor & { code: string; version: number },
): Promise<ServiceVersion> {
  return step(
    store,
    options.code,
    async (trx) => {
      const found = await getServiceVersion(trx, options)
      assertState(found, 'approve')
      const authors = await trx
        .selectFrom('service_version_events')
        .select('actor')
        .where('code', '=', options.code)
        .where('version', '=', options.version)
        .where('type', 'in', ['created', 'updated', 'submitted'])
        .execute()
      if (found.createdBy === options.actor || authors.some((a) => a.actor === options.actor)) {
        throw new PolisError('ERR_SAME_REVIEWER')
      }
      await refuseUnpublishable(trx, options.code, found.definition)
      await publish(trx, options, options.actor)
      const result = await getServiceVersion(trx, options)
      return { result, version: options.version, type: 'published', actor: options.actor }
    },
    options.now,
  )
}

/** The reviewer sends a version back to its authors as a draft, saying why. */
export async function sendBack(
  store: Store,
  options: Actor & { code: string; version: number; reason: string },
): Promise<ServiceVersion> {
  const reason = options.reason.trim()
  if (reason.length === 0) throw new PolisError('ERR_BAD_REQUEST', { detail: 'a reason is required' })
  return step(
    store,
    options.code,
    async (trx) => {
      const found = await getServiceVersion(trx, options)
      assertState(found, 'send-back')
      await trx
        .updateTable('service_versions')
        .set((eb) => ({ state: 'draft', updated_at: options.now.toISOString(), revision: eb('revision', '+', 1) }))
        .where('code', '=', options.code)
        .where('version', '=', options.version)
        .execute()
      const result = await getServiceVersion(trx, options)
      return { result, version: options.version, type: 'returned', actor: options.actor, reason }
    },
    options.now,
  )
}

/**
 * Takes a service out of the catalogue: its live version is retired. Applications already
 * submitted finish under their own version; nobody can start a new one.
 */
export async function retireService(
  store: Store,
  options: Actor & { code: string; reason?: string },
): Promise<ServiceVersion> {
  return step(
    store,
    options.code,
    async (trx) => {
      const live = await findLiveVersion(trx, options.code)
      if (!live) throw new PolisError('ERR_VERSION_STATE', { detail: `${options.code} has no live version` })
      assertState(live, 'retire')
      const target = { code: options.code, version: live.version, now: options.now }
      await setState(trx, target, 'retired', {})
      const result = await getServiceVersion(trx, target)
      return {
        result,
        version: live.version,
        type: 'retired',
        actor: options.actor,
        ...(options.reason ? { reason: options.reason } : {}),
      }
    },
    options.now,
  )
}

/**
 * Publishes an earlier version's definition again, as a new version number (history is
 * never rewritten): the live version, if any, is superseded. Applications submitted under
 * any version keep it. The earlier version must have been published and still validate.
 */
export async function rollBack(
  store: Store,
  options: Actor & { code: string; to: number; reason?: string },
): Promise<ServiceVersion> {
  return step(
    store,
    options.code,
    async (trx) => {
      const earlier = await getServiceVersion(trx, { code: options.code, version: options.to })
      const live = await findLiveVersion(trx, options.code)
      if (!publishedStates.includes(earlier.state) || earlier.version === live?.version) {
        throw new PolisError('ERR_VERSION_STATE', { detail: `roll back to a ${earlier.state} version` })
      }
      const version = await nextVersion(trx, options.code)
      const definition = numbered(earlier.definition, version)
      await refuseUnpublishable(trx, options.code, definition)
      const at = options.now.toISOString()
      await trx
        .insertInto('service_versions')
        .values({
          code: options.code,
          version,
          state: 'draft',
          definition: JSON.stringify(definition),
          based_on: earlier.version,
          created_by: options.actor,
          created_at: at,
          updated_at: at,
          reviewed_by: null,
          published_at: null,
          revision: 1,
        })
        .execute()
      const target = { code: options.code, version, now: options.now }
      await publish(trx, target, null)
      const result = await getServiceVersion(trx, target)
      return {
        result,
        version,
        type: 'rolled-back',
        actor: options.actor,
        reason: options.reason ? `to v${earlier.version}: ${options.reason}` : `to v${earlier.version}`,
      }
    },
    options.now,
  )
}
