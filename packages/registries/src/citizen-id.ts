/**
 * Citizen ids: opaque, stable and unique without any lookup. The n-th citizen's id is
 * a keyed 40-bit permutation (a four-round Feistel network) of n, written in Crockford
 * base32, so ids reveal neither order nor birth date, and two citizens never collide.
 */
import { mix32 } from './random.ts'

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'
const half = 0xfffff

/** The id of the `index`-th generated citizen under `key` (the hashed seed). */
export function makeCitizenId(options: { index: number; key: number }): string {
  if (options.index < 0 || options.index > 0xffffffffff) throw new RangeError('citizen index out of range')
  let left = Math.floor(options.index / 0x100000)
  let right = options.index & half
  for (let round = 0; round < 4; round++) {
    const next = (left ^ (mix32(right ^ Math.imul(options.key ^ round, 0x9e3779b1)) & half)) >>> 0
    left = right
    right = next
  }
  let value = left * 0x100000 + right
  let text = ''
  for (let i = 0; i < 8; i++) {
    text = alphabet.charAt(value % 32) + text
    value = Math.floor(value / 32)
  }
  return text
}

/** True for the shape of a citizen id (eight Crockford base32 characters). */
export function isCitizenId(value: string): boolean {
  return /^[0-9abcdefghjkmnpqrstvwxyz]{8}$/.test(value)
}
