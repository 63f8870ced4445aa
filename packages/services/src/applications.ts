import { randomUUID } from 'node:crypto'
import { isPolisError, messageOf, PolisError, type QueryRegistry, type RegistryName } from '@polis/kernel'
import type { Store } from '@polis/store'
import { checkAnswers, type FieldError } from './answers.ts'
import { claimAttachments, unusedAttachments } from './attachments.ts'
import { advanceBundle, advanceBundleOf, checkBundleStart } from './bundles.ts'
import { assertStageDecides } from './case-stages.ts'
import { type CertificateContent, certificateContent } from './certificate-content.ts'
import { assertConfirmed, confirmationRequests, tellCoApplicants } from './confirmations.ts'
import type { ServiceDefinition, Text3 } from './definition.ts'
import { type FeeDue, feeDue } from './fee-due.ts'
import { applyRule, holds, type RuleData } from './rules.ts'

/** What the engine needs of the platform: storage, the registries (read and write), the clock, the wallet. */
/** A write a service's output makes in a register, and why. */
export interface RegistryWrite {
  registry: RegistryName
  operation: string
  citizenId: string
  values: Record<string, unknown>
  /** `service:<code>`: the service whose system writes. */
  purpose: string
  /**
   * The write's key, `<application id>/<output>`: carried out again (a decision retried
   * after a write whose answer was lost), the register writes it once.
   */
  key?: string
}

export interface ServicePorts {
  store: Store
  queryRegistry: QueryRegistry
  now: () => Date
  /**
   * Writes a registry by one of the operations it offers (e.g. population `change-address`),
   * for `purpose` (`service:<code>`): the system that writes is the service's.
   */
  updateRegistry(update: RegistryWrite): Promise<void>
  /**
   * Makes a document ready for the holder's wallet, read from the registries as they now
   * stand, for `purpose` (`service:<code>`); answers which credential configurations the
   * wallet will receive.
   */
  issueDocument(citizenId: string, documentType: string, purpose: string): Promise<{ configurationIds: string[] }>
  /** Checks a registry write without writing: bad input is a PolisError with a stable code. */
  checkRegistryUpdate(update: RegistryWrite): Promise<void>
  /** Revokes the citizen's credentials of a document type, every format on every device; answers how many. */
  revokeDocument(citizenId: string, documentType: string, reason: string): Promise<{ revoked: number }>
  /** Lays out a certificate as a PDF sealed by the platform and keeps it with its application. */
  sealCertificate(certificate: CertificateContent): Promise<{ id: string; fileName: string }>
  /** The citizen of a tax number, as the tax register answers it, read for `purpose` (`service:<code>`). */
  findCitizenByTaxNumber(taxNumber: string, purpose: string): Promise<string | undefined>
  /** The live version of a service, for a bundle's part; ERR_UNKNOWN_SERVICE when none is live. */
  findService(code: string): ServiceDefinition
  /** The version an application was submitted under (a bundle's, to move it on). */
  findServiceVersion(code: string, version: number): Promise<ServiceDefinition>
}

/** Refused before anything is written: not eligible, or answers to correct. Carries what to show. */
export class ApplicationRefused extends PolisError {
  readonly reasons: Text3[]
  readonly fields: FieldError[]
  constructor(code: 'ERR_NOT_ELIGIBLE' | 'ERR_FORM_INVALID', problems: { reasons?: Text3[]; fields?: FieldError[] }) {
    super(code)
    this.reasons = problems.reasons ?? []
    this.fields = problems.fields ?? []
  }
}

export type ApplicationStatus =
  | 'submitted'
  | 'in-progress'
  | 'awaiting-payment'
  | 'in-review'
  | 'info-requested'
  | 'approved'
  | 'rejected'
  | 'completed'

/** An event as the citizen and officials read it. */
export interface ApplicationEvent {
  seq: number
  type: string
  at: string
  actor: string
  reason: string | null
  data: Record<string, unknown>
}

export interface ApplicationView {
  id: string
  serviceCode: string
  serviceVersion: number
  status: ApplicationStatus
  createdAt: string
  updatedAt: string
  events: ApplicationEvent[]
}

/** The status an application's events come to. */
export function statusOf(
  events: Array<Pick<ApplicationEvent, 'type' | 'data'>>,
  from: ApplicationStatus = 'submitted',
): ApplicationStatus {
  let status = from
  for (const event of events) {
    if (event.type === 'payment-requested') status = 'awaiting-payment'
    else if (event.type === 'paid') status = 'submitted'
    else if (event.type === 'info-requested') status = 'info-requested'
    else if (event.type === 'info-given') status = 'in-review'
    else if (event.type === 'queued') status = 'in-review'
    else if (event.type === 'bundle-started') status = 'in-progress'
    else if (event.type === 'decided') status = event.data.outcome === 'approve' ? 'approved' : 'rejected'
    else if (event.type === 'completed') status = 'completed'
  }
  return status
}

/** Today as the rules read it: the platform's date, in UTC. */
const dateOf = (now: Date) => now.toISOString().slice(0, 10)

/**
 * What the service knows of the applicant before they type anything: their person
 * record and the registry records the definition asks for, read once (every read is
 * logged with its purpose, `service:<code>`).
 */
export async function readApplicantData(
  ports: ServicePorts,
  definition: ServiceDefinition,
  citizenId: string,
): Promise<Omit<RuleData, 'answers'>> {
  const purpose = `service:${definition.code}`
  // One read a registry: the kinds the definition needs of it (and the person, of the population register).
  const kindsOf = new Map<RegistryName, Set<string>>([['population', new Set(['person'])]])
  for (const need of definition.data)
    kindsOf.set(need.registry, (kindsOf.get(need.registry) ?? new Set()).add(need.kind))
  const found = await Promise.all(
    [...kindsOf].map(([registry, kinds]) => ports.queryRegistry({ registry, kind: [...kinds], citizenId, purpose })),
  )
  const read = found.flat()
  const records: RuleData['records'] = {}
  for (const need of definition.data) {
    records[need.registry] ??= {}
    ;(records[need.registry] as Record<string, Array<Record<string, unknown>>>)[need.kind] = read
      .filter((r) => r.registry === need.registry && r.kind === need.kind)
      .map((r) => r.data)
  }
  const person = read.find((r) => r.registry === 'population' && r.kind === 'person')
  const data = person?.data ?? {}
  const today = dateOf(ports.now())
  const birthDate = typeof data.birth_date === 'string' ? data.birth_date : undefined
  const age = birthDate ? Math.floor((Date.parse(today) - Date.parse(birthDate)) / (365.2425 * 86_400_000)) : null
  // `portrait` is a large image no rule or form needs.
  const { portrait: _portrait, ...personData } = data
  return { person: personData, records, applicant: { age, citizen_id: citizenId }, today }
}

/** The rules that keep the applicant out, with their messages; empty when they may apply. */
export function ineligibility(definition: ServiceDefinition, data: Omit<RuleData, 'answers'>): Text3[] {
  const context: RuleData = { ...data, answers: {} }
  return definition.eligibility.filter((e) => !holds(e.rule, context)).map((e) => e.message)
}

/**
 * Appends events after `lastSeq` in one multi-row insert. Two writers racing on one
 * application collide on the primary key and one fails: nothing is overwritten.
 */
export async function appendEvents(
  trx: Store['db'],
  applicationId: string,
  lastSeq: number,
  events: Array<Omit<ApplicationEvent, 'seq'>>,
): Promise<void> {
  if (events.length === 0) return
  await trx
    .insertInto('application_events')
    .values(
      events.map((event, i) => ({
        application_id: applicationId,
        seq: lastSeq + i + 1,
        type: event.type,
        at: event.at,
        actor: event.actor,
        reason: event.reason,
        data: JSON.stringify(event.data),
      })),
    )
    .execute()
}

/** Reads an application of this citizen, with its events; ERR_NOT_FOUND for anyone else's. */
export async function findApplication(store: Store, citizenId: string, id: string): Promise<ApplicationView> {
  const row = await store.db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', id)
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such application' })
  return viewOf(store, row)
}

/**
 * A case of an agency, for its officials: the application with its events, its citizen
 * and who took it. ERR_NOT_FOUND for another agency's: to them it does not exist.
 */
export async function findCase(store: Store, agency: string, id: string) {
  const row = await store.db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', id)
    .where('agency', '=', agency)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such case in this agency' })
  return { view: await viewOf(store, row), citizenId: row.citizen_id, assignee: row.assignee }
}

interface ApplicationRow {
  id: string
  service_code: string
  service_version: number
  status: string
  created_at: string
  updated_at: string
}

async function viewOf(store: Store, row: ApplicationRow): Promise<ApplicationView> {
  const events = await store.db
    .selectFrom('application_events')
    .selectAll()
    .where('application_id', '=', row.id)
    .orderBy('seq')
    .execute()
  return toView(
    row,
    events.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: e.at,
      actor: e.actor,
      reason: e.reason,
      data: JSON.parse(e.data),
    })),
  )
}

function toView(row: ApplicationRow, events: ApplicationEvent[]): ApplicationView {
  return {
    id: row.id,
    serviceCode: row.service_code,
    serviceVersion: row.service_version,
    status: row.status as ApplicationStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    events,
  }
}

/** The citizen's applications, newest first, without their events; a bundle's parts are in the bundle. */
export async function listApplications(store: Store, citizenId: string) {
  const rows = await store.db
    .selectFrom('applications')
    .select(['id', 'service_code', 'status', 'created_at', 'updated_at'])
    .where('citizen_id', '=', citizenId)
    .where('bundle_id', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    serviceCode: r.service_code,
    status: r.status as ApplicationStatus,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }))
}

/** A message for a citizen's inbox, about an application or not. */
export interface CitizenMessage {
  applicationId: string | null
  title: Text3
  body: Text3
}

/**
 * Tells the citizen: a message in their inbox and, when they gave an e-mail address, the
 * same in the outbox, in the language they chose.
 */
export async function notifyCitizen(
  ports: Pick<ServicePorts, 'store' | 'now'>,
  citizenId: string,
  applicationId: string | null,
  title: Text3,
  body: Text3,
) {
  await tellCitizen(ports, citizenId, [{ applicationId, title, body }])
}

/** Several messages at once (a submission decided at once: received, then approved), in that order. */
async function tellCitizen(ports: Pick<ServicePorts, 'store' | 'now'>, citizenId: string, messages: CitizenMessage[]) {
  if (messages.length === 0) return
  const at = ports.now().toISOString()
  await ports.store.db
    .insertInto('inbox_messages')
    .values(
      messages.map((message) => ({
        id: randomUUID(),
        citizen_id: citizenId,
        application_id: message.applicationId,
        title: JSON.stringify(message.title),
        body: JSON.stringify(message.body),
        created_at: at,
        read_at: null,
      })),
    )
    .execute()
  const contact = await ports.store.db
    .selectFrom('citizen_contacts')
    .select(['email', 'language'])
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst()
  if (!contact) return
  const language = (['uk', 'en', 'et'].includes(contact.language) ? contact.language : 'uk') as keyof Text3
  await ports.store.db
    .insertInto('mail_outbox')
    .values(
      messages.map((message) => ({
        id: randomUUID(),
        to_address: contact.email,
        subject: message.title[language],
        body: message.body[language],
        created_at: at,
        next_attempt_at: at,
        attempts: 0,
        sent_at: null,
      })),
    )
    .execute()
}

/**
 * Submits an application, once per client key: a retried submission (a double tap, a
 * dropped connection) answers with the application the first one made. Checks who may
 * apply and the answers (prefilled fields taken from the registries), records the
 * submission and the prefill, then lets the rules decide, queues it for an official,
 * or asks for payment. An approval carries out the outputs at once.
 */
export async function submitApplication(
  ports: ServicePorts,
  options: {
    definition: ServiceDefinition
    citizenId: string
    clientKey: string
    answers: Record<string, unknown>
    /** The bundle this application is a part of (made by the bundle, never by the citizen). */
    bundleId?: string
  },
): Promise<ApplicationView> {
  const { definition, citizenId } = options
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(options.clientKey)) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the client key must be 8 to 100 URL-safe characters' })
  }
  // The checks first; a retry is known by its key when the checks refuse it (the first
  // submission changed what they read) or when its insert finds the key taken.
  let checked: Awaited<ReturnType<typeof checkApplication>>
  try {
    checked = await checkApplication(ports, definition, citizenId, options.answers)
  } catch (error) {
    if (error instanceof PolisError) {
      const earlier = await submittedBefore(ports, definition, citizenId, options.clientKey)
      if (earlier) return earlier
    }
    throw error
  }
  const { data, values, fee } = checked

  const at = ports.now().toISOString()
  const id = randomUUID()
  const citizen = `citizen:${citizenId}`
  const typed = Object.fromEntries(Object.entries(values).filter(([k]) => !checked.prefilled.includes(k)))
  const prefilled = Object.fromEntries(checked.prefilled.map((k) => [k, values[k]]))
  const next = firstSteps(ports, definition, { ...data, answers: values }, fee)
  const events: Array<Omit<ApplicationEvent, 'seq'>> = [
    { type: 'submitted', at, actor: citizen, reason: null, data: { answers: typed, version: definition.version } },
    ...(checked.prefilled.length > 0
      ? [{ type: 'prefilled', at, actor: 'system', reason: 'read from the registries', data: { values: prefilled } }]
      : []),
    ...next.events,
    // The co-applicants named in the answers (a vehicle's buyer) are asked to confirm before an official approves.
    ...confirmationRequests(definition, { at, answers: values, decidedAtOnce: next.outcome !== undefined }),
  ]
  const row = {
    id,
    citizen_id: citizenId,
    client_key: options.clientKey,
    service_code: definition.code,
    service_version: definition.version,
    agency: definition.agency,
    status: statusOf(events),
    created_at: at,
    updated_at: at,
    bundle_id: options.bundleId ?? null,
  }
  // The submission and what follows at once (the rules' decision, the queue, the bill) in one transaction.
  const inserted = await ports.store.db.transaction().execute(async (trx) => {
    const result = await trx
      .insertInto('applications')
      .values(row)
      .onConflict((c) => c.columns(['citizen_id', 'client_key']).doNothing())
      .executeTakeFirst()
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false
    await appendEvents(trx, id, 0, events)
    // The files the answers name become this application's; one taken meanwhile undoes the submission.
    await claimAttachments(trx, { definition, applicationId: id, citizenId, answers: values })
    return true
  })
  if (!inserted) {
    // A retry, or the same key submitted twice at once: the other request's application stands.
    const earlier = await submittedBefore(ports, definition, citizenId, options.clientKey)
    if (!earlier) throw new Error('a client key is taken by no application')
    return earlier
  }
  await tellCoApplicants(ports, definition, { applicationId: id, answers: values, events })
  const received: CitizenMessage[] = definition.notifications.submitted
    ? [{ applicationId: id, title: definition.name, body: definition.notifications.submitted }]
    : []
  let standing: Standing = { from: 0, seq: events.length, status: row.status, updatedAt: at }
  let recorded = events
  if (next.outcome === 'approve') {
    const outcome = await carryOut(ports, definition, id, citizenId, values, {
      after: standing,
      before: received,
    }).catch(async (error: unknown) => {
      // Submitted all the same (the outputs did not go through): the citizen is told of that much.
      await tellCitizen(ports, citizenId, received)
      throw error
    })
    // Another hand recorded meanwhile: what stands is in the database.
    if (!outcome || outcome.standing.from !== standing.seq) return findApplication(ports.store, citizenId, id)
    standing = outcome.standing
    recorded = [...events, ...outcome.events]
  } else {
    const refusal: CitizenMessage[] =
      next.outcome === 'reject'
        ? [
            {
              applicationId: id,
              title: definition.name,
              body: definition.notifications.rejected ?? next.reasonText ?? rejected,
            },
          ]
        : []
    await tellCitizen(ports, citizenId, [...received, ...refusal])
    if (definition.decision.by === 'bundle') {
      // The parts whose turn it is are made now; the bundle's page shows them.
      await advanceBundle(ports, id)
      return findApplication(ports.store, citizenId, id)
    }
  }
  // The view from what this request wrote, as a read would give it back.
  return toView(
    { ...row, status: standing.status, updated_at: standing.updatedAt },
    recorded.map((event, i) => ({ ...event, seq: i + 1, data: JSON.parse(JSON.stringify(event.data)) })),
  )
}

/** The application a client key made before, answered again; ERR_CLIENT_KEY_REUSED for another service's key. */
async function submittedBefore(
  ports: ServicePorts,
  definition: ServiceDefinition,
  citizenId: string,
  clientKey: string,
): Promise<ApplicationView | undefined> {
  const earlier = await ports.store.db
    .selectFrom('applications')
    .select(['id', 'service_code'])
    .where('citizen_id', '=', citizenId)
    .where('client_key', '=', clientKey)
    .executeTakeFirst()
  if (!earlier) return undefined
  if (earlier.service_code !== definition.code) throw new PolisError('ERR_CLIENT_KEY_REUSED')
  return findApplication(ports.store, citizenId, earlier.id)
}

/**
 * Everything checked before a submission writes anything: who may apply, the answers
 * (prefilled fields taken from the registries), the registry writes an approval would
 * make (not the child's parent, another's vehicle), and the fee, whose amount comes from
 * the registry (an item already paid is ERR_ALREADY_PAID), never from the answers.
 */
export async function checkApplication(
  ports: ServicePorts,
  definition: ServiceDefinition,
  citizenId: string,
  answers: Record<string, unknown>,
) {
  const data = await readApplicantData(ports, definition, citizenId)
  const reasons = ineligibility(definition, data)
  if (reasons.length > 0) throw new ApplicationRefused('ERR_NOT_ELIGIBLE', { reasons })
  const attachments = await unusedAttachments(ports.store, definition, citizenId)
  const checked = checkAnswers(definition, answers, data, { attachments })
  if (checked.errors.length > 0) throw new ApplicationRefused('ERR_FORM_INVALID', { fields: checked.errors })
  await checkRegistryWrites(ports, definition, citizenId, checked.values)
  // A bundle's parts that start at once are checked with it, their refusals said at its questions.
  if (definition.decision.by === 'bundle') {
    await checkBundleStart(ports, definition, citizenId, checked.values, { ...data, answers: checked.values })
  }
  const fee = feeDue(definition, data, checked.values)
  return { data, values: checked.values, prefilled: checked.prefilled, fee }
}

/**
 * The registry writes an approval would make, checked against the registers as they
 * stand, writing nothing: at submission, and again before an official approves, so a
 * write that no longer holds (the VIN registered meanwhile) leaves the case undecided.
 */
async function checkRegistryWrites(
  ports: ServicePorts,
  definition: ServiceDefinition,
  citizenId: string,
  answers: Record<string, unknown>,
): Promise<void> {
  for (const output of definition.outputs) {
    if (output.type !== 'registry-update') continue
    const values = Object.fromEntries(
      Object.entries(output.values).map(([name, source]) => [
        name,
        source.startsWith('answers.') ? answers[source.slice('answers.'.length)] : source,
      ]),
    )
    await ports.checkRegistryUpdate({
      registry: output.registry,
      operation: output.operation,
      citizenId,
      values,
      purpose: `service:${definition.code}`,
    })
  }
}

/**
 * The question whose answer a registry write takes as its value `name` (the write's
 * `partner_tax_number` from `answers.partner_tax_number`), for an error of the registers
 * to be shown where the citizen gave it; undefined when no answer feeds it.
 */
export function questionOfRegistryValue(definition: ServiceDefinition, name: string): string | undefined {
  // A bundle's parts' refusals already name the bundle's own question.
  if (definition.decision.by === 'bundle') {
    return definition.pages.some((p) => p.fields.some((f) => f.id === name)) ? name : undefined
  }
  for (const output of definition.outputs) {
    if (output.type !== 'registry-update') continue
    const source = output.values[name]
    if (source?.startsWith('answers.')) return source.slice('answers.'.length)
  }
  return undefined
}

/**
 * What follows a submission at once, decided before anything is written: payment, an
 * official's queue, or the rules' decision with its reason.
 */
function firstSteps(
  ports: ServicePorts,
  definition: ServiceDefinition,
  data: RuleData,
  fee?: FeeDue,
): { events: Array<Omit<ApplicationEvent, 'seq'>>; outcome?: 'approve' | 'reject'; reasonText?: Text3 } {
  const at = ports.now().toISOString()
  const { decision } = definition
  if (fee || decision.by === 'payment') {
    return { events: [{ type: 'payment-requested', at, actor: 'system', reason: null, data: { fee } }] }
  }
  if (decision.by === 'bundle') {
    return { events: [{ type: 'bundle-started', at, actor: 'system', reason: null, data: {} }] }
  }
  if (decision.by === 'official') {
    const due = new Date(ports.now().getTime() + decision.deadlineDays * 86_400_000).toISOString()
    return { events: [{ type: 'queued', at, actor: 'system', reason: null, data: { agency: definition.agency, due } }] }
  }
  const rule = decision.rules.find((r) => holds(r.when, data))
  const outcome = rule?.outcome ?? decision.otherwise
  if (outcome === 'official') {
    return {
      events: [
        { type: 'queued', at, actor: 'system', reason: 'no rule decided it', data: { agency: definition.agency } },
      ],
    }
  }
  return {
    events: [{ type: 'decided', at, actor: 'system', reason: rule?.reason.en ?? null, data: { outcome } }],
    outcome,
    ...(rule ? { reasonText: rule.reason } : {}),
  }
}

/**
 * Appends events to an application and brings its status up to date, in one
 * transaction: the status is folded from the stored one and the new events only. With
 * `whileStatus`, only while the application still has that status (the row is locked
 * first, so of two racing the second finds it changed): answers whether it recorded.
 */
export async function recordEvents(
  ports: ServicePorts,
  id: string,
  events: Array<Omit<ApplicationEvent, 'seq'>>,
  options: { whileStatus?: ApplicationStatus } = {},
): Promise<boolean> {
  return (await appendRecorded(ports, id, events, options)) !== undefined
}

/** Where an application stands after events were appended: from which seq, to which, its status. */
interface Standing {
  from: number
  seq: number
  status: ApplicationStatus
  updatedAt: string
}

/**
 * `recordEvents`, answering where the application then stands. With `after` (where this
 * request left it), the stored seq and status are not read again while the status is
 * still that one: the guarded update locks the row, and a writer that appended
 * meanwhile collides on the events' key.
 */
async function appendRecorded(
  ports: ServicePorts,
  id: string,
  events: Array<Omit<ApplicationEvent, 'seq'>>,
  options: { whileStatus?: ApplicationStatus; after?: Standing },
): Promise<Standing | undefined> {
  const updatedAt = ports.now().toISOString()
  return ports.store.db.transaction().execute(async (trx) => {
    const { after } = options
    if (after && (options.whileStatus === undefined || options.whileStatus === after.status)) {
      const status = statusOf(events, after.status)
      const moved = await trx
        .updateTable('applications')
        .set({ status, updated_at: updatedAt })
        .where('id', '=', id)
        .where('status', '=', after.status)
        .executeTakeFirst()
      if (Number(moved.numUpdatedRows) === 1) {
        await appendEvents(trx, id, after.seq, events)
        return { from: after.seq, seq: after.seq + events.length, status, updatedAt }
      }
      if (options.whileStatus) return undefined
    }
    if (options.whileStatus) {
      const locked = await trx
        .updateTable('applications')
        .set({ updated_at: updatedAt })
        .where('id', '=', id)
        .where('status', '=', options.whileStatus)
        .executeTakeFirst()
      if (Number(locked.numUpdatedRows) !== 1) return undefined
    }
    const row = await trx
      .selectFrom('applications')
      .select((eb) => [
        'status',
        eb
          .selectFrom('application_events')
          .select((inner) => inner.fn.max('seq').as('seq'))
          .where('application_id', '=', id)
          .as('seq'),
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const from = Number(row.seq ?? 0)
    await appendEvents(trx, id, from, events)
    const status = statusOf(events, row.status as ApplicationStatus)
    await trx.updateTable('applications').set({ status, updated_at: updatedAt }).where('id', '=', id).execute()
    return { from, seq: from + events.length, status, updatedAt }
  })
}

/**
 * Records a decision and, for an approval, carries out the outputs in order: registry
 * writes first, then documents read from the registries as they now stand.
 */
export async function decide(
  ports: ServicePorts,
  definition: ServiceDefinition,
  id: string,
  citizenId: string,
  decision: {
    outcome: 'approve' | 'reject'
    actor: string
    reason: string | null
    reasonText?: Text3 | undefined
    answers: Record<string, unknown>
  },
): Promise<void> {
  const at = ports.now().toISOString()
  // In stages: approved only at the last, and by no official who passed an earlier one.
  await assertStageDecides(ports.store, definition, id, decision)
  // Not before each co-applicant asked has confirmed (ERR_CONFIRMATION_PENDING).
  if (decision.outcome === 'approve') await assertConfirmed(ports.store, definition, id)
  if (decision.outcome === 'approve') await checkRegistryWrites(ports, definition, citizenId, decision.answers)
  // Two officials deciding at once: the first decides, the second finds it decided.
  const decided = await recordEvents(
    ports,
    id,
    [{ type: 'decided', at, actor: decision.actor, reason: decision.reason, data: { outcome: decision.outcome } }],
    { whileStatus: 'in-review' },
  )
  if (!decided) throw new PolisError('ERR_CASE_DECIDED')
  if (decision.outcome === 'reject') {
    await notifyCitizen(
      ports,
      citizenId,
      id,
      definition.name,
      definition.notifications.rejected ?? decision.reasonText ?? rejected,
    )
  } else {
    await carryOut(ports, definition, id, citizenId, decision.answers)
  }
  // A bundle's part decided: the parts waiting for it start, or are not made.
  await advanceBundleOf(ports, id)
}

/**
 * An approval's outputs, carried out in order (registry writes first, then documents
 * read from the registries as they now stand), recorded with the end in one
 * transaction, and the citizen told.
 */
async function carryOut(
  ports: ServicePorts,
  definition: ServiceDefinition,
  id: string,
  citizenId: string,
  answers: Record<string, unknown>,
  options: {
    /** The payment that made the service, for values from `payment.id` and `payment.amount`. */
    payment?: { id: string; amount: number }
    /** The decision, recorded with the outputs (a payment service decides by carrying them out). */
    decided?: Omit<ApplicationEvent, 'seq'>
    /** Record the outcome only while the application has this status: of two carrying it out, one tells. */
    whileStatus?: ApplicationStatus
    /** Where the caller left the application (a submission decided at once). */
    after?: Standing
    /** Messages to send with the approval's, before it (the submission's receipt). */
    before?: CitizenMessage[]
  } = {},
): Promise<{ events: Array<Omit<ApplicationEvent, 'seq'>>; standing: Standing } | undefined> {
  const at = ports.now().toISOString()
  const done: Array<Omit<ApplicationEvent, 'seq'>> = options.decided ? [options.decided] : []
  const issued = (data: Record<string, unknown>) =>
    done.push({ type: 'output-issued', at, actor: 'system', reason: null, data })
  const sourceValue = (source: string): unknown => {
    if (source.startsWith('answers.')) return answers[source.slice('answers.'.length)]
    if (source === 'payment.id') return options.payment?.id
    if (source === 'payment.amount') return options.payment?.amount
    return source
  }
  for (const [index, output] of definition.outputs.entries()) {
    if (output.type === 'registry-update') {
      const values = Object.fromEntries(
        Object.entries(output.values).map(([name, source]) => [name, sourceValue(source)]),
      )
      await ports.updateRegistry({
        registry: output.registry,
        operation: output.operation,
        citizenId,
        values,
        purpose: `service:${definition.code}`,
        key: `${id}/${index}`,
      })
      issued({ type: output.type, registry: output.registry, operation: output.operation })
    } else if (output.type === 'document') {
      const named = output.holder ? answers[output.holder.slice('answers.'.length)] : undefined
      // A holder asked for in an optional field the citizen left empty (no father named): nobody else gets it.
      if (output.holder && (named === undefined || named === null || named === '')) continue
      const holder = output.holder ? await holderOf(ports, named, `service:${definition.code}`) : citizenId
      const ready = await ports
        .issueDocument(holder, output.documentType, `service:${definition.code}`)
        .catch((error: unknown) => {
          if (output.whenHeld && isPolisError(error, 'ERR_NO_REGISTRY_RECORD')) return undefined
          throw error
        })
      // Not held (no registered address to extract): nothing to reissue.
      if (!ready) continue
      issued({ type: output.type, documentType: output.documentType, formats: ready.configurationIds.length })
      if (holder !== citizenId) await notifyCitizen(ports, holder, null, definition.name, issuedToYou)
    } else if (output.type === 'revoke-document') {
      const source = output.documentType
      const documentType = source.startsWith('answers.') ? String(answers[source.slice('answers.'.length)]) : source
      const { revoked } = await ports.revokeDocument(citizenId, documentType, output.reason.en)
      issued({ type: output.type, documentType, revoked })
    } else if (output.type === 'list') {
      const data = await readApplicantData(ports, definition, citizenId)
      const [section] = certificateContent({
        output: {
          type: 'certificate',
          fileName: 'list',
          title: output.label,
          sections: [{ ...output, heading: output.label }],
        },
        data,
        applicationId: id,
        citizenId,
        issuedAt: at,
      }).sections
      issued({
        type: output.type,
        label: output.label,
        columns: section?.columns ?? [],
        rows: section?.rows ?? [],
        empty: output.empty,
      })
    } else if (output.type === 'certificate') {
      // The registries as they stand after this application's writes.
      const data = await readApplicantData(ports, definition, citizenId)
      const sealed = await ports.sealCertificate(
        certificateContent({
          output,
          data,
          applicationId: id,
          citizenId,
          issuedAt: at,
          answers: { values: answers, fields: definition.pages.flatMap((p) => p.fields) },
        }),
      )
      issued({ type: output.type, certificate: sealed.id, fileName: sealed.fileName })
    } else if (output.type === 'record' && output.values) {
      issued({ type: output.type, label: output.label, values: recordValues(output.values, answers, at) })
    } else {
      issued({ type: output.type, label: output.label })
    }
  }
  done.push({ type: 'completed', at, actor: 'system', reason: null, data: {} })
  const standing = await appendRecorded(ports, id, done, {
    ...(options.whileStatus ? { whileStatus: options.whileStatus } : {}),
    ...(options.after ? { after: options.after } : {}),
  })
  const before = options.before ?? []
  if (!standing) {
    await tellCitizen(ports, citizenId, before)
    return undefined
  }
  const approval = { applicationId: id, title: definition.name, body: definition.notifications.approved ?? approved }
  await tellCitizen(ports, citizenId, [...before, approval])
  return { events: done, standing }
}

/** A record's values, each a rule over the answers, today and the values before it. */
function recordValues(
  values: NonNullable<Extract<ServiceDefinition['outputs'][number], { type: 'record' }>['values']>,
  answers: Record<string, unknown>,
  at: string,
) {
  const computed: Record<string, unknown> = {}
  const context = { answers, today: at.slice(0, 10), values: computed, person: {}, records: {} }
  return values.map((value) => {
    const result = applyRule(value.rule, { ...context, applicant: { age: null, citizen_id: '' } } as RuleData)
    computed[value.id] = result
    return { id: value.id, label: value.label, value: result, ...(value.currency ? { currency: value.currency } : {}) }
  })
}

/** The citizen a document goes to when it is not the applicant: named by tax number in the answers. */
async function holderOf(ports: ServicePorts, taxNumber: unknown, purpose: string): Promise<string> {
  const holder = typeof taxNumber === 'string' ? await ports.findCitizenByTaxNumber(taxNumber, purpose) : undefined
  if (!holder) throw new PolisError('ERR_UNKNOWN_TAXPAYER')
  return holder
}

const issuedToYou: Text3 = {
  en: 'A document was issued to you: it is waiting in your wallet.',
  uk: 'Вам видано документ: він чекає на вас у гаманці.',
  et: 'Teile väljastati dokument: see ootab teid rahakotis.',
}

const approved: Text3 = {
  en: 'Your application was approved.',
  uk: 'Вашу заяву схвалено.',
  et: 'Teie taotlus on heaks kiidetud.',
}
const rejected: Text3 = {
  en: 'Your application was refused.',
  uk: 'Вашу заяву відхилено.',
  et: 'Teie taotlus lükati tagasi.',
}

/**
 * Carries out again the approvals whose outputs were cut off between the decision and its
 * end (the process killed, a register's answer lost on the way back): each application
 * approved before `before` and not completed. Each registry write carries its key, so a
 * write that went through the first time is not made twice; of two processes resuming one
 * application, one records it. Answers the applications completed and those that failed
 * again (left for the next run).
 */
export async function resumeApprovals(
  ports: ServicePorts,
  options: { before: Date; limit?: number },
): Promise<{ completed: string[]; failed: number }> {
  const stuck = await ports.store.db
    .selectFrom('applications')
    .select(['id', 'citizen_id', 'service_code', 'service_version'])
    .where('status', '=', 'approved')
    .where('updated_at', '<', options.before.toISOString())
    .orderBy('updated_at')
    .limit(options.limit ?? 50)
    .execute()
  const completed: string[] = []
  let failed = 0
  for (const row of stuck) {
    try {
      const definition = await ports.findServiceVersion(row.service_code, row.service_version)
      const view = await findApplication(ports.store, row.citizen_id, row.id)
      const outcome = await carryOut(ports, definition, row.id, row.citizen_id, answersOf(view), {
        whileStatus: 'approved',
      })
      if (!outcome) continue
      completed.push(row.id)
      await advanceBundleOf(ports, row.id)
    } catch {
      failed++
    }
  }
  return { completed, failed }
}

/** The answers an application was submitted with, the prefilled ones included. */
export function answersOf(application: ApplicationView): Record<string, unknown> {
  const submitted = application.events.find((e) => e.type === 'submitted')?.data.answers as Record<string, unknown>
  const prefilled = application.events.find((e) => e.type === 'prefilled')?.data.values as
    | Record<string, unknown>
    | undefined
  return { ...submitted, ...prefilled }
}

/**
 * What an application is to pay now, read afresh from the registries: the fixed fee, or
 * the chosen item's amount while it is still due (ERR_ALREADY_PAID once it is not).
 */
export async function feeToPay(
  ports: ServicePorts,
  definition: ServiceDefinition,
  citizenId: string,
  application: ApplicationView,
): Promise<FeeDue> {
  // A fixed fee needs no registry read (each is logged in the citizen's data tracker).
  const fee = definition.fee
  if (fee && 'amount' in fee) return { amount: fee.amount, currency: fee.currency }
  const data = await readApplicantData(ports, definition, citizenId)
  const due = feeDue(definition, data, answersOf(application))
  if (!due) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the service has no fee' })
  return due
}

/**
 * The provider says a fee was paid. Once per payment: a notice that comes twice, or
 * late after the citizen came back, finds the payment recorded and changes nothing
 * (`known`). Then the application goes on: others go to their decision (an official's
 * queue, or the rules); a payment service carries out its outputs, closing the item it
 * paid. When that item was paid meanwhile (two applications for one fine, paid at
 * once), the application is refused with the code and the answer is `refused`: the
 * caller gives the money back. A pay service's payment recorded but not yet carried out
 * (the process stopped in between) is carried out by the next notice or return.
 */
export async function paymentReceived(
  ports: ServicePorts,
  options: {
    definition: ServiceDefinition
    applicationId: string
    citizenId: string
    payment: { id: string; amount: number; currency: string }
  },
): Promise<'recorded' | 'known' | 'refused'> {
  const { definition, applicationId: id, citizenId, payment } = options
  const application = await findApplication(ports.store, citizenId, id)
  const recorded = application.events.some((e) => e.type === 'paid' && e.data.paymentId === payment.id)
  // A pay service whose payment is recorded but not carried out yet (the process that recorded
  // it stopped, or is at it now) is carried out again: its item is closed by this payment once.
  const resume = recorded && definition.decision.by === 'payment' && application.status === 'submitted'
  if (recorded && !resume) return 'known'
  if (!recorded && application.status !== 'awaiting-payment') return 'known'
  const at = ports.now().toISOString()
  const requested = [...application.events].reverse().find((e) => e.type === 'payment-requested')?.data.fee as
    | FeeDue
    | undefined
  const paid = {
    type: 'paid',
    at,
    actor: 'system',
    reason: null,
    data: {
      paymentId: payment.id,
      amount: payment.amount,
      currency: payment.currency,
      ...(requested?.item ? { item: requested.item } : {}),
    },
  }
  const answers = answersOf(application)
  // A notice and the citizen's return may race: whichever records the payment first goes on.
  const once = { whileStatus: 'awaiting-payment' } as const
  if (definition.decision.by === 'payment') {
    if (!resume && !(await recordEvents(ports, id, [paid], once))) return 'known'
    const decided = { type: 'decided', at, actor: 'system', reason: 'paid', data: { outcome: 'approve' } }
    // Of two carrying it out at once, the first to record the outcome tells the citizen.
    const whileStatus = 'submitted'
    try {
      const done = await carryOut(ports, definition, id, citizenId, answers, { payment, decided, whileStatus })
      return done ? 'recorded' : 'known'
    } catch (error) {
      const code = isPolisError(error, 'ERR_ALREADY_PAID')
        ? 'ERR_ALREADY_PAID'
        : isPolisError(error, 'ERR_AMOUNT_CHANGED')
          ? 'ERR_AMOUNT_CHANGED'
          : undefined
      if (!code) throw error
      const reason = { uk: messageOf(code, 'uk'), en: messageOf(code, 'en'), et: messageOf(code, 'et') }
      const refused = await recordEvents(
        ports,
        id,
        [{ type: 'decided', at, actor: 'system', reason: reason.en, data: { outcome: 'reject', code } }],
        { whileStatus },
      )
      if (!refused) return 'known'
      await notifyCitizen(ports, citizenId, id, definition.name, reason)
      return 'refused'
    }
  }
  const data = await readApplicantData(ports, definition, citizenId)
  const next = firstSteps(ports, { ...definition, fee: undefined }, { ...data, answers })
  if (!(await recordEvents(ports, id, [paid, ...next.events], once))) return 'known'
  if (next.outcome === 'approve') await carryOut(ports, definition, id, citizenId, answers)
  if (next.outcome === 'reject') {
    await notifyCitizen(
      ports,
      citizenId,
      id,
      definition.name,
      definition.notifications.rejected ?? next.reasonText ?? rejected,
    )
  }
  return 'recorded'
}

/**
 * An official asks the citizen for more: the case goes back to them (`info-requested`)
 * with the question, which reaches their inbox. Only while it is in review.
 */
export async function requestInformation(
  ports: ServicePorts,
  definition: ServiceDefinition,
  options: { applicationId: string; citizenId: string; actor: string; question: string },
): Promise<void> {
  const at = ports.now().toISOString()
  const asked = await recordEvents(
    ports,
    options.applicationId,
    [{ type: 'info-requested', at, actor: options.actor, reason: options.question, data: {} }],
    { whileStatus: 'in-review' },
  )
  if (!asked) throw new PolisError('ERR_CASE_DECIDED')
  await notifyCitizen(ports, options.citizenId, options.applicationId, definition.name, {
    uk: `Посадова особа просить більше відомостей: «${options.question}». Дайте відповідь на порталі.`,
    en: `The official asks for more: “${options.question}”. Answer on the portal.`,
    et: `Ametnik palub lisateavet: „${options.question}“. Vastake portaalis.`,
  })
}

/** The citizen answers the official's question: the case goes back to them. Only while one is asked. */
export async function giveInformation(
  ports: ServicePorts,
  options: { applicationId: string; citizenId: string; answer: string },
): Promise<void> {
  const answer = options.answer.trim()
  if (answer.length < 2 || answer.length > 5000) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'an answer of 2 to 5,000 characters' })
  }
  await findApplication(ports.store, options.citizenId, options.applicationId)
  const given = await recordEvents(
    ports,
    options.applicationId,
    [
      {
        type: 'info-given',
        at: ports.now().toISOString(),
        actor: `citizen:${options.citizenId}`,
        reason: null,
        data: { answer },
      },
    ],
    { whileStatus: 'info-requested' },
  )
  if (!given) throw new PolisError('ERR_BAD_REQUEST', { detail: 'nothing is asked of this application' })
}
