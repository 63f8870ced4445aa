import { deflateSync } from 'node:zlib'
import { toBase64url } from '@polis/kernel'
import type { EncodedStatusList } from './decode-status-list.ts'
import type { StatusList } from './status-list.ts'

/** Compresses a Status List into its JSON form `{ bits, lst }` (sections 4.1 step 4 and 4.2), at the highest level. */
export function encodeStatusList(list: StatusList): EncodedStatusList {
  return { bits: list.bits, lst: toBase64url(deflateSync(list.bytes, { level: 9 })) }
}
