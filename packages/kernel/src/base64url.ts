/** base64url (RFC 4648 section 5) without padding, strict on decode. */
const alphabet = /^[A-Za-z0-9_-]*$/

/** Encodes bytes or a UTF-8 string as base64url without padding. */
export function toBase64url(input: Uint8Array | string): string {
  return Buffer.from(typeof input === 'string' ? Buffer.from(input, 'utf8') : input).toString('base64url')
}

/** Decodes base64url; returns undefined for anything that is not strict base64url. */
export function fromBase64url(input: string): Buffer | undefined {
  if (!alphabet.test(input) || input.length % 4 === 1) return undefined
  return Buffer.from(input, 'base64url')
}
