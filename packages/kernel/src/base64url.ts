/** base64url (RFC 4648 section 5) without padding, strict on decode. */

/** Encodes bytes or a UTF-8 string as base64url without padding. */
export function toBase64url(input: Uint8Array | string): string {
  return Buffer.from(typeof input === 'string' ? Buffer.from(input, 'utf8') : input).toString('base64url')
}

/**
 * Decodes base64url; returns undefined for anything that is not strict, unpadded
 * base64url. Node's decoder skips characters outside the alphabet and also accepts
 * the `+` `/` of plain base64; a skipped character shows as a shorter result, and the
 * plain-base64 ones are looked for directly, which is far cheaper than a regular
 * expression over a kilobyte-long credential part.
 */
export function fromBase64url(input: string): Buffer | undefined {
  if (input.length % 4 === 1 || input.includes('+') || input.includes('/') || input.includes('=')) return undefined
  // Node reads only the low byte of each character, so U+0141 would pass for 'A': only
  // ASCII text (as many UTF-8 bytes as characters) may be decoded.
  if (Buffer.byteLength(input, 'utf8') !== input.length) return undefined
  const bytes = Buffer.from(input, 'base64url')
  return bytes.length === Math.floor((input.length * 3) / 4) ? bytes : undefined
}
