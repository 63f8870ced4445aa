/**
 * Ukraine's individual tax number (RNOKPP): 10 digits. Digits 1-5 count the days from
 * 1899-12-31 to the birth date, digits 6-9 are a serial whose last digit is odd for men
 * and even for women, and digit 10 is a check digit.
 */
import { toDay } from './dates.ts'

const weights = [-1, 5, 7, 9, 4, 6, 10, 5, 7] as const
const day1899_12_31 = toDay('1899-12-31')

/** The check digit of the first nine digits: weighted sum mod 11, then mod 10. */
export function taxNumberCheckDigit(firstNine: string): number {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('a tax number check digit needs nine digits')
  let sum = 0
  for (let i = 0; i < 9; i++) sum += (weights[i] ?? 0) * Number(firstNine[i])
  return (((sum % 11) + 11) % 11) % 10
}

/** True when `value` is ten digits with a correct check digit. */
export function isValidTaxNumber(value: string): boolean {
  return /^\d{10}$/.test(value) && taxNumberCheckDigit(value.slice(0, 9)) === Number(value[9])
}

/**
 * The tax number of someone born on `birthDate` with the given sex (1 male, 2 female)
 * and the `serial`-th number handed out for that day and sex (0..4999).
 */
export function makeTaxNumber(options: { birthDate: string; sex: number; serial: number }): string {
  const days = toDay(options.birthDate) - day1899_12_31
  if (days < 1 || days > 99_999) throw new RangeError('birth date outside the tax number range')
  if (options.serial < 0 || options.serial > 4999) throw new RangeError('tax number serial out of range')
  const head = Math.floor(options.serial / 5)
  // The ninth digit is odd for men, even for women; five choices each.
  const ninth = 2 * (options.serial % 5) + (options.sex === 1 ? 1 : 0)
  const firstNine = `${String(days).padStart(5, '0')}${String(head).padStart(3, '0')}${ninth}`
  return `${firstNine}${taxNumberCheckDigit(firstNine)}`
}

/** The birth date and sex a tax number encodes. */
export function decodeTaxNumber(value: string): { birthDate: string; sex: number } {
  const days = Number(value.slice(0, 5))
  const birthDate = new Date((day1899_12_31 + days) * 86_400_000).toISOString().slice(0, 10)
  return { birthDate, sex: Number(value[8]) % 2 === 1 ? 1 : 2 }
}
