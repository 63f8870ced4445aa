import { FullDate } from '../mdoc/full-date.ts'

/**
 * An mdoc element value in one plain, comparable form, whichever implementation decoded
 * it: full-dates (Polis FullDate, @owf/mdoc DateOnly) as `full-date YYYY-MM-DD`, byte
 * strings as `bytes <hex>`, maps as objects. Recognises DateOnly by its toStringTag, so
 * comparing needs no import of @owf/mdoc.
 */
export function toComparable(value: unknown): unknown {
  if (value instanceof FullDate) return `full-date ${value.value}`
  if (isDateOnly(value)) return `full-date ${value.toISOString()}`
  if (value instanceof Uint8Array) return `bytes ${Buffer.from(value).toString('hex')}`
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toComparable)
  if (value instanceof Map) return toComparable(Object.fromEntries(value))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toComparable(inner)]))
  }
  return value
}

function isDateOnly(value: unknown): value is { toISOString(): string } {
  return Object.prototype.toString.call(value) === '[object DateOnly]'
}
