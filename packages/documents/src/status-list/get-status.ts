import { PolisError } from '@polis/kernel/errors'
import type { StatusList } from './status-list.ts'

/**
 * Reads the status at `index` (section 4.1, step 3: index 0 sits in the least significant
 * bits of byte 0). Throws ERR_MALFORMED for an index outside the list, as section 8.3 requires.
 */
export function getStatus(list: StatusList, index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= list.size) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the index is outside the status list' })
  }
  // The size cap (16 MiB of bytes) keeps index * bits below 2^31, so 32-bit shifts are exact.
  const bit = index * list.bits
  return ((list.bytes[bit >>> 3] as number) >>> (bit & 7)) & ((1 << list.bits) - 1)
}
