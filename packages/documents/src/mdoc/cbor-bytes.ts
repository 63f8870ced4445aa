/** The head of a CBOR data item of a major type with a length or value (RFC 8949 section 3). */
export function encodeHead(majorType: number, argument: number): Uint8Array {
  const type = majorType << 5
  if (argument < 24) return Uint8Array.of(type | argument)
  if (argument < 0x100) return Uint8Array.of(type | 24, argument)
  if (argument < 0x10000) return Uint8Array.of(type | 25, argument >> 8, argument & 0xff)
  const head = new Uint8Array(5)
  head[0] = type | 26
  new DataView(head.buffer).setUint32(1, argument)
  return head
}

/**
 * `#6.24(bstr .cbor ...)` around already encoded bytes (RFC 8949 section 3.4.5.1). The
 * bytes inside are never re-encoded: digests and signatures cover them exactly.
 */
export function encodeTag24(content: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0xd8, 0x18), encodeHead(2, content.length), content)
}

/** One Uint8Array holding the parts one after another. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((length, part) => length + part.length, 0))
  let offset = 0
  for (const part of parts) {
    result.set(part, offset)
    offset += part.length
  }
  return result
}

/** A byte string's encoding: its head, then the bytes (RFC 8949 section 3.1, major type 2). */
export function encodeByteString(bytes: Uint8Array): Uint8Array {
  return concatBytes(encodeHead(2, bytes.length), bytes)
}

/** A text string's encoding (major type 3). */
export function encodeTextString(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text)
  return concatBytes(encodeHead(3, bytes.length), bytes)
}

/** An unsigned integer's encoding (major type 0), up to 2^32-1. */
export function encodeUint(value: number): Uint8Array {
  return encodeHead(0, value)
}

/** An array's encoding around items already encoded (major type 4). */
export function encodeArray(items: Uint8Array[]): Uint8Array {
  return concatBytes(encodeHead(4, items.length), ...items)
}

/** The ToBeSigned bytes: Sig_structure for a COSE_Sign1 without external data (RFC 9052 section 4.4). */
export function encodeSigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeArray([
    encodeTextString('Signature1'),
    encodeByteString(protectedBytes),
    encodeByteString(new Uint8Array(0)),
    encodeByteString(payload),
  ])
}
