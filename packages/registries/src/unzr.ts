/**
 * Ukraine's demographic record number (UNZR, "запис №"): `YYYYMMDD-NNNNC`, the birth
 * date, a four-digit serial for that day and an ICAO 9303 check digit over the twelve
 * digits before it.
 */
import { icaoCheckDigit } from './icao-check-digit.ts'

/** The `serial`-th record number (0..9999) for someone born on `birthDate`. */
export function makeUnzr(options: { birthDate: string; serial: number }): string {
  if (options.serial < 0 || options.serial > 9999) throw new RangeError('UNZR serial out of range')
  const digits = `${options.birthDate.replaceAll('-', '')}${String(options.serial).padStart(4, '0')}`
  return `${digits.slice(0, 8)}-${digits.slice(8)}${icaoCheckDigit(digits)}`
}

/** True for `YYYYMMDD-NNNNC` with a correct check digit. */
export function isValidUnzr(value: string): boolean {
  const match = /^(\d{8})-(\d{4})(\d)$/.exec(value)
  return match !== null && icaoCheckDigit(`${match[1]}${match[2]}`) === Number(match[3])
}
