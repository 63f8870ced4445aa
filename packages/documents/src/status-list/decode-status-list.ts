import { inflateSync } from 'node:zlib'
import { fromBase64url, PolisError } from '@polis/kernel'
import { z } from 'zod'
import { maxStatusListBytes, type StatusList } from './status-list.ts'

/** The JSON `StatusList` object carried in a Status List Token (section 4.2): `lst` is base64url of ZLIB/DEFLATE. */
export const EncodedStatusList = z.object({
  bits: z.literal([1, 2, 4, 8]),
  lst: z.string(),
})
export type EncodedStatusList = z.infer<typeof EncodedStatusList>

/** Limits for decoding a Status List. */
export interface DecodeStatusListOptions {
  /** Cap on the inflated bytes; larger lists throw ERR_TOO_LARGE. Defaults to 16 MiB. */
  maxBytes?: number | undefined
}

/**
 * Decodes the JSON `StatusList` object (section 4.2) strictly: `bits` in {1, 2, 4, 8}, `lst`
 * unpadded base64url of one complete ZLIB stream (RFC 1950) and nothing after it, inflated
 * size capped (section 11.1). Throws ERR_MALFORMED or ERR_TOO_LARGE, never anything else.
 */
export function decodeStatusList(value: unknown, options: DecodeStatusListOptions = {}): StatusList {
  const parsed = EncodedStatusList.safeParse(value)
  if (!parsed.success) {
    throw new PolisError('ERR_MALFORMED', { detail: 'status_list must be { bits: 1 | 2 | 4 | 8, lst: string }' })
  }
  const { bits, lst } = parsed.data
  const compressed = fromBase64url(lst)
  if (compressed === undefined) {
    throw new PolisError('ERR_MALFORMED', { detail: 'lst is not base64url' })
  }
  const maxBytes = options.maxBytes ?? maxStatusListBytes
  let bytes: Buffer
  try {
    // `info: true` exposes the engine, whose bytesWritten tells whether input follows the stream.
    const result = inflateSync(compressed, { info: true, maxOutputLength: Math.max(1, maxBytes) }) as unknown as {
      buffer: Buffer
      engine: { bytesWritten: number }
    }
    if (result.engine.bytesWritten !== compressed.length) {
      throw new PolisError('ERR_MALFORMED', { detail: 'lst has bytes after the ZLIB stream' })
    }
    bytes = result.buffer
  } catch (cause) {
    if (cause instanceof PolisError) throw cause
    if (cause instanceof RangeError && 'code' in cause && cause.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PolisError('ERR_TOO_LARGE', {
        detail: `the status list inflates to more than ${maxBytes} bytes`,
        cause,
      })
    }
    throw new PolisError('ERR_MALFORMED', { detail: 'lst is not a ZLIB (RFC 1950) stream', cause })
  }
  if (bytes.length > maxBytes) {
    throw new PolisError('ERR_TOO_LARGE', { detail: `the status list inflates to more than ${maxBytes} bytes` })
  }
  return { bits, size: (bytes.length * 8) / bits, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) }
}
