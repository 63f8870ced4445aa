import { messageOf, PolisError } from '@polis/kernel'
import {
  type ApplicationEvent,
  type ApplicationStatus,
  appendEvents,
  notifyCitizen,
  type ServicePorts,
  statusOf,
} from './applications.ts'
import { advanceBundleOf } from './bundles.ts'
import { type ConfirmationStatus, confirmationsOf } from './confirmations.ts'
import type { ServiceDefinition, Text3 } from './definition.ts'

/** What a co-applicant is shown of an application they are asked to confirm; nothing more. */
export interface ConfirmationRequest {
  applicationId: string
  definition: ServiceDefinition
  status: ApplicationStatus
  submittedAt: string
  /** The applicant, who named them. */
  applicantId: string
  /** Their own confirmation, and where it stands. */
  mine: ConfirmationStatus
  /** The answers the definition shows them (`show`), by field id. */
  shown: Record<string, unknown>
}

const open: ApplicationStatus[] = ['submitted', 'in-review', 'info-requested']

/** The definition an application was submitted under: its code and version (the engine's `findVersion`). */
export type DefinitionOf = (code: string, version: number) => ServiceDefinition | Promise<ServiceDefinition>

/**
 * The application this citizen is asked to confirm, as they may see it: ERR_NOT_FOUND
 * unless the answers name them (by tax number) in a confirmation that was asked for.
 * The applicant themselves, and everyone else, find nothing.
 */
export async function findConfirmationRequest(
  ports: Pick<ServicePorts, 'store' | 'findCitizenByTaxNumber'>,
  options: { applicationId: string; citizenId: string; definitionOf: DefinitionOf },
): Promise<ConfirmationRequest> {
  const notFound = () => new PolisError('ERR_NOT_FOUND', { detail: 'no such confirmation' })
  const row = await ports.store.db
    .selectFrom('applications')
    .select(['id', 'citizen_id', 'service_code', 'service_version', 'status', 'created_at'])
    .where('id', '=', options.applicationId)
    .executeTakeFirst()
  if (!row || row.citizen_id === options.citizenId) throw notFound()
  let definition: ServiceDefinition
  try {
    definition = await options.definitionOf(row.service_code, row.service_version)
  } catch {
    throw notFound()
  }
  if (definition.confirmations.length === 0) throw notFound()
  const events = (
    await ports.store.db
      .selectFrom('application_events')
      .select(['type', 'at', 'data'])
      .where('application_id', '=', row.id)
      .orderBy('seq')
      .execute()
  ).map((e) => ({ type: e.type, at: e.at, data: JSON.parse(e.data) as Record<string, unknown> }))
  const answers = {
    ...(events.find((e) => e.type === 'submitted')?.data.answers as Record<string, unknown> | undefined),
    ...(events.find((e) => e.type === 'prefilled')?.data.values as Record<string, unknown> | undefined),
  }
  for (const status of confirmationsOf(definition, events)) {
    if (status.state === 'not-asked') continue
    const taxNumber = answers[status.confirmation.field]
    if (typeof taxNumber !== 'string') continue
    if ((await ports.findCitizenByTaxNumber(taxNumber, `service:${definition.code}`)) !== options.citizenId) continue
    return {
      applicationId: row.id,
      definition,
      status: row.status as ApplicationStatus,
      submittedAt: row.created_at,
      applicantId: row.citizen_id,
      mine: status,
      shown: Object.fromEntries(status.confirmation.show.map((field) => [field, answers[field]])),
    }
  }
  throw notFound()
}

/**
 * The co-applicant confirms or refuses, signed in as themselves: an event with who and
 * when. A confirmation lets an official approve; a refusal closes the application
 * (`decided`, reject, code ERR_CONFIRMATION_DECLINED) and the applicant is told.
 * ERR_CONFIRMATION_ANSWERED once answered or while the application is no longer open;
 * ERR_NOT_FOUND for anyone not named.
 */
export async function answerConfirmation(
  ports: ServicePorts,
  options: {
    applicationId: string
    citizenId: string
    answer: 'confirm' | 'decline'
    definitionOf: DefinitionOf
  },
): Promise<void> {
  const request = await findConfirmationRequest(ports, options)
  if (request.mine.state !== 'awaiting' || !open.includes(request.status)) {
    throw new PolisError('ERR_CONFIRMATION_ANSWERED')
  }
  const { confirmation } = request.mine
  const at = ports.now().toISOString()
  const actor = `citizen:${options.citizenId}`
  const data = { role: confirmation.role }
  // Recorded only while the application stands as it was read and the role is unanswered: of two answers at once, one counts.
  const answered = (events: Array<Omit<ApplicationEvent, 'seq'>>) =>
    recordAnswer(
      ports,
      { applicationId: request.applicationId, status: request.status, role: confirmation.role },
      events,
    )
  if (options.answer === 'confirm') {
    if (!(await answered([{ type: 'confirmed', at, actor, reason: null, data }]))) {
      throw new PolisError('ERR_CONFIRMATION_ANSWERED')
    }
    await notifyCitizen(
      ports,
      request.applicantId,
      request.applicationId,
      request.definition.name,
      confirmedText(confirmation.label),
    )
    return
  }
  const code = 'ERR_CONFIRMATION_DECLINED'
  const declined = await answered([
    { type: 'confirmation-declined', at, actor, reason: null, data },
    { type: 'decided', at, actor: 'system', reason: messageOf(code, 'en'), data: { outcome: 'reject', code } },
  ])
  if (!declined) throw new PolisError('ERR_CONFIRMATION_ANSWERED')
  await notifyCitizen(ports, request.applicantId, request.applicationId, request.definition.name, confirmation.declined)
  // A bundle's part closed: the parts waiting for it are not made.
  await advanceBundleOf(ports, request.applicationId)
}

/**
 * Appends the answer's events in one transaction: the application's row is locked while
 * it keeps the status it was read with, and the role must still be unanswered (a double
 * tap, or a confirmation and a refusal at once, record one answer). Answers whether it
 * recorded.
 */
async function recordAnswer(
  ports: Pick<ServicePorts, 'store' | 'now'>,
  options: { applicationId: string; status: ApplicationStatus; role: string },
  events: Array<Omit<ApplicationEvent, 'seq'>>,
): Promise<boolean> {
  const id = options.applicationId
  const at = ports.now().toISOString()
  return ports.store.db.transaction().execute(async (trx) => {
    const locked = await trx
      .updateTable('applications')
      .set({ updated_at: at })
      .where('id', '=', id)
      .where('status', '=', options.status)
      .executeTakeFirst()
    if (Number(locked.numUpdatedRows) !== 1) return false
    const earlier = await trx
      .selectFrom('application_events')
      .select(['seq', 'type', 'data'])
      .where('application_id', '=', id)
      .execute()
    const answered = earlier.some(
      (e) =>
        (e.type === 'confirmed' || e.type === 'confirmation-declined') &&
        (JSON.parse(e.data) as { role?: unknown }).role === options.role,
    )
    if (answered) return false
    await appendEvents(
      trx,
      id,
      earlier.reduce((max, e) => Math.max(max, Number(e.seq)), 0),
      events,
    )
    await trx
      .updateTable('applications')
      .set({ status: statusOf(events, options.status) })
      .where('id', '=', id)
      .execute()
    return true
  })
}

/** What the applicant is told when the co-applicant confirms. */
const confirmedText = (label: Text3): Text3 => ({
  uk: `${label.uk}: підтверджено. Далі рішення ухвалить посадова особа.`,
  en: `${label.en}: confirmed. An official will now decide.`,
  et: `${label.et}: kinnitatud. Nüüd otsustab ametnik.`,
})
