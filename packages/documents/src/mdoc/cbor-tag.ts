/** What a tagged CBOR data item is made of; `bytes` only where the exact encoding matters. */
export interface CborTagParts {
  tag: number
  value: unknown
  bytes?: Uint8Array
}

/**
 * A tagged CBOR data item (RFC 8949 section 3.4) that has no type of its own in Polis.
 * For tag 24 (encoded CBOR data item, section 3.4.5.1) `value` is the embedded byte
 * string and `bytes` the whole tagged item exactly as received, because ISO/IEC 18013-5
 * hashes and signs those bytes (sections 9.1.2.5 and 9.1.3.4) and a re-encoding may differ.
 * Polis's own class, so that no other library's CBOR extensions can change what it is.
 */
export class CborTag {
  readonly tag: number
  readonly value: unknown
  readonly bytes?: Uint8Array

  constructor(parts: CborTagParts) {
    this.tag = parts.tag
    this.value = parts.value
    if (parts.bytes) this.bytes = parts.bytes
  }
}
