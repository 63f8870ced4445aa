/**
 * The few CBOR items (RFC 8949) the OpenID4VP handover is made of: text, byte strings,
 * null and arrays. Written here, not taken from a CBOR library, so that the wallet side
 * stays free of Node and the bytes are the preferred encoding every implementation hashes.
 */
export type HandoverItem = string | Uint8Array | null | HandoverItem[]

function head(major: number, length: number): number[] {
  if (length < 24) return [(major << 5) | length]
  if (length < 0x100) return [(major << 5) | 24, length]
  if (length < 0x10000) return [(major << 5) | 25, length >> 8, length & 0xff]
  return [(major << 5) | 26, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]
}

const encoder = new TextEncoder()

function write(item: HandoverItem, out: number[]): void {
  if (item === null) out.push(0xf6)
  else if (typeof item === 'string') {
    const bytes = encoder.encode(item)
    out.push(...head(3, bytes.length))
    for (const byte of bytes) out.push(byte)
  } else if (item instanceof Uint8Array) {
    out.push(...head(2, item.length))
    for (const byte of item) out.push(byte)
  } else {
    out.push(...head(4, item.length))
    for (const inner of item) write(inner, out)
  }
}

/** The CBOR encoding of text, bytes, null and arrays of them. */
export function encodeHandoverCbor(item: HandoverItem): Uint8Array<ArrayBuffer> {
  const out: number[] = []
  write(item, out)
  return Uint8Array.from(out)
}
