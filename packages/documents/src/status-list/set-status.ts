import { PolisError } from '@polis/kernel'
import type { StatusList } from './status-list.ts'

/** Writes the status at `index` in place (section 4.1, step 3); the value must fit in the list's bits. */
export function setStatus(list: StatusList, index: number, value: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= list.size) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the index is outside the status list' })
  }
  const mask = (1 << list.bits) - 1
  if (!Number.isInteger(value) || value < 0 || value > mask) {
    throw new PolisError('ERR_MALFORMED', { detail: `a status must be an integer from 0 to ${mask}` })
  }
  const bit = index * list.bits
  const byte = bit >>> 3
  const shift = bit & 7
  list.bytes[byte] = ((list.bytes[byte] as number) & ~(mask << shift)) | (value << shift)
}
