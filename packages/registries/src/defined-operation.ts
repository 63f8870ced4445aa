/**
 * A registry write that can also be checked first: the e-service engine checks an
 * application's writes when it is submitted, so bad input is refused with a stable
 * code before anything is written; the write checks again, in its transaction.
 */
import type { Store } from '@polis/store'

type Writer = Store['db']

/** Values of a write, checked against the registers as they stand (throws a PolisError with a stable code). */
export type CheckOperation = (
  db: Writer,
  citizenId: string,
  values: Record<string, unknown>,
  now: Date,
) => Promise<void>

export interface DefinedOperation {
  check: CheckOperation
  /** Writes, in the transaction it is given, after `check` passed in that same transaction. */
  apply: (db: Writer, citizenId: string, values: Record<string, unknown>, now: Date) => Promise<void>
}

/** The day of `now`, as the registers date their entries. */
export const dayOf = (now: Date) => now.toISOString().slice(0, 10)
