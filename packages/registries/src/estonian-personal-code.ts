/**
 * Estonia's personal identification code (isikukood, standard EVS 585): eleven digits,
 * `GYYMMDDSSSC`. G gives the century of birth and the sex (1/2 for 1800-1899, 3/4 for the
 * 1900s, 5/6 for the 2000s, 7/8 for the 2100s; odd male, even female), YYMMDD the birth
 * date, SSS a serial among those born that day, C the check digit.
 */

const firstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1] as const
const secondWeights = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3] as const

const weightedRemainder = (digits: string, weights: readonly number[]) =>
  weights.reduce((sum, weight, i) => sum + weight * Number(digits[i]), 0) % 11

/**
 * The check digit of the first ten digits: the weighted sum modulo 11 with weights
 * 1..9,1; a remainder of 10 takes a second pass with weights 3..9,1,2,3, and a second
 * remainder of 10 gives 0.
 */
export function estonianCheckDigit(firstTen: string): number {
  if (!/^\d{10}$/.test(firstTen)) throw new RangeError('the check digit is computed over ten digits')
  const first = weightedRemainder(firstTen, firstWeights)
  if (first < 10) return first
  const second = weightedRemainder(firstTen, secondWeights)
  return second < 10 ? second : 0
}

/** The code of someone of `sex` (ISO/IEC 5218: 1 male, 2 female) born on `birthDate`, the `serial`-th that day (0..999). */
export function makeEstonianPersonalCode(options: { sex: 1 | 2; birthDate: string; serial: number }): string {
  const match = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/.exec(options.birthDate)
  if (!match) throw new RangeError('birth date must be YYYY-MM-DD')
  const century = Number(match[1])
  if (century < 18 || century > 21) throw new RangeError('born outside 1800-2199')
  if (!Number.isInteger(options.serial) || options.serial < 0 || options.serial > 999) {
    throw new RangeError('serial out of range')
  }
  const first = (century - 18) * 2 + options.sex
  const firstTen = `${first}${match[2]}${match[3]}${match[4]}${String(options.serial).padStart(3, '0')}`
  return `${firstTen}${estonianCheckDigit(firstTen)}`
}

/** The birth date and sex a code gives, or undefined when it is not a valid code (shape, date or check digit). */
export function readEstonianPersonalCode(code: string): { birthDate: string; sex: 1 | 2 } | undefined {
  if (!/^[1-8]\d{10}$/.test(code)) return undefined
  const first = Number(code[0])
  const year = 1800 + Math.floor((first - 1) / 2) * 100 + Number(code.slice(1, 3))
  const birthDate = `${year}-${code.slice(3, 5)}-${code.slice(5, 7)}`
  const day = new Date(`${birthDate}T00:00:00Z`)
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== birthDate) return undefined
  if (estonianCheckDigit(code.slice(0, 10)) !== Number(code[10])) return undefined
  return { birthDate, sex: first % 2 === 1 ? 1 : 2 }
}

/** True for an eleven-digit code with a real birth date and a correct check digit. */
export function isValidEstonianPersonalCode(code: string): boolean {
  return readEstonianPersonalCode(code) !== undefined
}
