/**
 * The check digit of ICAO Doc 9303 part 3 section 4.9: characters valued 0-9, A-Z =
 * 10-35 and `<` = 0, weighted 7, 3, 1 repeating, summed mod 10. Ukraine's demographic
 * record number (UNZR) uses the same scheme for its last digit.
 */
export function icaoCheckDigit(text: string): number {
  let sum = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    let value: number
    if (c >= 48 && c <= 57) value = c - 48
    else if (c >= 65 && c <= 90) value = c - 55
    else if (c === 60) value = 0
    else throw new RangeError('ICAO check digits cover 0-9, A-Z and <')
    sum += value * ([7, 3, 1][i % 3] ?? 0)
  }
  return sum % 10
}
