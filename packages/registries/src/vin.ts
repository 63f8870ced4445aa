/**
 * Vehicle identification numbers (ISO 3779): 17 characters without I, O and Q. Position
 * 9 carries the North-American check digit (49 CFR 565.15), which Polis requires of every
 * VIN it issues; position 10 is the model year.
 */

const values: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
}
const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const
/** Model-year codes, repeating every 30 years from 1980 (A) to 2009 (9), 2010 (A) ... */
const yearCodes = 'ABCDEFGHJKLMNPRSTVWXY123456789'

/** The check digit (`0`-`9` or `X`) of a 17-character VIN; position 9 is ignored. */
export function vinCheckDigit(vin: string): string {
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) throw new RangeError('a VIN is 17 characters without I, O and Q')
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const c = vin.charAt(i)
    const value = c >= '0' && c <= '9' ? Number(c) : (values[c] ?? 0)
    sum += value * (weights[i] ?? 0)
  }
  const rest = sum % 11
  return rest === 10 ? 'X' : String(rest)
}

/** True for a well-formed VIN whose ninth character is its check digit. */
export function isValidVin(vin: string): boolean {
  return /^[A-HJ-NPR-Z0-9]{17}$/.test(vin) && vin.charAt(8) === vinCheckDigit(vin)
}

/** The model-year character (position 10) of a year from 1980 on. */
export function vinYearCode(year: number): string {
  return yearCodes.charAt((year - 1980) % 30)
}

/** A VIN from its parts, with the check digit put in place. */
export function makeVin(options: { wmi: string; vds: string; year: number; plant: string; serial: number }): string {
  const draft = `${options.wmi}${options.vds}0${vinYearCode(options.year)}${options.plant}${String(options.serial).padStart(6, '0')}`
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`
}
