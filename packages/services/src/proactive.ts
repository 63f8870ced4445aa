/**
 * Proactive services: rules that watch the registers' events (a birth registered) and
 * offer a citizen a service, filled in with what the event tells, before they ask (as
 * Estonia pays the family benefit). Events are read at least once from their durable
 * outbox (`registry_events`); an offer is made once an event, rule and citizen, by the
 * offers' unique key, with its draft and inbox message in the same transaction.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { z } from 'zod'
import { Text3 } from './definition.ts'

const identifier = z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/)

/** A proactive rule, as data: on which event, which service, to whom, filled in with what. */
export const ProactiveRule = z
  .object({
    code: identifier,
    on: z.enum(['birth-registered']),
    service: identifier,
    /** The event's fields that name the citizens offered it (an absent one, no father named, offers nobody). */
    to: z.array(identifier).min(1),
    /** The service's answers filled in, each from a field of the event. */
    answers: z.record(identifier, identifier),
    title: Text3,
    body: Text3,
  })
  .strict()
export type ProactiveRule = z.infer<typeof ProactiveRule>

const rulesDirectory = new URL('../proactive/', import.meta.url)

/** The proactive rules this instance runs (`packages/services/proactive/*.json`). */
export function loadProactiveRules(): ProactiveRule[] {
  return readdirSync(rulesDirectory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = ProactiveRule.safeParse(JSON.parse(readFileSync(new URL(file, rulesDirectory), 'utf8')))
      if (!parsed.success) {
        const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ')
        throw new PolisError('ERR_SERVICE_DEFINITION_INVALID', { detail: `${file}: ${where}` })
      }
      return parsed.data
    })
}

/**
 * Reads the events not yet processed, oldest first, and makes each rule's offers; marks
 * each event processed after its offers are made. A crash in between processes the
 * event again, and the offers' unique key keeps it to one offer each. Answers how many
 * offers were made.
 */
export async function processRegistryEvents(
  store: Store,
  options: { rules: ProactiveRule[]; now: Date; limit?: number },
): Promise<number> {
  const events = await store.db
    .selectFrom('registry_events')
    .selectAll()
    .where('processed_at', 'is', null)
    .orderBy('occurred_at')
    .limit(options.limit ?? 100)
    .execute()
  let made = 0
  for (const event of events) {
    const data = JSON.parse(event.data) as Record<string, unknown>
    for (const rule of options.rules.filter((r) => r.on === event.kind)) {
      const answers = Object.fromEntries(Object.entries(rule.answers).map(([field, from]) => [field, data[from]]))
      const citizens = [
        ...new Set(rule.to.map((field) => data[field]).filter((v): v is string => typeof v === 'string')),
      ]
      for (const citizenId of citizens) {
        const since = event.occurred_at
        if (await offer(store, { rule, eventId: event.id, since, citizenId, answers, now: options.now })) made++
      }
    }
    await store.db
      .updateTable('registry_events')
      .set({ processed_at: options.now.toISOString() })
      .where('id', '=', event.id)
      .execute()
  }
  return made
}

/**
 * One offer, its draft (unless the citizen has one of that service) and its inbox message,
 * in one transaction. None to a citizen who applied for the service since the event (the
 * mother whose newborn package claimed the benefit once the birth was registered).
 */
async function offer(
  store: Store,
  options: {
    rule: ProactiveRule
    eventId: string
    since: string
    citizenId: string
    answers: Record<string, unknown>
    now: Date
  },
): Promise<boolean> {
  const { rule, citizenId } = options
  const applied = await store.db
    .selectFrom('applications')
    .select('id')
    .where('citizen_id', '=', citizenId)
    .where('service_code', '=', rule.service)
    .where('created_at', '>=', options.since)
    .executeTakeFirst()
  if (applied) return false
  const at = options.now.toISOString()
  const id = randomUUID()
  return store.db.transaction().execute(async (trx) => {
    const made = await trx
      .insertInto('proactive_offers')
      .values({
        id,
        event_id: options.eventId,
        rule: rule.code,
        service_code: rule.service,
        citizen_id: citizenId,
        answers: JSON.stringify(options.answers),
        state: 'offered',
        created_at: at,
        answered_at: null,
      })
      .onConflict((c) => c.columns(['event_id', 'rule', 'citizen_id']).doNothing())
      .executeTakeFirst()
    if (Number(made.numInsertedOrUpdatedRows ?? 0) !== 1) return false
    await trx
      .insertInto('application_drafts')
      .values({
        citizen_id: citizenId,
        service_code: rule.service,
        answers: JSON.stringify(options.answers),
        saved_at: at,
      })
      .onConflict((c) => c.columns(['citizen_id', 'service_code']).doNothing())
      .execute()
    await trx
      .insertInto('inbox_messages')
      .values({
        id: randomUUID(),
        citizen_id: citizenId,
        application_id: null,
        link: `/offers/${id}`,
        title: JSON.stringify(rule.title),
        body: JSON.stringify(rule.body),
        created_at: at,
        read_at: null,
      })
      .execute()
    return true
  })
}

export interface ProactiveOffer {
  id: string
  serviceCode: string
  answers: Record<string, unknown>
  state: 'offered' | 'declined'
  createdAt: string
  title: Text3
  body: Text3
}

/** An offer to this citizen; ERR_NOT_FOUND for anyone else's. */
export async function findOffer(
  store: Store,
  rules: ProactiveRule[],
  citizenId: string,
  id: string,
): Promise<ProactiveOffer> {
  const row = await store.db
    .selectFrom('proactive_offers')
    .selectAll()
    .where('id', '=', id)
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst()
  const rule = rules.find((r) => r.code === row?.rule)
  if (!row || !rule) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such offer' })
  return {
    id: row.id,
    serviceCode: row.service_code,
    answers: JSON.parse(row.answers) as Record<string, unknown>,
    state: row.state,
    createdAt: row.created_at,
    title: rule.title,
    body: rule.body,
  }
}

/** The citizen says no, thank you: the offer is closed and its untouched draft goes. */
export async function declineOffer(store: Store, options: { citizenId: string; id: string; now: Date }): Promise<void> {
  const row = await store.db
    .selectFrom('proactive_offers')
    .select(['service_code', 'answers', 'state'])
    .where('id', '=', options.id)
    .where('citizen_id', '=', options.citizenId)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such offer' })
  if (row.state !== 'offered') return
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('proactive_offers')
      .set({ state: 'declined', answered_at: options.now.toISOString() })
      .where('id', '=', options.id)
      .where('state', '=', 'offered')
      .execute()
    // Only the draft as the offer filled it: one the citizen went on with is theirs.
    await trx
      .deleteFrom('application_drafts')
      .where('citizen_id', '=', options.citizenId)
      .where('service_code', '=', row.service_code)
      .where('answers', '=', row.answers)
      .execute()
  })
}
