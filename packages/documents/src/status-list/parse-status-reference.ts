import { PolisError } from '@polis/kernel'
import { StatusClaim, type StatusReference } from './status-reference.ts'

/** Reads `{ uri, idx }` from a credential's `status` claim value (section 6.2); throws ERR_MALFORMED. */
export function parseStatusReference(value: unknown): StatusReference {
  const parsed = StatusClaim.safeParse(value)
  if (!parsed.success) {
    throw new PolisError('ERR_MALFORMED', {
      detail: 'status must hold status_list { idx: integer >= 0, uri: absolute URI }',
    })
  }
  return { uri: parsed.data.status_list.uri, idx: parsed.data.status_list.idx }
}
