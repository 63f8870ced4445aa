/**
 * Life-event bundles (Diia's eMalyatko): one application that fans out to the
 * applications of several services, each decided by its own agency, with one status
 * for the citizen. A part starts at once, or once the parts it waits for are approved
 * (the birth benefit after the birth is registered); a part whose predecessor is refused
 * is not started. Each part is an application made with a key derived from the bundle's
 * id, so a bundle advanced twice at once, or again after a crash, makes each part once.
 */
import { isPolisError, PolisError } from '@polis/kernel'
import type { FieldError } from './answers.ts'
import {
  ApplicationRefused,
  type ApplicationStatus,
  type ApplicationView,
  answersOf,
  appendEvents,
  checkApplication,
  findApplication,
  notifyCitizen,
  questionOfRegistryValue,
  readApplicantData,
  type ServicePorts,
  submitApplication,
} from './applications.ts'
import type { BundlePart, DefinitionProblem, ServiceDefinition, Text3 } from './definition.ts'
import { holds, type RuleData } from './rules.ts'

/** Where a part stands: not yet made, not asked for, refused at submission, not made, or its application's status. */
export type PartState = 'waiting' | 'skipped' | 'refused' | 'cancelled' | ApplicationStatus

/** A part of a bundle as the citizen and officials read it. */
export interface PartProgress {
  id: string
  serviceCode: string
  state: PartState
  /** Its application, once made. */
  applicationId?: string
  /** Why it was refused at submission (not eligible), or the code of the refusal. */
  reasons?: Text3[]
  code?: string
  /** The part whose refusal left it unmade, or those it waits for. */
  after?: string[]
}

/**
 * A bundle's parts against the catalogue: each a service there is, not a bundle, without
 * a fee (a bundle is one submission, with nothing to pay), its answers naming questions
 * the service asks.
 */
export function bundlePartProblems(
  definition: ServiceDefinition,
  find: (code: string) => ServiceDefinition | undefined,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = []
  definition.parts.forEach((part, i) => {
    const service = find(part.service)
    if (!service) {
      problems.push({ path: `parts[${i}].service`, message: `no live service ${part.service}` })
      return
    }
    if (service.decision.by === 'bundle') {
      problems.push({ path: `parts[${i}].service`, message: `${part.service} is a bundle itself` })
    }
    if (service.fee || service.decision.by === 'payment') {
      problems.push({ path: `parts[${i}].service`, message: `${part.service} asks for a fee` })
    }
    const asked = new Set(service.pages.flatMap((p) => p.fields.map((f) => f.id)))
    for (const name of Object.keys(part.answers)) {
      if (!asked.has(name)) {
        problems.push({ path: `parts[${i}].answers.${name}`, message: `${part.service} asks no ${name}` })
      }
    }
  })
  return problems
}

/** A part's answers: the bundle's answer each names (left out when not given), or the fixed value. */
export function partAnswers(part: BundlePart, answers: Record<string, unknown>): Record<string, unknown> {
  const given: Record<string, unknown> = {}
  for (const [name, source] of Object.entries(part.answers)) {
    const value = typeof source === 'string' && source.startsWith('answers.') ? answers[source.slice(8)] : source
    if (value !== undefined && value !== null && value !== '') given[name] = value
  }
  return given
}

/** The client key of a part's application: the same for the same bundle and part, whoever makes it. */
const partKey = (bundleId: string, part: BundlePart) => `bundle-${bundleId}-${part.id}`

/**
 * Checks the parts a bundle would start at once, writing nothing, so a submission they
 * would refuse (the father's tax number unknown to the registers) is refused at the
 * bundle's own question, with the part's code. Parts that wait are checked when they start.
 */
export async function checkBundleStart(
  ports: ServicePorts,
  definition: ServiceDefinition,
  citizenId: string,
  answers: Record<string, unknown>,
  data: RuleData,
): Promise<void> {
  for (const part of definition.parts) {
    if (part.after.length > 0 || (part.when !== undefined && !holds(part.when, data))) continue
    const service = ports.findService(part.service)
    try {
      await checkApplication(ports, service, citizenId, partAnswers(part, answers))
    } catch (error) {
      if (!(error instanceof PolisError)) throw error
      // The part's question, as the bundle asks it.
      const question = (name: string | undefined) => {
        const source = name === undefined ? undefined : part.answers[name]
        return typeof source === 'string' && source.startsWith('answers.') ? source.slice(8) : undefined
      }
      if (error instanceof ApplicationRefused) {
        const fields = error.fields
          .map((f) => ({ ...f, field: question(f.field) }))
          .filter((f): f is FieldError => f.field !== undefined)
        const code = error.code as 'ERR_NOT_ELIGIBLE' | 'ERR_FORM_INVALID'
        throw new ApplicationRefused(code, { reasons: error.reasons, fields })
      }
      const field = question(error.field && questionOfRegistryValue(service, error.field))
      throw new PolisError(error.code, { ...(field ? { field } : {}), cause: error })
    }
  }
}

interface PartApplication {
  id: string
  status: string
}

/** Each part's state, from the bundle's events and its parts' applications. */
function progressOf(definition: ServiceDefinition, bundle: ApplicationView, applications: PartApplication[]) {
  const byId = new Map(applications.map((a) => [a.id, a]))
  const recorded = new Map<string, Record<string, unknown>>()
  for (const event of bundle.events) {
    if (event.type.startsWith('part-')) recorded.set(String(event.data.part), { ...event.data, type: event.type })
  }
  return definition.parts.map((part): PartProgress => {
    const event = recorded.get(part.id)
    const base = { id: part.id, serviceCode: part.service }
    if (!event) return { ...base, state: 'waiting', ...(part.after.length > 0 ? { after: part.after } : {}) }
    if (event.type === 'part-started') {
      const application = byId.get(String(event.application))
      return {
        ...base,
        state: (application?.status ?? 'submitted') as ApplicationStatus,
        applicationId: String(event.application),
      }
    }
    if (event.type === 'part-refused') {
      return { ...base, state: 'refused', reasons: event.reasons as Text3[], code: String(event.code) }
    }
    if (event.type === 'part-cancelled') return { ...base, state: 'cancelled', after: [String(event.after)] }
    return { ...base, state: 'skipped' }
  })
}

/** The parts of a bundle as they stand, for its status page; empty for an application that is not a bundle. */
export async function bundleProgress(ports: ServicePorts, bundle: ApplicationView): Promise<PartProgress[]> {
  const definition = await ports.findServiceVersion(bundle.serviceCode, bundle.serviceVersion)
  if (definition.decision.by !== 'bundle') return []
  return progressOf(definition, bundle, await partApplications(ports, bundle.id))
}

/** The bundle an application is a part of, if it is one. */
export async function bundleOf(ports: ServicePorts, applicationId: string) {
  const row = await ports.store.db
    .selectFrom('applications as part')
    .innerJoin('applications as bundle', 'bundle.id', 'part.bundle_id')
    .select(['bundle.id', 'bundle.service_code'])
    .where('part.id', '=', applicationId)
    .executeTakeFirst()
  return row ? { id: row.id, serviceCode: row.service_code } : undefined
}

async function partApplications(ports: ServicePorts, bundleId: string): Promise<PartApplication[]> {
  return ports.store.db.selectFrom('applications').select(['id', 'status']).where('bundle_id', '=', bundleId).execute()
}

const failed = new Set<PartState>(['rejected', 'skipped', 'refused', 'cancelled'])
const finished = new Set<PartState>([...failed, 'completed'])

/**
 * Moves a bundle on: makes the parts whose turn has come (their predecessors approved
 * and carried out), leaves out those not asked for or whose predecessor was refused,
 * and closes the bundle once every part is finished, telling the citizen. Safe to call
 * any number of times, at once from several processes: a part is made once by its key,
 * and recorded once under the bundle's row lock.
 */
export async function advanceBundle(ports: ServicePorts, bundleId: string): Promise<void> {
  // Each round starts parts or records; a part decided at once lets the next round go on.
  for (let round = 0; round <= 13; round++) {
    const row = await ports.store.db
      .selectFrom('applications')
      .select(['citizen_id', 'status'])
      .where('id', '=', bundleId)
      .executeTakeFirst()
    if (row?.status !== 'in-progress') return
    const bundle = await findApplication(ports.store, row.citizen_id, bundleId)
    const definition = await ports.findServiceVersion(bundle.serviceCode, bundle.serviceVersion)
    const progress = progressOf(definition, bundle, await partApplications(ports, bundleId))
    const stateOf = new Map(progress.map((p) => [p.id, p.state]))
    const answers = answersOf(bundle)
    const waiting = definition.parts.filter((p) => stateOf.get(p.id) === 'waiting')
    const data = waiting.some((p) => p.when !== undefined)
      ? { ...(await readApplicantData(ports, definition, row.citizen_id)), answers }
      : undefined
    const at = ports.now().toISOString()
    const steps: Array<{ type: string; data: Record<string, unknown> }> = []
    for (const part of waiting) {
      if (part.when !== undefined && data && !holds(part.when, data)) {
        steps.push({ type: 'part-skipped', data: { part: part.id, service: part.service } })
        continue
      }
      const blocker = part.after.find((p) => failed.has(stateOf.get(p) ?? 'waiting'))
      if (blocker) {
        steps.push({ type: 'part-cancelled', data: { part: part.id, service: part.service, after: blocker } })
        continue
      }
      if (!part.after.every((p) => stateOf.get(p) === 'completed')) continue
      steps.push(await startPart(ports, { bundleId, citizenId: row.citizen_id, part, answers }))
    }
    // Recorded as of now, after the parts it made: a part changed later is one the sweep looks at.
    const recorded = await recordSteps(ports, bundleId, steps, ports.now().toISOString())
    if (recorded === 'closed') return
    if (steps.length > 0) continue
    // Nothing to start: closed once every part is finished.
    if (progress.every((p) => finished.has(p.state))) {
      const closed = await recordSteps(ports, bundleId, [{ type: 'completed', data: {} }], at)
      if (closed === 'recorded') {
        const body = definition.notifications.approved ?? allDecided
        await notifyCitizen(ports, row.citizen_id, bundleId, definition.name, body)
      }
      return
    }
    // Seen as it stands (a part taken by an official): the sweep looks again when a part changes.
    await ports.store.db
      .updateTable('applications')
      .set({ updated_at: ports.now().toISOString() })
      .where('id', '=', bundleId)
      .where('status', '=', 'in-progress')
      .execute()
    return
  }
}

/** Makes a part's application; a refusal (not eligible, the registers say no) is the part's state, not an error. */
async function startPart(
  ports: ServicePorts,
  options: { bundleId: string; citizenId: string; part: BundlePart; answers: Record<string, unknown> },
): Promise<{ type: string; data: Record<string, unknown> }> {
  const { part } = options
  try {
    const application = await submitApplication(ports, {
      definition: ports.findService(part.service),
      citizenId: options.citizenId,
      clientKey: partKey(options.bundleId, part),
      answers: partAnswers(part, options.answers),
      bundleId: options.bundleId,
    })
    return { type: 'part-started', data: { part: part.id, service: part.service, application: application.id } }
  } catch (error) {
    if (!isPolisError(error)) throw error
    const reasons = error instanceof ApplicationRefused ? error.reasons : []
    return { type: 'part-refused', data: { part: part.id, service: part.service, code: error.code, reasons } }
  }
}

/**
 * Appends steps to the bundle while it is in progress, under its row's lock, each part
 * recorded once: a step another process recorded meanwhile is dropped. `completed` closes it.
 */
async function recordSteps(
  ports: ServicePorts,
  bundleId: string,
  steps: Array<{ type: string; data: Record<string, unknown> }>,
  at: string,
): Promise<'recorded' | 'nothing' | 'closed'> {
  if (steps.length === 0) return 'nothing'
  return ports.store.db.transaction().execute(async (trx) => {
    const locked = await trx
      .updateTable('applications')
      .set({ updated_at: at })
      .where('id', '=', bundleId)
      .where('status', '=', 'in-progress')
      .executeTakeFirst()
    if (Number(locked.numUpdatedRows) !== 1) return 'closed'
    const events = await trx
      .selectFrom('application_events')
      .select(['seq', 'type', 'data'])
      .where('application_id', '=', bundleId)
      .orderBy('seq')
      .execute()
    const done = new Set(events.filter((e) => e.type.startsWith('part-')).map((e) => String(JSON.parse(e.data).part)))
    const fresh = steps.filter((s) => s.type === 'completed' || !done.has(String(s.data.part)))
    if (fresh.length === 0) return 'nothing'
    await appendEvents(
      trx,
      bundleId,
      events.at(-1)?.seq ?? 0,
      fresh.map((s) => ({ type: s.type, at, actor: 'system', reason: null, data: s.data })),
    )
    if (fresh.some((s) => s.type === 'completed')) {
      await trx.updateTable('applications').set({ status: 'completed' }).where('id', '=', bundleId).execute()
    }
    return 'recorded'
  })
}

/** After a part's decision: its bundle moves on (a failure is left to the next sweep). */
export async function advanceBundleOf(ports: ServicePorts, applicationId: string): Promise<void> {
  const row = await ports.store.db
    .selectFrom('applications')
    .select('bundle_id')
    .where('id', '=', applicationId)
    .executeTakeFirst()
  if (!row?.bundle_id) return
  await advanceBundle(ports, row.bundle_id).catch(() => undefined)
}

/**
 * Moves on what a crash between a part's decision and its bundle's next step left
 * behind: the bundles in progress with a part changed since the bundle last recorded a
 * step, or with no part made yet. A bundle waiting for an official is not among them.
 * Answers how many it moved.
 */
export async function advanceBundles(ports: ServicePorts, options: { limit?: number } = {}): Promise<number> {
  const rows = await ports.store.db
    .selectFrom('applications as bundle')
    .leftJoin('applications as part', 'part.bundle_id', 'bundle.id')
    .select('bundle.id')
    .distinct()
    .where('bundle.status', '=', 'in-progress')
    .where((eb) => eb.or([eb('part.id', 'is', null), eb('part.updated_at', '>', eb.ref('bundle.updated_at'))]))
    .limit(options.limit ?? 50)
    .execute()
  for (const row of rows) await advanceBundle(ports, row.id)
  return rows.length
}

const allDecided: Text3 = {
  uk: 'Усі послуги вашої заяви розглянуто. Підсумок — на сторінці заяви.',
  en: 'Every service of your application is decided. The page of the application shows each.',
  et: 'Kõik teie taotluse teenused on otsustatud. Taotluse lehel on näha igaüks.',
}
