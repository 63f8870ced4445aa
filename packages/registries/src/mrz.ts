/**
 * The machine-readable zone of a passport (ICAO Doc 9303 part 4, TD3: two lines of 44
 * characters). The personal-number field carries the demographic record number.
 */
import { icaoCheckDigit } from './icao-check-digit.ts'

const alpha3: Record<string, string> = { UA: 'UKR', PL: 'POL', GE: 'GEO', EE: 'EST', DE: 'D<<', US: 'USA' }

/** The three-letter code ICAO 9303 uses for a country's two-letter code (`XXX` when unknown). */
export function icaoCountryCode(alpha2: string): string {
  return alpha3[alpha2] ?? 'XXX'
}

/** Upper-case Latin letters only; everything else becomes a filler. */
function mrzText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’ʼ`]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '<')
}

function field(text: string, length: number): string {
  return text.slice(0, length).padEnd(length, '<')
}

function yymmdd(iso: string): string {
  return `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`
}

export interface PassportMrzOptions {
  familyNameLatin: string
  givenNameLatin: string
  documentNumber: string
  /** Three-letter ICAO code. */
  nationality: string
  birthDate: string
  /** ISO/IEC 5218. */
  sex: number
  expiryDate: string
  personalNumber: string
  /** Three-letter ICAO code. */
  issuingState: string
}

/** The two MRZ lines of a passport. */
export function passportMrz(options: PassportMrzOptions): [string, string] {
  const name = `${mrzText(options.familyNameLatin)}<<${mrzText(options.givenNameLatin)}`
  const line1 = field(`P<${options.issuingState}${name}`, 44)
  const number = field(mrzText(options.documentNumber), 9)
  const birth = yymmdd(options.birthDate)
  const expiry = yymmdd(options.expiryDate)
  const personal = field(mrzText(options.personalNumber), 14)
  const numberPart = `${number}${icaoCheckDigit(number)}`
  const birthPart = `${birth}${icaoCheckDigit(birth)}`
  const expiryPart = `${expiry}${icaoCheckDigit(expiry)}`
  const personalPart = `${personal}${icaoCheckDigit(personal)}`
  const composite = icaoCheckDigit(`${numberPart}${birthPart}${expiryPart}${personalPart}`)
  const sex = options.sex === 1 ? 'M' : options.sex === 2 ? 'F' : '<'
  const line2 = `${numberPart}${options.nationality}${birthPart}${sex}${expiryPart}${personalPart}${composite}`
  return [line1, line2]
}
