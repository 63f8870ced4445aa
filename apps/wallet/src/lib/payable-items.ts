import { isRecord, readList, readNumber, readString } from './read-json.ts'
import type { ServiceDefinition } from './service-definition.ts'

/** Something the citizen owes, as the register says (`GET /api/wallet/services/{code}/items`). */
export interface PayableItem {
  id: string
  /** Minor units (kopiykas, cents): the register's, never typed on the phone. */
  amount: number
  currency: string
  description: string
  number: string
  dueDate: string | undefined
  /** What the definition names of the item (a plate, a place), labelled in the citizen's language. */
  details: Array<{ label: string; value: string }>
}

function readItem(value: unknown): PayableItem | undefined {
  if (!isRecord(value)) return undefined
  const id = readString(value.id)
  const amount = readNumber(value.amount)
  const currency = readString(value.currency)
  if (!id || amount === undefined || !currency) return undefined
  return {
    id,
    amount,
    currency,
    description: readString(value.description) ?? '',
    number: readString(value.number) ?? id,
    dueDate: readString(value.dueDate),
    details: readList(value.details, (d) => {
      if (!isRecord(d)) return undefined
      const label = readString(d.label)
      const shown = readString(d.value)
      return label !== undefined && shown !== undefined && shown !== '' ? { label, value: shown } : undefined
    }),
  }
}

/** The items owed by item question, from the server's answer; what is not an item is left out. */
export function readPayableItems(value: unknown): Record<string, PayableItem[]> {
  if (!isRecord(value) || !isRecord(value.items)) return {}
  return Object.fromEntries(Object.entries(value.items).map(([field, list]) => [field, readList(list, readItem)]))
}

/** An amount in minor units as the citizen reads it in their language: `340,00 грн`, `UAH 340.00`. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 100)
}

/**
 * The definition with each item question's choices: the items the server listed, by id,
 * each read out as its description and amount in every language. An item question the
 * server listed nothing for has no choices (and the service is not open to the citizen).
 */
export function withItemOptions(
  definition: ServiceDefinition,
  items: Record<string, PayableItem[]>,
  locales: { uk: string; en: string; et: string },
): ServiceDefinition {
  const line = (item: PayableItem, locale: string) =>
    `${item.description || item.number} — ${formatMoney(item.amount, item.currency, locale)}`
  return {
    ...definition,
    pages: definition.pages.map((page) => ({
      ...page,
      fields: page.fields.map((field) =>
        field.type === 'item'
          ? {
              ...field,
              options: (items[field.id] ?? []).map((item) => ({
                value: item.id,
                label: { uk: line(item, locales.uk), en: line(item, locales.en), et: line(item, locales.et) },
              })),
            }
          : field,
      ),
    })),
  }
}
