import { type ErrorCode, errorCodes, isPolisError } from '@polis/kernel/errors'

/** True for a code of the Polis registry (docs/errors.md). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value)
}

/** The stable code of any failure: a PolisError's own, else ERR_INTERNAL. */
export function errorCodeOf(error: unknown): ErrorCode {
  if (isPolisError(error)) return error.code
  return 'ERR_INTERNAL'
}
