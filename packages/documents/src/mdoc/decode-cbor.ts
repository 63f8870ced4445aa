import { PolisError } from '@polis/kernel'
import { Decoder, Tag } from 'cbor-x'
import { FullDate, isFullDate } from './full-date.ts'

// Maps stay Maps so that integer keys (COSE) and text keys are told apart, and byte
// strings are copied so that nothing returned aliases the caller's buffer.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false, copyBuffers: true })

const maxValueDepth = 32

/** A decoded CBOR map. */
export type CborMap = Map<unknown, unknown>

function malformed(detail: string, cause?: unknown): PolisError {
  return new PolisError('ERR_MALFORMED', cause === undefined ? { detail } : { detail, cause })
}

/**
 * Decodes exactly one CBOR data item. Every failure of cbor-x, including the stack
 * overflow of absurd nesting, becomes ERR_MALFORMED: callers never see a raw error.
 */
export function decodeCbor(bytes: Uint8Array, what: string): unknown {
  try {
    // A plain Uint8Array view, so that the byte strings cbor-x slices out are not Buffers.
    return decoder.decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
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
  // cbor-x returns a bigint for any 64-bit head, even a small value in a long head.
  const number = typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw malformed(`${what} must be an unsigned integer`)
  }
  return number
}

/** A tdate (tag 0) or epoch date (tag 1), which cbor-x turns into a Date; ERR_MALFORMED otherwise. */
export function asDate(value: unknown, what: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw malformed(`${what} must be a tdate`)
  return value
}

/** The encoded bytes inside `#6.24(bstr)`, or ERR_MALFORMED. */
export function asTag24(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Tag) || value.tag !== 24 || !(value.value instanceof Uint8Array)) {
    throw malformed(`${what} must be tag 24 around a byte string`)
  }
  return value.value
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
 * objects, tag 1004 a FullDate, tdates a Date, byte strings a Uint8Array. Other tags
 * stay cbor-x Tags ({ tag, value }); shared references and other cbor-x extensions
 * that are not CBOR data are refused.
 */
export function fromCborValue(value: unknown, depth = 0): unknown {
  if (depth > maxValueDepth) throw malformed('element value nested too deeply')
  if (value === null || value === undefined) return value
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value
  if (typeof value === 'number') return value
  if (value instanceof Uint8Array) return value
  if (value instanceof Date) return asDate(value, 'a date element value')
  if (Array.isArray(value)) return value.map((item) => fromCborValue(item, depth + 1))
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) => [key, fromCborValue(item, depth + 1)] as const)
    // Object.fromEntries defines own properties, so a "__proto__" key cannot reach the prototype.
    return entries.every(([key]) => typeof key === 'string') ? Object.fromEntries(entries) : new Map(entries)
  }
  if (value instanceof Tag) {
    if (value.tag === 1004) {
      if (typeof value.value !== 'string' || !isFullDate(value.value)) throw malformed('invalid full-date')
      return new FullDate(value.value)
    }
    return new Tag(fromCborValue(value.value, depth + 1), value.tag)
  }
  throw malformed('element value is not CBOR data')
}
