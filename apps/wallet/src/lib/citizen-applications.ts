import { isRecord, readList, readNumber, readString, readText3, type Text3 } from './read-json.ts'

/** One of the citizen's applications, as listed (`GET /api/wallet/applications`). */
export interface ApplicationEntry {
  id: string
  serviceCode: string
  status: string
  createdAt: string
  updatedAt: string
}

/** A step in an application's history: who, when and why. */
export interface ApplicationEvent {
  /** Its place in the application's history, counted from 1. */
  seq: number
  type: string
  at: string
  actor: string
  reason: string | null
  /** What a step produced that the citizen reads: a record's values (a queue position, an amount). */
  values: Array<{ label: Text3; value: string | number | boolean; currency?: string }>
  /** Money asked for, paid or returned at this step, in minor units. */
  money?: { amount: number; currency: string }
  /** What a payment was for (the register's item) and the provider's reference: the receipt. */
  receipt?: { item?: { number: string; description: string }; paymentId?: string }
  /** A document this step made ready for the wallet. */
  documentType?: string
  /** What a decision was. */
  outcome?: 'approve' | 'reject'
  /** The service a bundle's step is about (a part applied for, not asked for). */
  service?: string
}

/** One service of a life-event bundle: where it stands, and its own application once made. */
export interface ApplicationPart {
  id: string
  serviceCode: string
  /** `waiting`, `skipped` (not asked for), `refused`, `cancelled` (an earlier part refused), or its application's status. */
  state: string
  applicationId?: string
  /** The parts it waits for, or the one whose refusal left it unmade. */
  after: string[]
}

export interface ApplicationDetail extends ApplicationEntry {
  events: ApplicationEvent[]
  /** A bundle's services, in order; empty for any other application. */
  parts: ApplicationPart[]
  /** The bundle this application is a part of. */
  bundle?: { id: string; serviceCode: string }
}

function readPart(value: unknown): ApplicationPart | undefined {
  if (!isRecord(value)) return undefined
  const id = readString(value.id)
  const serviceCode = readString(value.serviceCode)
  const state = readString(value.state)
  if (!id || !serviceCode || !state) return undefined
  const applicationId = readString(value.applicationId)
  return {
    id,
    serviceCode,
    state,
    ...(applicationId ? { applicationId } : {}),
    after: readList(value.after, readString),
  }
}

/** A message in the citizen's inbox (`GET /api/wallet/inbox`). */
export interface InboxMessage {
  id: string
  applicationId: string | null
  title: string
  body: string
  createdAt: string
  read: boolean
}

function readEntry(value: unknown): ApplicationEntry | undefined {
  if (!isRecord(value)) return undefined
  const id = readString(value.id)
  const serviceCode = readString(value.serviceCode)
  const status = readString(value.status)
  const createdAt = readString(value.createdAt)
  if (!id || !serviceCode || !status || !createdAt) return undefined
  return { id, serviceCode, status, createdAt, updatedAt: readString(value.updatedAt) ?? createdAt }
}

function readEvent(value: unknown): ApplicationEvent | undefined {
  if (!isRecord(value)) return undefined
  const type = readString(value.type)
  const at = readString(value.at)
  const seq = readNumber(value.seq)
  if (!type || !at || seq === undefined) return undefined
  const data = isRecord(value.data) ? value.data : {}
  const values = readList(data.values, (item) => {
    if (!isRecord(item)) return undefined
    const label = readText3(item.label)
    const shown = item.value
    if (!label || (typeof shown !== 'string' && typeof shown !== 'number' && typeof shown !== 'boolean'))
      return undefined
    const currency = readString(item.currency)
    return { label, value: shown, ...(currency ? { currency } : {}) }
  })
  // A fee asked for carries its amount (and item) in `fee`; a payment and a refund carry theirs at the top.
  const paid = type === 'payment-requested' && isRecord(data.fee) ? data.fee : data
  const amount = readNumber(paid.amount)
  const currency = readString(paid.currency)
  // The item is the receipt's once paid; the fee asked for names it too, but nothing is paid for yet.
  const item =
    type === 'paid' && isRecord(paid.item)
      ? { number: readString(paid.item.number) ?? '', description: readString(paid.item.description) ?? '' }
      : undefined
  const paymentId = readString(data.paymentId)
  const documentType = type === 'output-issued' && data.type === 'document' ? readString(data.documentType) : undefined
  return {
    seq,
    type,
    at,
    actor: readString(value.actor) ?? 'system',
    reason: readString(value.reason) ?? null,
    values,
    ...(amount !== undefined && currency ? { money: { amount, currency } } : {}),
    ...(item || paymentId ? { receipt: { ...(item ? { item } : {}), ...(paymentId ? { paymentId } : {}) } } : {}),
    ...(documentType ? { documentType } : {}),
    ...(type.startsWith('part-') && readString(data.service) ? { service: readString(data.service) as string } : {}),
    ...(type === 'decided' && (data.outcome === 'approve' || data.outcome === 'reject')
      ? { outcome: data.outcome }
      : {}),
  }
}

const newestFirst = <T>(items: T[], at: (item: T) => string) => [...items].sort((a, b) => at(b).localeCompare(at(a)))

/** The citizen's applications, newest first. */
export function readApplications(value: unknown): ApplicationEntry[] {
  return newestFirst(readList(value, readEntry), (a) => a.createdAt)
}

/** One application with its history, the newest step first; undefined when it is not one. */
export function readApplication(value: unknown): ApplicationDetail | undefined {
  const entry = readEntry(value)
  if (!entry || !isRecord(value)) return undefined
  // Steps written in one moment keep their order: the later one first.
  const events = readList(value.events, readEvent).sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq)
  const bundleId = isRecord(value.bundle) ? readString(value.bundle.id) : undefined
  const bundleCode = isRecord(value.bundle) ? readString(value.bundle.serviceCode) : undefined
  return {
    ...entry,
    events,
    parts: readList(value.parts, readPart),
    ...(bundleId && bundleCode ? { bundle: { id: bundleId, serviceCode: bundleCode } } : {}),
  }
}

/** The inbox, newest first. */
export function readInbox(value: unknown): InboxMessage[] {
  const messages = readList(value, (item) => {
    if (!isRecord(item)) return undefined
    const id = readString(item.id)
    const title = readString(item.title)
    const body = readString(item.body)
    const createdAt = readString(item.createdAt)
    if (!id || title === undefined || body === undefined || !createdAt) return undefined
    return {
      id,
      applicationId: readString(item.applicationId) ?? null,
      title,
      body,
      createdAt,
      read: item.read === true,
    }
  })
  return newestFirst(messages, (m) => m.createdAt)
}

/** Who took a step, as the citizen is told: themselves, an official, or the platform on its own. */
export function actorKind(actor: string): 'you' | 'official' | 'system' {
  if (actor.startsWith('citizen:')) return 'you'
  if (actor.startsWith('official:')) return 'official'
  return 'system'
}

/**
 * Whether a step's reason is said to the citizen: an official's or their own words (a
 * refusal, a question, an answer), and a decision's reason; the platform's notes on its
 * routine steps ("read from the registries") are not.
 */
export function reasonShown(event: ApplicationEvent): boolean {
  return event.reason !== null && (actorKind(event.actor) !== 'system' || event.type === 'decided')
}
