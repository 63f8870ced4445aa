import { PolisError } from '@polis/kernel/errors'
import { CborTag } from './cbor-tag.ts'
import { FullDate, isFullDate } from './full-date.ts'

export interface ReadCborOptions {
  /** Longer inputs are refused before anything is read. */
  maxBytes: number
  /** How deeply arrays, maps and tags may nest; 64 unless told. */
  maxDepth?: number
}

interface Cursor {
  bytes: Uint8Array
  view: DataView
  offset: number
  maxDepth: number
}

// fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: a leading U+FEFF is part of the text.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

// RFC 3339 section 5.6 date-time, as RFC 8949 section 3.4.1 asks of tag 0.
const dateTimePattern = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/

function malformed(detail: string): PolisError {
  return new PolisError('ERR_MALFORMED', { detail: `CBOR: ${detail}` })
}

/**
 * Decodes exactly one CBOR data item (RFC 8949) into plain values, with no state shared
 * with any other CBOR library in the process. Strict: definite lengths only, no trailing
 * bytes, no duplicate map keys (section 5.6), map keys only integers or text strings, only
 * the simple values false, true, null and undefined. Integers beyond 2^53-1 in magnitude
 * come back as bigint, all others as number. Byte strings are copies (Uint8Array), maps
 * are Maps, tag 0 a Date, tag 1004 a FullDate, every other tag a CborTag (tag 24 with its
 * exact bytes). Any failure is ERR_MALFORMED, with no content of the input in its detail.
 */
export function readCbor(bytes: Uint8Array, options: ReadCborOptions): unknown {
  if (!(bytes instanceof Uint8Array)) throw malformed('input is not bytes')
  if (bytes.length > options.maxBytes) throw malformed('input too large')
  // A plain Uint8Array view, so that slices are plain Uint8Array copies even of a Buffer.
  const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const cursor: Cursor = {
    bytes: plain,
    view: new DataView(plain.buffer, plain.byteOffset, plain.byteLength),
    offset: 0,
    maxDepth: options.maxDepth ?? 64,
  }
  const value = readItem(cursor, 0)
  if (cursor.offset !== plain.length) throw malformed('trailing bytes after the data item')
  return value
}

function readItem(cursor: Cursor, depth: number): unknown {
  if (depth > cursor.maxDepth) throw malformed('nested too deeply')
  const start = cursor.offset
  const initial = readUint(cursor, 1)
  const majorType = initial >> 5
  const info = initial & 0x1f
  if (majorType === 7) return readSimpleOrFloat(cursor, info)
  const argument = readArgument(cursor, info)
  switch (majorType) {
    case 0:
      return argument
    case 1:
      return typeof argument === 'number' && argument < Number.MAX_SAFE_INTEGER ? -1 - argument : -1n - BigInt(argument)
    case 2:
      return readBytes(cursor, argument)
    case 3:
      return readText(cursor, argument)
    case 4:
      return readArray(cursor, argument, depth)
    case 5:
      return readMap(cursor, argument, depth)
    default:
      return readTag(cursor, argument, { depth, start })
  }
}

/** The argument of a head (RFC 8949 section 3): a number when safe, a bigint beyond. */
function readArgument(cursor: Cursor, info: number): number | bigint {
  if (info < 24) return info
  if (info === 24) return readUint(cursor, 1)
  if (info === 25) return readUint(cursor, 2)
  if (info === 26) return readUint(cursor, 4)
  if (info === 27) {
    need(cursor, 8)
    const value = cursor.view.getBigUint64(cursor.offset)
    cursor.offset += 8
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
  }
  // 31 is an indefinite length (or a break, with no indefinite item open): refused here.
  throw malformed(info === 31 ? 'indefinite lengths are not accepted' : 'reserved additional information')
}

function readUint(cursor: Cursor, size: 1 | 2 | 4): number {
  need(cursor, size)
  const { view, offset } = cursor
  cursor.offset += size
  return size === 1 ? view.getUint8(offset) : size === 2 ? view.getUint16(offset) : view.getUint32(offset)
}

/** ERR_MALFORMED unless `count` more bytes are there: checked before anything is allocated. */
function need(cursor: Cursor, count: number | bigint): asserts count is number {
  if (typeof count === 'bigint' || count > cursor.bytes.length - cursor.offset) {
    throw malformed('truncated or declares more than the input holds')
  }
}

function readBytes(cursor: Cursor, length: number | bigint): Uint8Array {
  need(cursor, length)
  const bytes = cursor.bytes.slice(cursor.offset, cursor.offset + length)
  cursor.offset += length
  return bytes
}

function readText(cursor: Cursor, length: number | bigint): string {
  need(cursor, length)
  const view = cursor.bytes.subarray(cursor.offset, cursor.offset + length)
  cursor.offset += length
  try {
    return utf8.decode(view)
  } catch {
    throw malformed('text string is not valid UTF-8')
  }
}

function readArray(cursor: Cursor, count: number | bigint, depth: number): unknown[] {
  // Every item takes at least one byte, so a count beyond the rest of the input is a lie.
  need(cursor, count)
  const array: unknown[] = []
  for (let i = 0; i < count; i++) array.push(readItem(cursor, depth + 1))
  return array
}

function readMap(cursor: Cursor, count: number | bigint, depth: number): Map<unknown, unknown> {
  // A key and a value take at least one byte each.
  need(cursor, typeof count === 'bigint' ? count : count * 2)
  const map = new Map<unknown, unknown>()
  for (let i = 0; i < count; i++) {
    const keyType = (cursor.bytes[cursor.offset] ?? 0) >> 5
    // Integer and text keys only: what COSE and ISO/IEC 18013-5 use, and what a Map finds by value.
    if (keyType !== 0 && keyType !== 1 && keyType !== 3) throw malformed('map key is not an integer or text')
    const key = readItem(cursor, depth + 1)
    if (map.has(key)) throw malformed('duplicate map key')
    map.set(key, readItem(cursor, depth + 1))
  }
  return map
}

function readTag(cursor: Cursor, tag: number | bigint, at: { depth: number; start: number }): unknown {
  if (typeof tag === 'bigint') throw malformed('tag number too large')
  const value = readItem(cursor, at.depth + 1)
  if (tag === 0) {
    const date = typeof value === 'string' ? parseDateTime(value) : undefined
    if (!date) throw malformed('tag 0 is not an RFC 3339 date-time')
    return date
  }
  if (tag === 1004) {
    if (typeof value !== 'string' || !isFullDate(value)) throw malformed('tag 1004 is not a full-date')
    return new FullDate(value)
  }
  if (tag === 24) {
    if (!(value instanceof Uint8Array)) throw malformed('tag 24 is not around a byte string')
    return new CborTag({ tag, value, bytes: cursor.bytes.slice(at.start, cursor.offset) })
  }
  return new CborTag({ tag, value })
}

/** The instant an RFC 3339 date-time names; undefined for anything else, such as a leap second. */
function parseDateTime(text: string): Date | undefined {
  const match = dateTimePattern.exec(text)
  if (!match) return undefined
  const [, day = '', hour, minute, second, fraction = '', sign, offsetHour, offsetMinute] = match
  const [h, m, s] = [Number(hour), Number(minute), Number(second)]
  const [oh, om] = [Number(offsetHour ?? 0), Number(offsetMinute ?? 0)]
  if (!isFullDate(day) || h > 23 || m > 59 || s > 59 || oh > 23 || om > 59) return undefined
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not map the years 0-99 to 1900-1999.
  date.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)))
  date.setUTCHours(h, m, s, Number(fraction.slice(0, 3).padEnd(3, '0')))
  const offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om)
  return new Date(date.getTime() - offsetMinutes * 60_000)
}

function readSimpleOrFloat(cursor: Cursor, info: number): unknown {
  switch (info) {
    case 20:
      return false
    case 21:
      return true
    case 22:
      return null
    case 23:
      return undefined
    case 24:
      // simple(0..31) in two bytes is not well-formed (section 3.3); 32..255 are unassigned.
      throw malformed(readUint(cursor, 1) < 32 ? 'simple value in a two-byte head' : 'unassigned simple value')
    case 25:
      return decodeHalf(readUint(cursor, 2))
    case 26: {
      need(cursor, 4)
      const value = cursor.view.getFloat32(cursor.offset)
      cursor.offset += 4
      return value
    }
    case 27: {
      need(cursor, 8)
      const value = cursor.view.getFloat64(cursor.offset)
      cursor.offset += 8
      return value
    }
    case 31:
      throw malformed('break outside an indefinite-length item')
    default:
      throw malformed(info < 20 ? 'unassigned simple value' : 'reserved additional information')
  }
}

/** An IEEE 754 half-precision float as a number (RFC 8949 appendix D). */
function decodeHalf(half: number): number {
  const exponent = (half >> 10) & 0x1f
  const mantissa = half & 0x3ff
  const sign = half & 0x8000 ? -1 : 1
  if (exponent === 0) return sign * mantissa * 2 ** -24
  if (exponent === 31) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN
  return sign * (mantissa + 1024) * 2 ** (exponent - 25)
}
