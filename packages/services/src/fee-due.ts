import { PolisError } from '@polis/kernel'
import { readPath } from './answers.ts'
import type { Field, ServiceDefinition } from './definition.ts'
import type { RuleData } from './rules.ts'

/** A payable record of a registry, as an `item` field offers it. */
export interface PayableItem {
  id: string
  amount: number
  currency: string
  status: string
  description: string
  data: Record<string, unknown>
}

/** What a fee comes to: the amount and, for an item's, which registry record it pays. */
export interface FeeDue {
  amount: number
  currency: string
  item?: { registry: string; kind: string; id: string; number: string; description: string }
}

/** A record read as payable, or undefined when it lacks what paying needs. */
function payable(record: unknown): PayableItem | undefined {
  if (record === null || typeof record !== 'object') return undefined
  const data = record as Record<string, unknown>
  const { id, amount, currency, status } = data
  if (typeof id !== 'string' || typeof currency !== 'string' || typeof status !== 'string') return undefined
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1) return undefined
  const description = typeof data.description === 'string' ? data.description : ''
  return { id, amount, currency, status, description, data }
}

/** Every payable record an item field reads, paid or not (only the applicant's own are ever read). */
export function itemsOf(field: Field, data: Omit<RuleData, 'answers'>): PayableItem[] {
  if (!field.items) return []
  const list = readPath({ ...data, answers: {} }, field.items)
  return Array.isArray(list) ? list.flatMap((record) => payable(record) ?? []) : []
}

/** The items still due, which the field offers. */
export function itemsDue(field: Field, data: Omit<RuleData, 'answers'>): PayableItem[] {
  return itemsOf(field, data).filter((item) => item.status === 'due')
}

/**
 * The fee of an application: the definition's fixed amount, or the amount of the item
 * chosen, as the registry says (never as the browser does). An item no longer due is
 * ERR_ALREADY_PAID; one that is not the applicant's is not among their records, and so
 * ERR_NOT_FOUND. Undefined for a service without a fee.
 */
export function feeDue(
  definition: ServiceDefinition,
  data: Omit<RuleData, 'answers'>,
  answers: Record<string, unknown>,
): FeeDue | undefined {
  const fee = definition.fee
  if (!fee) return undefined
  if ('amount' in fee) return { amount: fee.amount, currency: fee.currency }
  const field = definition.pages.flatMap((p) => p.fields).find((f) => f.id === fee.item)
  if (!field?.items) throw new PolisError('ERR_SERVICE_DEFINITION_INVALID', { detail: `no item field ${fee.item}` })
  const chosen = answers[field.id]
  const item = itemsOf(field, data).find((i) => i.id === chosen)
  if (!item) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such item among the applicant’s' })
  if (item.status !== 'due') throw new PolisError('ERR_ALREADY_PAID')
  const [, registry = '', kind = ''] = field.items.split('.')
  const number = typeof item.data.number === 'string' ? item.data.number : item.id
  return {
    amount: item.amount,
    currency: item.currency,
    item: { registry, kind, id: item.id, number, description: item.description },
  }
}
