import { PolisError } from '@polis/kernel/errors'

/**
 * Base45 (RFC 9285): bytes as text in the 45-character alphanumeric set of QR codes, which
 * a QR encodes at 5.5 bits a character against 8 in byte mode, and which every scanner
 * hands back unchanged (byte-mode content comes back through a guessed text encoding).
 */
const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
const values = new Map([...alphabet].map((character, index) => [character, index]))

/** The Base45 text of the bytes: each pair of bytes becomes three characters, a last odd byte two. */
export function toBase45(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const n = (bytes[i] as number) * 256 + (bytes[i + 1] as number)
    text += alphabet.charAt(n % 45) + alphabet.charAt(Math.floor(n / 45) % 45) + alphabet.charAt(Math.floor(n / 2025))
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] as number
    text += alphabet.charAt(n % 45) + alphabet.charAt(Math.floor(n / 45))
  }
  return text
}

/**
 * The bytes of Base45 text. ERR_MALFORMED for a character outside the alphabet, a length
 * that leaves one character over, or a group worth more than its bytes can hold
 * (section 6: such input must be refused, not wrapped around).
 */
export function fromBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw malformed('length leaves a single character')
  const bytes = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0))
  let at = 0
  for (let i = 0; i < text.length; i += 3) {
    const group = text.slice(i, i + 3)
    let n = 0
    for (let j = group.length - 1; j >= 0; j--) {
      const value = values.get(group[j] as string)
      if (value === undefined) throw malformed('character outside the alphabet')
      n = n * 45 + value
    }
    if (group.length === 3) {
      if (n > 0xffff) throw malformed('group value too large')
      bytes[at++] = n >> 8
      bytes[at++] = n & 0xff
    } else {
      if (n > 0xff) throw malformed('group value too large')
      bytes[at++] = n
    }
  }
  return bytes
}

function malformed(detail: string): PolisError {
  return new PolisError('ERR_MALFORMED', { detail: `Base45: ${detail}` })
}
