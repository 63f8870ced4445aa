import { PolisError } from '@polis/kernel'
import { Encoder, Tag } from 'cbor-x'
import { CborTag } from './cbor-tag.ts'
import { FullDate } from './full-date.ts'

// Maps stay Maps (COSE needs integer keys), Uint8Array stays a plain bstr (not tag 64)
// and map lengths use the shortest header (RFC 8949 section 4.2.1, preferred serialisation).
const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, variableMapSize: true, tagUint8Array: false })

const maxValueDepth = 32

/**
 * CBOR bytes of a value in the data model readCbor returns (Map, array, CborTag, Date,
 * FullDate, Uint8Array, string, number, bigint, boolean, null, undefined).
 */
export function encodeCbor(value: unknown): Uint8Array {
  // cbor-x reuses its output buffer on the next call, so copy out.
  return new Uint8Array(encoder.encode(toCborX(value)))
}

/**
 * Every tag as cbor-x's own Tag, which cbor-x writes itself. A Date would go through the
 * process-wide extension that another library may register (@owf/mdoc does, for Date).
 * Tag and Uint8Array are looked up in that same list, but only a class they are instances
 * of could take them over, and no library in use registers one.
 */
function toCborX(value: unknown): unknown {
  if (value instanceof CborTag) return new Tag(toCborX(value.value), value.tag)
  if (value instanceof Date) return toCborX(toTdate(value))
  if (value instanceof FullDate) return new Tag(value.value, 1004)
  if (Array.isArray(value)) return value.map(toCborX)
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, toCborX(item)]))
  return value
}

/** A tdate (RFC 8949 section 3.4.1) in whole seconds, as ISO/IEC 18013-5 section 9.1.2.4 wants. */
export function toTdate(date: Date): CborTag {
  if (Number.isNaN(date.getTime())) throw new PolisError('ERR_BAD_REQUEST', { detail: 'invalid date' })
  return new CborTag({ tag: 0, value: date.toISOString().replace(/\.\d{3}Z$/, 'Z') })
}

/**
 * Turns an element value given by the caller into the CBOR data model: Date becomes a
 * tdate, FullDate a tag-1004 full-date, objects become maps, Uint8Array a bstr. Anything
 * without an obvious CBOR form is refused rather than guessed.
 */
export function toCborValue(value: unknown, depth = 0): unknown {
  if (depth > maxValueDepth) throw new PolisError('ERR_BAD_REQUEST', { detail: 'element value nested too deeply' })
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') {
    return value
  }
  if (typeof value === 'number') {
    // cbor-x writes integers beyond 32 bits as floats; a bigint keeps them integers.
    return Number.isSafeInteger(value) && Math.abs(value) > 0xffffffff ? BigInt(value) : value
  }
  if (value instanceof Uint8Array) return new Uint8Array(value)
  if (value instanceof Date) return toTdate(value)
  if (value instanceof FullDate) return value
  if (Array.isArray(value)) return value.map((item) => toCborValue(item, depth + 1))
  if (value instanceof Map) {
    const map = new Map<unknown, unknown>()
    for (const [key, item] of value) {
      if (typeof key !== 'string' && typeof key !== 'number') {
        throw new PolisError('ERR_BAD_REQUEST', { detail: 'map keys must be strings or numbers' })
      }
      map.set(key, toCborValue(item, depth + 1))
    }
    return map
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    return new Map(Object.entries(value).map(([key, item]) => [key, toCborValue(item, depth + 1)]))
  }
  throw new PolisError('ERR_BAD_REQUEST', { detail: `element values of type ${typeof value} have no CBOR form` })
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
