import { PolisError } from '@polis/kernel/errors'

/** A decoded CBOR item with where it lies in its bytes, so that signed parts can be copied exactly. */
export interface CborValue {
  start: number
  end: number
  value: unknown
}

/** A tagged item (RFC 8949 section 3.4). */
export interface CborTagged {
  tag: number
  value: unknown
}

const malformed = (detail: string) => new PolisError('ERR_MALFORMED', { detail: `CBOR: ${detail}` })
const decoder = new TextDecoder('utf-8', { fatal: true })
const maxDepth = 32

/** IEEE 754 half precision (RFC 8949 Appendix D). */
function halfFloat(half: number): number {
  const exponent = (half >> 10) & 0x1f
  const mantissa = half & 0x3ff
  const value =
    exponent === 0
      ? mantissa * 2 ** -24
      : exponent === 31
        ? mantissa === 0
          ? Number.POSITIVE_INFINITY
          : Number.NaN
        : (mantissa + 1024) * 2 ** (exponent - 25)
  return half & 0x8000 ? -value : value
}

function argument(bytes: Uint8Array, offset: number, info: number): { value: number; next: number } {
  if (info < 24) return { value: info, next: offset }
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0
  if (size === 0) throw malformed('indefinite lengths and reserved values are not read')
  if (offset + size > bytes.length) throw malformed('truncated')
  let value = 0
  for (let i = 0; i < size; i++) value = value * 256 + (bytes[offset + i] as number)
  if (!Number.isSafeInteger(value)) throw malformed('an integer too large')
  return { value, next: offset + size }
}

function read(bytes: Uint8Array, offset: number, depth: number): CborValue {
  if (depth > maxDepth) throw malformed('nested too deeply')
  if (offset >= bytes.length) throw malformed('truncated')
  const initial = bytes[offset] as number
  const major = initial >> 5
  const info = initial & 0x1f
  if (major === 7) {
    const simple: Record<number, unknown> = { 20: false, 21: true, 22: null, 23: undefined }
    if (info in simple) return { start: offset, end: offset + 1, value: simple[info] }
    if (info === 25 || info === 26 || info === 27) {
      const size = info === 25 ? 2 : info === 26 ? 4 : 8
      if (offset + 1 + size > bytes.length) throw malformed('truncated')
      const view = new DataView(bytes.buffer, bytes.byteOffset + offset + 1, size)
      const value = size === 2 ? halfFloat(view.getUint16(0)) : size === 4 ? view.getFloat32(0) : view.getFloat64(0)
      return { start: offset, end: offset + 1 + size, value }
    }
    throw malformed('an unknown simple value')
  }
  const { value: length, next } = argument(bytes, offset + 1, info)
  switch (major) {
    case 0:
      return { start: offset, end: next, value: length }
    case 1:
      return { start: offset, end: next, value: -1 - length }
    case 2:
    case 3: {
      if (next + length > bytes.length) throw malformed('truncated')
      const slice = bytes.subarray(next, next + length)
      if (major === 2) return { start: offset, end: next + length, value: slice }
      try {
        return { start: offset, end: next + length, value: decoder.decode(slice) }
      } catch {
        throw malformed('text is not UTF-8')
      }
    }
    case 4: {
      const items: unknown[] = []
      let at = next
      for (let i = 0; i < length; i++) {
        const item = read(bytes, at, depth + 1)
        items.push(item.value)
        at = item.end
      }
      return { start: offset, end: at, value: items }
    }
    case 5: {
      const map = new Map<unknown, unknown>()
      let at = next
      for (let i = 0; i < length; i++) {
        const key = read(bytes, at, depth + 1)
        const value = read(bytes, key.end, depth + 1)
        map.set(key.value, value.value)
        at = value.end
      }
      return { start: offset, end: at, value: map }
    }
    default: {
      const inner = read(bytes, next, depth + 1)
      return { start: offset, end: inner.end, value: { tag: length, value: inner.value } satisfies CborTagged }
    }
  }
}

/** Decodes one CBOR item at `offset` (definite lengths only), with its span. */
export function readCbor(bytes: Uint8Array, offset = 0): CborValue {
  return read(bytes, offset, 0)
}

/** Decodes a whole buffer holding exactly one item. */
export function decodeCborValue(bytes: Uint8Array): unknown {
  const item = read(bytes, 0, 0)
  if (item.end !== bytes.length) throw malformed('trailing bytes')
  return item.value
}
