import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { isValidVin, makeVin, vinCheckDigit, vinYearCode } from './vin.ts'

const vinChar = fc.constantFrom(...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789')

describe('VIN check digit (49 CFR 565.15, ISO 3779)', () => {
  it('accepts known valid VINs', () => {
    assert.equal(vinCheckDigit('1M8GDM9AXKP042788'), 'X')
    assert.equal(isValidVin('1M8GDM9AXKP042788'), true)
    assert.equal(isValidVin('11111111111111111'), true)
  })

  it('rejects a wrong check digit, I/O/Q and bad lengths', () => {
    assert.equal(isValidVin('1M8GDM9A1KP042788'), false)
    assert.equal(isValidVin('1M8GDM9AXKP04278'), false)
    assert.equal(isValidVin('1M8GDM9AXKO042788'), false)
    assert.throws(() => vinCheckDigit('IM8GDM9AXKP042788'), RangeError)
  })

  it('detects any single change to a character of another value (the weights are coprime to 11)', () => {
    // 49 CFR 565.15 table: letters are transliterated to digits, so A and J (both 1) are interchangeable.
    const value = (c: string) => '0123456789.ABCDEFGH..JKLMN.P.R..STUVWXYZ'.indexOf(c) % 10
    fc.assert(
      fc.property(
        fc.array(vinChar, { minLength: 17, maxLength: 17 }),
        fc.integer({ min: 0, max: 16 }),
        vinChar,
        (chars, at, replacement) => {
          const draft = chars.join('')
          const vin = `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`
          assert.equal(isValidVin(vin), true)
          if (at === 8 || value(vin.charAt(at)) === value(replacement)) return
          assert.equal(isValidVin(`${vin.slice(0, at)}${replacement}${vin.slice(at + 1)}`), false)
        },
      ),
    )
  })

  it('builds VINs with the model year in position 10', () => {
    const vin = makeVin({ wmi: 'WVW', vds: 'ZZZ1K', year: 2015, plant: 'A', serial: 123456 })
    assert.equal(isValidVin(vin), true)
    assert.equal(vin[9], 'F')
    assert.equal(vinYearCode(1980), 'A')
    assert.equal(vinYearCode(2001), '1')
    assert.equal(vinYearCode(2010), 'A')
  })
})
