/**
 * The CBOR (RFC 8949) the wallet writes: the OpenID4VP handover and a DeviceResponse.
 * Text, byte strings, integers, null, arrays, text-keyed maps, tags, and raw bytes
 * copied unchanged (an issuer's signed items must keep their exact encoding). Written
 * here so that the wallet stays free of Node, in the preferred encoding every party hashes.
 */
export type CborItem =
  | string
  | number
  | Uint8Array
  | null
  | CborItem[]
  | { map: Array<[string | number, CborItem]> }
  | { tag: number; value: CborItem }
  | { raw: Uint8Array }

function head(major: number, length: number, out: number[]): void {
  if (length < 24) out.push((major << 5) | length)
  else if (length < 0x100) out.push((major << 5) | 24, length)
  else if (length < 0x10000) out.push((major << 5) | 25, length >> 8, length & 0xff)
  else out.push((major << 5) | 26, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff)
}

const encoder = new TextEncoder()

function push(bytes: Uint8Array, out: number[]): void {
  for (const byte of bytes) out.push(byte)
}

function write(item: CborItem, out: number[]): void {
  if (item === null) out.push(0xf6)
  else if (typeof item === 'string') {
    const bytes = encoder.encode(item)
    head(3, bytes.length, out)
    push(bytes, out)
  } else if (typeof item === 'number') {
    if (!Number.isSafeInteger(item) || Math.abs(item) > 0xffffffff) throw new RangeError('only 32-bit integers')
    if (item >= 0) head(0, item, out)
    else head(1, -1 - item, out)
  } else if (item instanceof Uint8Array) {
    head(2, item.length, out)
    push(item, out)
  } else if (Array.isArray(item)) {
    head(4, item.length, out)
    for (const inner of item) write(inner, out)
  } else if ('raw' in item) push(item.raw, out)
  else if ('tag' in item) {
    head(6, item.tag, out)
    write(item.value, out)
  } else {
    head(5, item.map.length, out)
    for (const [key, value] of item.map) {
      write(key, out)
      write(value, out)
    }
  }
}

/** The CBOR encoding of an item. */
export function encodeCbor(item: CborItem): Uint8Array<ArrayBuffer> {
  const out: number[] = []
  write(item, out)
  return Uint8Array.from(out)
}

/** `#6.24(bstr .cbor item)`: an embedded CBOR data item (RFC 8949 section 3.4.5.1). */
export function embedCbor(encoded: Uint8Array): CborItem {
  return { tag: 24, value: encoded }
}
