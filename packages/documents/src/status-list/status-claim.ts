import { PolisError } from '@polis/kernel'
import { type StatusClaim, StatusReference } from './status-reference.ts'

/** Builds the `status` claim value `{ status_list: { idx, uri } }` a credential carries (section 6.2). */
export function statusClaim(reference: StatusReference): StatusClaim {
  const parsed = StatusReference.safeParse(reference)
  if (!parsed.success) {
    throw new PolisError('ERR_MALFORMED', {
      detail: 'a status reference needs an absolute uri and an integer idx >= 0',
    })
  }
  return { status_list: { idx: parsed.data.idx, uri: parsed.data.uri } }
}
