import { PolisError } from '@polis/kernel/errors'
import { StatusType } from './status-list.ts'

/**
 * Refuses a credential whose status-list entry is not VALID (section 7.1): INVALID is
 * revoked, SUSPENDED suspended, and any other value (application-specific) is not
 * treated as valid either.
 */
export function assertValidStatus(status: number): void {
  if (status === StatusType.VALID) return
  if (status === StatusType.SUSPENDED) throw new PolisError('ERR_SUSPENDED')
  if (status === StatusType.INVALID) throw new PolisError('ERR_REVOKED')
  throw new PolisError('ERR_REVOKED', { detail: 'the status list marks the credential as not valid' })
}
