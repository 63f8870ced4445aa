import { PolisError } from '@polis/kernel/errors'
import { CborTag } from './cbor-tag.ts'
import { FullDate } from './full-date.ts'
import { readCbor } from './read-cbor.ts'

/** Larger inputs are refused before decoding: an mDL with a portrait is some tens of kilobytes. */
export const maxMdocBytes = 1024 * 1024

const maxValueDepth = 32

/** A decoded CBOR map. */
export type CborMap = Map<unknown, unknown>

/** The encoded bytes of `#6.24(bstr)`: what is inside, and the whole tagged item as received. */
export interface Tag24 {
  content: Uint8Array
  bytes: Uint8Array
}

function malformed(detail: string, cause?: unknown): PolisError {
  return new PolisError('ERR_MALFORMED', cause === undefined ? { detail } : { detail, cause })
}

/**
 * Decodes exactly one CBOR data item with Polis's own reader (read-cbor.ts), so that no
 * other library's cbor-x extensions can change what comes back. Byte strings are copies:
 * nothing returned aliases the caller's buffer.
 */
export function decodeCbor(bytes: Uint8Array, what: string): unknown {
  try {
    return readCbor(bytes, { maxBytes: maxMdocBytes })
  } catch (cause) {
    throw malformed(`${what} is not well-formed CBOR`, cause)
  }
}

/** The value as a CBOR map, or ERR_MALFORMED. */
export function asMap(value: unknown, what: string): CborMap {
  if (!(value instanceof Map)) throw malformed(`${what} must be a map`)
  return value
}

/** The value as a CBOR array, or ERR_MALFORMED. */
export function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw malformed(`${what} must be an array`)
  return value
}

/** The value as a byte string, or ERR_MALFORMED. */
export function asBytes(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw malformed(`${what} must be a byte string`)
  return value
}

/** The value as a text string, or ERR_MALFORMED. */
export function asText(value: unknown, what: string): string {
  if (typeof value !== 'string') throw malformed(`${what} must be a text string`)
  return value
}

/** The value as an unsigned integer that fits a JavaScript number, or ERR_MALFORMED. */
export function asUint(value: unknown, what: string): number {
  // The reader gives a number for any integer up to 2^53-1, whatever the length of its head.
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw malformed(`${what} must be an unsigned integer`)
  }
  return value
}

/** A tdate (tag 0), which the reader turns into a Date; ERR_MALFORMED otherwise. */
export function asDate(value: unknown, what: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw malformed(`${what} must be a tdate`)
  return value
}

/** `#6.24(bstr)`: the encoded bytes inside and the exact bytes of the whole item, or ERR_MALFORMED. */
export function asTag24(value: unknown, what: string): Tag24 {
  if (!(value instanceof CborTag) || value.tag !== 24 || !(value.value instanceof Uint8Array) || !value.bytes) {
    throw malformed(`${what} must be tag 24 around a byte string`)
  }
  return { content: value.value, bytes: value.bytes }
}

/**
 * ERR_MALFORMED when a map has a key its CDDL does not list. The keys of IssuerSigned,
 * Document and DeviceResponse are not signed, so a mangled key would otherwise quietly
 * hide a part (such as every presented element) instead of failing.
 */
export function assertKnownKeys(map: CborMap, keys: string[], what: string): void {
  for (const key of map.keys()) {
    if (typeof key !== 'string' || !keys.includes(key)) throw malformed(`${what} has an unknown key`)
  }
}

/** A field that must be present in a map, or ERR_MALFORMED. */
export function getField(map: CborMap, key: string | number, what: string): unknown {
  if (!map.has(key)) throw malformed(`${what} lacks ${String(key)}`)
  return map.get(key)
}

/**
 * An element value in the form the caller gets it: maps with text keys become plain
 * objects; full-dates (FullDate), tdates (Date) and byte strings (Uint8Array) stay as
 * the reader gave them, and so do other tags, as CborTag ({ tag, value }).
 */
export function fromCborValue(value: unknown, depth = 0): unknown {
  if (depth > maxValueDepth) throw malformed('element value nested too deeply')
  if (value === null || value === undefined) return value
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value
  if (typeof value === 'number') return value
  if (value instanceof Uint8Array) return value
  if (value instanceof Date || value instanceof FullDate) return value
  if (Array.isArray(value)) return value.map((item) => fromCborValue(item, depth + 1))
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) => [key, fromCborValue(item, depth + 1)] as const)
    // Object.fromEntries defines own properties, so a "__proto__" key cannot reach the prototype.
    return entries.every(([key]) => typeof key === 'string') ? Object.fromEntries(entries) : new Map(entries)
  }
  if (value instanceof CborTag) {
    return new CborTag({ ...value, value: fromCborValue(value.value, depth + 1) })
  }
  throw malformed('element value is not CBOR data')
}
