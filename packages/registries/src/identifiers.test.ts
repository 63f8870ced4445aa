import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { isCitizenId, makeCitizenId } from './citizen-id.ts'
import { fromDay, toDay } from './dates.ts'
import { icaoCheckDigit } from './icao-check-digit.ts'
import { passportMrz } from './mrz.ts'
import { isValidUnzr, makeUnzr } from './unzr.ts'

describe('ICAO 9303 check digits and the passport MRZ', () => {
  it('reproduces the TD3 specimen of ICAO Doc 9303 part 4', () => {
    assert.equal(icaoCheckDigit('L898902C3'), 6)
    assert.equal(icaoCheckDigit('740812'), 2)
    assert.deepEqual(
      passportMrz({
        familyNameLatin: 'Eriksson',
        givenNameLatin: 'Anna Maria',
        documentNumber: 'L898902C3',
        nationality: 'UTO',
        birthDate: '1974-08-12',
        sex: 2,
        expiryDate: '2012-04-15',
        personalNumber: 'ZE184226B',
        issuingState: 'UTO',
      }),
      ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
    )
  })
})

describe('demographic record number (UNZR)', () => {
  it('is YYYYMMDD-NNNNC with a check digit over the twelve digits', () => {
    const unzr = makeUnzr({ birthDate: '1990-01-31', serial: 42 })
    assert.match(unzr, /^19900131-0042\d$/)
    assert.equal(isValidUnzr(unzr), true)
    const wrong = `${unzr.slice(0, 13)}${(Number(unzr[13]) + 1) % 10}`
    assert.equal(isValidUnzr(wrong), false)
    fc.assert(
      fc.property(
        fc.integer({ min: toDay('1900-01-01'), max: toDay('2099-12-31') }),
        fc.integer({ min: 0, max: 9999 }),
        (day, serial) => {
          assert.equal(isValidUnzr(makeUnzr({ birthDate: fromDay(day), serial })), true)
        },
      ),
    )
  })
})

describe('citizen ids', () => {
  it('are eight base32 characters, unique per index and different per key', () => {
    const ids = new Set<string>()
    for (let index = 0; index < 20_000; index++) ids.add(makeCitizenId({ index, key: 7 }))
    assert.equal(ids.size, 20_000)
    for (const id of [...ids].slice(0, 100)) assert.equal(isCitizenId(id), true)
    assert.notEqual(makeCitizenId({ index: 0, key: 7 }), makeCitizenId({ index: 0, key: 8 }))
    assert.equal(makeCitizenId({ index: 1_000_000, key: 7 }), makeCitizenId({ index: 1_000_000, key: 7 }))
  })
})

describe('calendar days', () => {
  it('agree with the proleptic Gregorian calendar of Date for every day from 1850 to 2150', () => {
    for (let day = toDay('1850-01-01'); day <= toDay('2150-12-31'); day += 1) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10)
      if (fromDay(day) !== iso || toDay(iso) !== day) assert.fail(`day ${day}: ${fromDay(day)} / ${iso}`)
    }
  })
})
