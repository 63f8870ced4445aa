import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { fromDay, toDay } from './dates.ts'
import { decodeTaxNumber, isValidTaxNumber, makeTaxNumber, taxNumberCheckDigit } from './tax-number.ts'

describe('tax number (RNOKPP)', () => {
  it('accepts published valid numbers and rejects a wrong check digit', () => {
    // python-stdnum's stdnum.ua.rntrc examples, and fre5h/rnokpp's (born 2000-01-01, male).
    for (const number of ['1759013776', '2530414071', '3652504575', '3068208400']) {
      assert.equal(isValidTaxNumber(number), true, number)
    }
    assert.equal(isValidTaxNumber('1759013770'), false)
    assert.equal(isValidTaxNumber('175901377'), false)
    assert.equal(isValidTaxNumber('17590137a6'), false)
    assert.deepEqual(decodeTaxNumber('3652504575'), { birthDate: '2000-01-01', sex: 1 })
    assert.equal(decodeTaxNumber('3068208400').sex, 2)
  })

  it('computes the check digit as (sum of digits times -1,5,7,9,4,6,10,5,7) mod 11 mod 10', () => {
    assert.equal(taxNumberCheckDigit('175901377'), 6)
    assert.equal(taxNumberCheckDigit('365250457'), 5)
  })

  it('encodes days since 1899-12-31, the sex in the ninth digit and a valid check digit', () => {
    assert.equal(makeTaxNumber({ birthDate: '1900-01-01', sex: 1, serial: 0 }).slice(0, 5), '00001')
    fc.assert(
      fc.property(
        fc.integer({ min: toDay('1900-01-01'), max: toDay('2099-12-31') }),
        fc.constantFrom(1, 2),
        fc.integer({ min: 0, max: 4999 }),
        (day, sex, serial) => {
          const birthDate = fromDay(day)
          const number = makeTaxNumber({ birthDate, sex, serial })
          assert.match(number, /^\d{10}$/)
          assert.equal(isValidTaxNumber(number), true)
          assert.deepEqual(decodeTaxNumber(number), { birthDate, sex })
        },
      ),
    )
  })

  it('gives distinct numbers to distinct serials of one day and sex', () => {
    const numbers = new Set<string>()
    for (let serial = 0; serial < 5000; serial++)
      numbers.add(makeTaxNumber({ birthDate: '1990-05-17', sex: 2, serial }))
    assert.equal(numbers.size, 5000)
  })
})
