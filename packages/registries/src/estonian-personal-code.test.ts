import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { fromDay, toDay } from './dates.ts'
import {
  estonianCheckDigit,
  isValidEstonianPersonalCode,
  makeEstonianPersonalCode,
  readEstonianPersonalCode,
} from './estonian-personal-code.ts'

describe('Estonian personal code (isikukood, EVS 585)', () => {
  it('takes the first pass when its remainder is below 10', () => {
    // 3 760503 029: 3·1 + 7·2 + 6·3 + 0·4 + 5·5 + 0·6 + 3·7 + 0·8 + 2·9 + 9·1 = 108, and 108 mod 11 = 9.
    assert.equal(estonianCheckDigit('3760503029'), 9)
    assert.equal(isValidEstonianPersonalCode('37605030299'), true)
    // 6 040229 123 (a woman born on a leap day, 2004): the sum is 132, and 132 mod 11 = 0.
    assert.equal(makeEstonianPersonalCode({ sex: 2, birthDate: '2004-02-29', serial: 123 }), '60402291230')
  })

  it('takes the second pass when the first gives 10', () => {
    // 3 911224 009: the first pass sums to 87 (mod 11 = 10); weights 3..9,1,2,3 sum to 149, mod 11 = 6.
    assert.equal(makeEstonianPersonalCode({ sex: 1, birthDate: '1991-12-24', serial: 9 }), '39112240096')
    // 5 100101 038: 54 then 65, both 10 modulo 11, so the check digit is 0.
    assert.equal(makeEstonianPersonalCode({ sex: 1, birthDate: '2010-01-01', serial: 38 }), '51001010380')
  })

  it('reads the century and the sex from the first digit', () => {
    assert.deepEqual(readEstonianPersonalCode('37605030299'), { birthDate: '1976-05-03', sex: 1 })
    assert.deepEqual(readEstonianPersonalCode('60402291230'), { birthDate: '2004-02-29', sex: 2 })
    assert.match(makeEstonianPersonalCode({ sex: 2, birthDate: '1899-12-31', serial: 0 }), /^2991231000\d$/)
  })

  it('refuses a wrong shape, an impossible date and a wrong check digit', () => {
    for (const code of ['3760503029', '376050302990', '97605030299', '0760503029x', '37613030299']) {
      assert.equal(isValidEstonianPersonalCode(code), false, code)
    }
    // 2005 was no leap year.
    const feb29 = `6050229123${estonianCheckDigit('6050229123')}`
    assert.equal(isValidEstonianPersonalCode(feb29), false)
    assert.equal(isValidEstonianPersonalCode('37605030298'), false)
    assert.throws(() => makeEstonianPersonalCode({ sex: 1, birthDate: '1990-01-01', serial: 1000 }), RangeError)
    assert.throws(() => makeEstonianPersonalCode({ sex: 1, birthDate: '2200-01-01', serial: 1 }), RangeError)
  })

  const codes = fc
    .record({
      day: fc.integer({ min: toDay('1800-01-01'), max: toDay('2199-12-31') }),
      sex: fc.constantFrom(1 as const, 2 as const),
      serial: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ day, sex, serial }) => ({
      birthDate: fromDay(day),
      sex,
      code: makeEstonianPersonalCode({ sex, birthDate: fromDay(day), serial }),
    }))

  it('validates every code it makes, and gives back its birth date and sex (property)', () => {
    fc.assert(
      fc.property(codes, ({ code, birthDate, sex }) => {
        assert.deepEqual(readEstonianPersonalCode(code), { birthDate, sex })
      }),
    )
  })

  const firstPass = (code: string) =>
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 1].reduce((sum, weight, i) => sum + weight * Number(code[i]), 0) % 11

  it('refuses any code with one digit changed, unless the second pass hides it (property)', () => {
    fc.assert(
      fc.property(codes, fc.nat(10), fc.integer({ min: 1, max: 9 }), ({ code }, at, by) => {
        const changed = `${code.slice(0, at)}${(Number(code[at]) + by) % 10}${code.slice(at + 1)}`
        // Weights 1..9 are prime to 11, so a changed digit always moves the first-pass
        // remainder; only when one of the two codes falls to the second pass (remainder 10)
        // can both end on the same check digit. The check digit itself is always caught.
        const hidden = at < 10 && (firstPass(code) === 10 || firstPass(changed) === 10)
        if (!hidden) assert.equal(isValidEstonianPersonalCode(changed), false, `${code} -> ${changed}`)
      }),
      { numRuns: 500 },
    )
  })

  it('has that blind spot, as the standard defines it', () => {
    // 7 630907 884: the first pass sums to 262, 9 modulo 11. 7 630907 484 sums to 230, 10 modulo 11,
    // so it takes the second pass: 218, again 9 modulo 11. Both end in 9.
    assert.equal(isValidEstonianPersonalCode('76309078849'), true)
    assert.equal(isValidEstonianPersonalCode('76309074849'), true)
  })
})
