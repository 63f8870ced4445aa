import { randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import type { Confirmation, ServiceDefinition, Text3 } from './definition.ts'

/** Where a co-applicant's confirmation stands: asked, given, refused, or never asked (an older application). */
export type ConfirmationState = 'awaiting' | 'confirmed' | 'declined' | 'not-asked'

/** A confirmation of an application as its events tell it. */
export interface ConfirmationStatus {
  confirmation: Confirmation
  state: ConfirmationState
  /** When it was confirmed or refused. */
  at: string | null
}

type EventLike = { type: string; at: string; data: Record<string, unknown> }

/**
 * Each confirmation the definition asks for, and where it stands by the application's
 * events: `confirmation-requested`, then `confirmed` or `confirmation-declined`, each
 * with the `role`.
 */
export function confirmationsOf(definition: ServiceDefinition, events: EventLike[]): ConfirmationStatus[] {
  return definition.confirmations.map((confirmation) => {
    const mine = events.filter((e) => e.data.role === confirmation.role)
    const answered = mine.find((e) => e.type === 'confirmed' || e.type === 'confirmation-declined')
    if (answered) {
      return {
        confirmation,
        state: answered.type === 'confirmed' ? 'confirmed' : 'declined',
        at: answered.at,
      }
    }
    const asked = mine.some((e) => e.type === 'confirmation-requested')
    return { confirmation, state: asked ? 'awaiting' : 'not-asked', at: null }
  })
}

/**
 * The events that ask the co-applicants named in the answers to confirm, recorded with
 * the submission: none when the rules decided at once, or nobody is named (an optional
 * field left empty).
 */
export function confirmationRequests(
  definition: ServiceDefinition,
  options: { at: string; answers: Record<string, unknown>; decidedAtOnce: boolean },
): Array<{ type: string; at: string; actor: string; reason: null; data: Record<string, unknown> }> {
  if (options.decidedAtOnce) return []
  return definition.confirmations
    .filter((c) => typeof options.answers[c.field] === 'string' && options.answers[c.field] !== '')
    .map((c) => ({
      type: 'confirmation-requested',
      at: options.at,
      actor: 'system',
      reason: null,
      data: { role: c.role },
    }))
}

/** The portal page where a co-applicant confirms or refuses an application. */
export const confirmationPath = (applicationId: string) => `/confirmations/${applicationId}`

/**
 * Tells each co-applicant the submission asked to confirm: an inbox message linking to
 * their page (the application is not theirs, so it is not linked), and the same by
 * e-mail when they gave an address. The citizen of the tax number is found by the
 * caller's port; a tax number nobody has was refused at submission.
 */
export async function tellCoApplicants(
  ports: {
    store: Store
    now: () => Date
    findCitizenByTaxNumber(taxNumber: string, purpose: string): Promise<string | undefined>
  },
  definition: ServiceDefinition,
  options: { applicationId: string; answers: Record<string, unknown>; events: EventLike[] },
): Promise<void> {
  const at = ports.now().toISOString()
  for (const status of confirmationsOf(definition, options.events)) {
    if (status.state !== 'awaiting') continue
    const taxNumber = options.answers[status.confirmation.field]
    const citizenId =
      typeof taxNumber === 'string'
        ? await ports.findCitizenByTaxNumber(taxNumber, `service:${definition.code}`)
        : undefined
    if (!citizenId) continue
    await ports.store.db
      .insertInto('inbox_messages')
      .values({
        id: randomUUID(),
        citizen_id: citizenId,
        application_id: null,
        title: JSON.stringify(definition.name),
        body: JSON.stringify(status.confirmation.request),
        created_at: at,
        read_at: null,
        link: confirmationPath(options.applicationId),
      })
      .execute()
    const contact = await ports.store.db
      .selectFrom('citizen_contacts')
      .select(['email', 'language'])
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst()
    if (!contact) continue
    const language = (['uk', 'en', 'et'].includes(contact.language) ? contact.language : 'uk') as keyof Text3
    await ports.store.db
      .insertInto('mail_outbox')
      .values({
        id: randomUUID(),
        to_address: contact.email,
        subject: definition.name[language],
        body: status.confirmation.request[language],
        created_at: at,
        next_attempt_at: at,
        attempts: 0,
        sent_at: null,
      })
      .execute()
  }
}

/**
 * Refuses an approval while a co-applicant who was asked has not confirmed:
 * ERR_CONFIRMATION_PENDING. Reads the application's events afresh.
 */
export async function assertConfirmed(store: Store, definition: ServiceDefinition, applicationId: string) {
  if (definition.confirmations.length === 0) return
  const rows = await store.db
    .selectFrom('application_events')
    .select(['type', 'at', 'data'])
    .where('application_id', '=', applicationId)
    .orderBy('seq')
    .execute()
  const events = rows.map((row) => ({
    type: row.type,
    at: row.at,
    data: JSON.parse(row.data) as Record<string, unknown>,
  }))
  if (confirmationsOf(definition, events).some((c) => c.state === 'awaiting' || c.state === 'declined')) {
    throw new PolisError('ERR_CONFIRMATION_PENDING')
  }
}
