/**
 * Small readers for JSON the wallet is sent: each takes `unknown` and returns a typed
 * value or undefined, so that outside data is checked once, where it arrives.
 */
export type Json = Record<string, unknown>

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function readString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

export function readNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** A list of what `read` accepts; items it refuses are left out. */
export function readList<T>(value: unknown, read: (item: unknown) => T | undefined): T[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item) => {
    const read_ = read(item)
    return read_ === undefined ? [] : [read_]
  })
}

/** A text in the platform's three languages. */
export interface Text3 {
  uk: string
  en: string
  et: string
}

export function readText3(value: unknown): Text3 | undefined {
  if (!isRecord(value)) return undefined
  const uk = readString(value.uk)
  const en = readString(value.en)
  const et = readString(value.et)
  return uk !== undefined && en !== undefined && et !== undefined ? { uk, en, et } : undefined
}
