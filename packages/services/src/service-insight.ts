/**
 * What an agency sees of its services in use: how many apply, how many finish, how long a
 * decision takes, where citizens leave a form, and how they rate the service. Aggregates
 * only: no citizen is named, and a draft's answers are read for which page they reached,
 * never shown.
 */
import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import type { ServiceDefinition } from './definition.ts'
import { holds, type RuleData } from './rules.ts'

/** How long a decision took, over the decided applications of the period. */
export interface DecisionTimes {
  count: number
  /** In seconds. */
  median: number | null
  p90: number | null
}

export interface ServiceInsight {
  code: string
  /** Applications submitted in the period. */
  submitted: number
  /** Submitted per week, oldest first, in whole days: the last is today and the six days before. */
  perWeek: number[]
  completed: number
  rejected: number
  /** Neither completed nor rejected yet. */
  open: number
  /** By officials, and by the rules (the `system` actor), over the period's latest 5,000 decisions. */
  decisions: { official: DecisionTimes; automatic: DecisionTimes }
  /**
   * Drafts left for a day or more (the latest 5,000), by the page the citizen had reached
   * (the first with a required question unanswered).
   */
  abandoned: Array<{ page: string; count: number }>
  /** Ratings given in the period, 1 (very hard) to 5 (very easy). */
  ratings: { count: number; average: number | null; distribution: [number, number, number, number, number] }
}

const week = 7 * 86_400_000
/** A draft untouched this long is counted as left. */
const leftAfter = 86_400_000
/** Decision times and left drafts are read one by one: the latest this many of the period. */
const sampled = 5_000

function times(seconds: number[]): DecisionTimes {
  const sorted = [...seconds].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number)
  return { count: sorted.length, median: at(0.5), p90: at(0.9) }
}

/**
 * The page a draft stopped at: the first (as the answers so far ask them) with a
 * required question that is neither answered nor prefilled.
 */
export function pageReached(definition: ServiceDefinition, answers: Record<string, unknown>): string | undefined {
  // Only the answers: a draft's statistics never read the citizen's registry data.
  const context = { answers, person: {}, records: {}, applicant: { age: null, citizen_id: '' }, today: '' } as RuleData
  const asked = (rule: unknown) => {
    try {
      return holds(rule as never, context)
    } catch {
      return true
    }
  }
  for (const page of definition.pages) {
    if (page.condition !== undefined && !asked(page.condition)) continue
    const missing = page.fields.some(
      (field) =>
        field.required !== false &&
        field.prefill === undefined &&
        (field.condition === undefined || asked(field.condition)) &&
        (answers[field.id] === undefined || answers[field.id] === null || answers[field.id] === ''),
    )
    if (missing) return page.id
  }
  return undefined
}

/** The insight of an agency's services over the last `weeks` weeks up to `now`. */
export async function serviceInsight(
  store: Store,
  options: { definitions: ServiceDefinition[]; agency: string; now: Date; weeks?: number },
): Promise<ServiceInsight[]> {
  const weeks = options.weeks ?? 8
  const to = options.now.getTime()
  const from = new Date(to - weeks * week).toISOString()
  const definitions = options.definitions.filter((d) => d.agency === options.agency)
  const codes = definitions.map((d) => d.code)
  if (codes.length === 0) return []
  const { db } = store
  // Counted by the database, a row a service, status and day: never every application.
  const days = await db
    .selectFrom('applications')
    .select((eb) => [
      'service_code',
      'status',
      eb.fn<string>('substr', [eb.ref('created_at'), eb.lit(1), eb.lit(10)]).as('day'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where('agency', '=', options.agency)
    .where('created_at', '>=', from)
    .groupBy(['service_code', 'status', 'day'])
    .execute()
  // Times are read a decision each, the latest `sampled` of the period.
  const decided = await db
    .selectFrom('application_events')
    .innerJoin('applications', 'applications.id', 'application_events.application_id')
    .select([
      'applications.service_code',
      'applications.created_at',
      'application_events.at',
      'application_events.actor',
    ])
    .where('applications.agency', '=', options.agency)
    .where('applications.created_at', '>=', from)
    .where('application_events.type', '=', 'decided')
    .orderBy('application_events.at', 'desc')
    .limit(sampled)
    .execute()
  const drafts = await db
    .selectFrom('application_drafts')
    .select(['service_code', 'answers'])
    .where('service_code', 'in', codes)
    .where('saved_at', '<', new Date(to - leftAfter).toISOString())
    .orderBy('saved_at', 'desc')
    .limit(sampled)
    .execute()
  const ratings = await db
    .selectFrom('service_ratings')
    .select(['service_code', 'rating', (eb) => eb.fn.countAll<number>().as('count')])
    .where('service_code', 'in', codes)
    .where('rated_at', '>=', from)
    .groupBy(['service_code', 'rating'])
    .execute()
  const today = Date.parse(options.now.toISOString().slice(0, 10))

  return definitions.map((definition) => {
    const own = days.filter((d) => d.service_code === definition.code)
    const count = (keep: (status: string) => boolean) =>
      own.filter((d) => keep(d.status)).reduce((n, d) => n + Number(d.count), 0)
    // Weeks in whole days back from today: the last is today and the six days before it.
    const perWeek = Array.from({ length: weeks }, () => 0)
    for (const d of own) {
      const index = weeks - 1 - Math.floor((today - Date.parse(d.day)) / week)
      if (index >= 0 && index < weeks) perWeek[index] = (perWeek[index] as number) + Number(d.count)
    }
    const took = (byRules: boolean) =>
      decided
        .filter((d) => d.service_code === definition.code && (d.actor === 'system') === byRules)
        .map((d) => Math.max(0, (Date.parse(d.at) - Date.parse(d.created_at)) / 1000))
    const left = new Map<string, number>()
    for (const draft of drafts.filter((d) => d.service_code === definition.code)) {
      const page = pageReached(definition, JSON.parse(draft.answers) as Record<string, unknown>)
      if (page) left.set(page, (left.get(page) ?? 0) + 1)
    }
    const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0]
    for (const r of ratings.filter((r) => r.service_code === definition.code)) {
      distribution[Number(r.rating) - 1] = Number(r.count)
    }
    const rated = distribution.reduce((n, c) => n + c, 0)
    const sum = distribution.reduce((n, c, i) => n + c * (i + 1), 0)
    return {
      code: definition.code,
      submitted: count(() => true),
      perWeek,
      completed: count((status) => status === 'completed'),
      rejected: count((status) => status === 'rejected'),
      open: count((status) => status !== 'completed' && status !== 'rejected'),
      decisions: { official: times(took(false)), automatic: times(took(true)) },
      abandoned: definition.pages.flatMap((p) =>
        left.has(p.id) ? [{ page: p.id, count: left.get(p.id) as number }] : [],
      ),
      ratings: { count: rated, average: rated === 0 ? null : Math.round((sum / rated) * 10) / 10, distribution },
    }
  })
}

/**
 * The citizen rates a service they used, once an application of theirs is decided: 1
 * (very hard) to 5 (very easy), once an application. ERR_NOT_FOUND for another's
 * application, ERR_RATING_INVALID, ERR_RATING_NOT_YET before the decision,
 * ERR_ALREADY_RATED the second time.
 */
export async function rateApplication(
  store: Store,
  options: { citizenId: string; applicationId: string; rating: unknown; now: Date },
): Promise<void> {
  const rating = Number(options.rating)
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new PolisError('ERR_RATING_INVALID')
  const application = await store.db
    .selectFrom('applications')
    .select(['service_code', 'status'])
    .where('id', '=', options.applicationId)
    .where('citizen_id', '=', options.citizenId)
    .executeTakeFirst()
  if (!application) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such application' })
  if (application.status !== 'completed' && application.status !== 'rejected') {
    throw new PolisError('ERR_RATING_NOT_YET')
  }
  const result = await store.db
    .insertInto('service_ratings')
    .values({
      application_id: options.applicationId,
      service_code: application.service_code,
      rating,
      rated_at: options.now.toISOString(),
    })
    .onConflict((c) => c.column('application_id').doNothing())
    .executeTakeFirst()
  if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) throw new PolisError('ERR_ALREADY_RATED')
}

/** Whether the citizen rated this application already. */
export async function ratingOf(store: Store, applicationId: string): Promise<number | undefined> {
  const row = await store.db
    .selectFrom('service_ratings')
    .select('rating')
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
  return row ? Number(row.rating) : undefined
}
