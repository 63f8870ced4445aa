import type { Language } from '@polis/ui'
import { isRecord, readList, readNumber, readString, readText3, type Text3 } from './read-json.ts'

/** A service as the catalogue lists it (`GET /api/services`). */
export interface ServiceSummary {
  code: string
  name: Text3
  summary: Text3
  category: string
  lifeEvents: string[]
  decidedBy: 'rules' | 'official' | 'payment' | 'bundle'
  fee?: { amount: number; currency: string }
}

function readSummary(value: unknown): ServiceSummary | undefined {
  if (!isRecord(value)) return undefined
  const code = readString(value.code)
  const name = readText3(value.name)
  const summary = readText3(value.summary)
  const decidedBy =
    value.decidedBy === 'rules' || value.decidedBy === 'payment' || value.decidedBy === 'bundle'
      ? value.decidedBy
      : 'official'
  if (!code || !name || !summary) return undefined
  const amount = isRecord(value.fee) ? readNumber(value.fee.amount) : undefined
  const currency = isRecord(value.fee) ? readString(value.fee.currency) : undefined
  return {
    code,
    name,
    summary,
    category: readString(value.category) ?? 'other',
    lifeEvents: readList(value.lifeEvents, readString),
    decidedBy,
    ...(amount !== undefined && currency ? { fee: { amount, currency } } : {}),
  }
}

/** The catalogue from `GET /api/services`; entries that are not services are left out. */
export function readCatalogue(value: unknown): ServiceSummary[] {
  return readList(value, readSummary)
}

/** Lower case without accents, so that "sotsiaal" finds "sotsiaal" and "Ї" finds "ї". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()

/**
 * The services that match what the citizen typed, in any of the three languages (a
 * citizen may search in one and read in another), grouped by category in the order
 * given and sorted by name in their language; every word typed must be found.
 */
export function searchCatalogue(
  services: ServiceSummary[],
  options: { query: string; language: Language; categoryOrder: readonly string[] },
): Array<{ category: string; services: ServiceSummary[] }> {
  const words = fold(options.query).split(/\s+/).filter(Boolean)
  const found = services.filter((service) => {
    const text = fold(
      [service.code, ...Object.values(service.name), ...Object.values(service.summary)].join(' \u0000 '),
    )
    return words.every((word) => text.includes(word))
  })
  const rank = (category: string) => {
    const index = options.categoryOrder.indexOf(category)
    return index === -1 ? options.categoryOrder.length : index
  }
  const categories = [...new Set(found.map((s) => s.category))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const collator = new Intl.Collator(options.language)
  return categories.map((category) => ({
    category,
    services: found
      .filter((s) => s.category === category)
      .sort((a, b) => collator.compare(a.name[options.language], b.name[options.language])),
  }))
}
