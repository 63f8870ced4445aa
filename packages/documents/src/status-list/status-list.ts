/** Bits per entry a Status List may use (draft-ietf-oauth-status-list, section 4.1). */
export type StatusBits = 1 | 2 | 4 | 8

/**
 * A decoded Status List: `bits` per entry, packed from the least significant bit of
 * byte 0 upwards. `size` is the number of entries; a decoded list holds as many as its
 * bytes fit, because the wire format carries no count.
 */
export interface StatusList {
  readonly bits: StatusBits
  readonly size: number
  readonly bytes: Uint8Array
}

/** Status Type values registered by the draft (section 7.1); 0x03 and 0x0C-0x0F are application specific. */
export const StatusType = {
  VALID: 0x00,
  INVALID: 0x01,
  SUSPENDED: 0x02,
  APPLICATION_SPECIFIC: 0x03,
} as const

/** Largest uncompressed list accepted or built, 16 MiB (134 million 1-bit entries): the decompression-bomb cap. */
export const maxStatusListBytes = 16 * 1024 * 1024
