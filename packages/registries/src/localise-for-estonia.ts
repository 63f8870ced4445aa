/**
 * Makes the synthetic population an Estonian one for the Estonian demo instance: the
 * people are Estonian nationals, each with an Estonian personal code (isikukood) as
 * their personal number instead of a Ukrainian demographic record number, and their
 * names in the Latin alphabet, without patronymics. The households, places and other
 * registers stay as generated: a slice small enough to federate two instances.
 */
import { makeEstonianPersonalCode } from './estonian-personal-code.ts'
import type { RegistryRows } from './registry-tables.ts'
import { transliterate } from './transliterate.ts'

/** Returns a function that rewrites each batch in place; personal-code serials run on across batches. */
export function createEstonianLocaliser(): (rows: RegistryRows) => void {
  const serials = new Map<string, number>()
  return (rows) => {
    for (const person of rows.persons) {
      if (person.nationality === 'UA') person.nationality = 'EE'
      if (person.unzr !== null) {
        const serial = serials.get(person.birth_date) ?? 0
        serials.set(person.birth_date, serial + 1)
        // Spread over the day's serials as the registry does, so the order of birth is not read off them.
        person.unzr = makeEstonianPersonalCode({
          sex: person.sex === 2 ? 2 : 1,
          birthDate: person.birth_date,
          serial: (serial * 37 + 11) % 1000,
        })
      }
      person.family_name = person.family_name_latin
      person.given_name = person.given_name_latin
      person.birth_family_name = transliterate(person.birth_family_name)
      person.patronymic = null
    }
  }
}
