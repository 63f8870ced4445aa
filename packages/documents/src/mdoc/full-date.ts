import { PolisError } from '@polis/kernel/errors'

const fullDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A calendar date without a time (RFC 8943 full-date). ISO/IEC 18013-5 section 7.2.1
 * wants birth_date, issue_date and expiry_date as tag 1004, not as a tdate: a birth
 * date has no time zone, and a tdate would shift it by one day for half the world.
 */
export class FullDate {
  readonly value: string

  constructor(value: string) {
    if (!isFullDate(value)) throw new PolisError('ERR_BAD_REQUEST', { detail: 'not a full-date (YYYY-MM-DD)' })
    this.value = value
  }

  toString(): string {
    return this.value
  }

  toJSON(): string {
    return this.value
  }
}

/** Marks an element value as a full-date, so that it is encoded as `#6.1004(tstr)`. */
export function fullDate(value: string): FullDate {
  return new FullDate(value)
}

/** True for a YYYY-MM-DD string that names a real day of the proleptic Gregorian calendar. */
export function isFullDate(value: string): boolean {
  const match = fullDatePattern.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not map the years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day)
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}
