import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { readEstonianPersonalCode } from './estonian-personal-code.ts'
import { generatePopulation } from './generate-population.ts'

const personsOf = (options: Parameters<typeof generatePopulation>[0]) =>
  [...generatePopulation(options)].flatMap((batch) => batch.rows.persons)

describe('the Estonian demo population', () => {
  it('gives every seeded person a valid personal code matching their birth date and sex, none twice (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 120 }), (seed, citizens) => {
        const persons = personsOf({ seed, citizens, country: 'EE', batchSize: 25 })
        const codes = new Set<string>()
        for (const person of persons) {
          if (person.unzr === null) continue
          assert.deepEqual(readEstonianPersonalCode(person.unzr), { birthDate: person.birth_date, sex: person.sex })
          codes.add(person.unzr)
        }
        assert.equal(codes.size, persons.filter((p) => p.unzr !== null).length)
        // Each Ukrainian national of the same seed is an Estonian one here; a population that has
        // none (one citizen, a foreign national) has none to make Estonian.
        const ukrainian = personsOf({ seed, citizens, batchSize: 25 })
        assert.deepEqual(
          persons.map((p) => p.nationality),
          ukrainian.map((p) => (p.nationality === 'UA' ? 'EE' : p.nationality)),
        )
        assert.ok(persons.every((p) => p.nationality !== 'UA' && p.patronymic === null))
      }),
      { numRuns: 25 },
    )
  })

  it('leaves the Ukrainian population exactly as it was', () => {
    const ukrainian = personsOf({ seed: 7, citizens: 50 })
    assert.deepEqual(personsOf({ seed: 7, citizens: 50, country: 'UA' }), ukrainian)
    assert.ok(ukrainian.some((p) => p.nationality === 'UA' && /^\d{8}-\d{5}$/.test(p.unzr ?? '')))
    const estonian = personsOf({ seed: 7, citizens: 50, country: 'EE' })
    assert.deepEqual(
      estonian.map((p) => [p.id, p.birth_date, p.family_name]),
      ukrainian.map((p) => [p.id, p.birth_date, p.family_name_latin]),
    )
  })
})
