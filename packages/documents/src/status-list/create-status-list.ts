import { PolisError } from '@polis/kernel'
import { maxStatusListBytes, type StatusBits, type StatusList } from './status-list.ts'

/** The shape of a new Status List. */
export interface CreateStatusListOptions {
  /** Number of entries, each starting at VALID (0). */
  size: number
  bits: StatusBits
}

/** Creates an all-VALID Status List of `size` entries (section 4.1, steps 1 and 2). */
export function createStatusList(options: CreateStatusListOptions): StatusList {
  const { size, bits } = options
  if (bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8) {
    throw new PolisError('ERR_MALFORMED', { detail: 'bits must be 1, 2, 4 or 8' })
  }
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new PolisError('ERR_MALFORMED', { detail: 'size must be a positive integer' })
  }
  const length = Math.ceil((size * bits) / 8)
  if (length > maxStatusListBytes) {
    throw new PolisError('ERR_TOO_LARGE', { detail: `a status list holds at most ${maxStatusListBytes} bytes` })
  }
  return { bits, size, bytes: new Uint8Array(length) }
}
