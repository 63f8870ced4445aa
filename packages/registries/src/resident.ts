/**
 * A person while their household is being generated: names can still change (a wife
 * may take her husband's name) until the household is written out.
 */

import { type ForeignCountry, foreignCountries } from './data/foreigners.ts'
import { eraOf, type FemaleName, familyNames, femaleNames, type MaleName, maleNames, namesOfEra } from './data/names.ts'
import { ageOn } from './dates.ts'
import type { Place } from './json-columns.ts'
import { type Home, nextCitizenNumbers, type PopulationContext } from './population-context.ts'
import { transliterate } from './transliterate.ts'

/** A family name as its male and female forms. */
export type FamilyName = readonly [string, string]

export interface Resident {
  id: string
  seq: number
  unzr: string | null
  taxNumber: string
  sex: 1 | 2
  birthDate: string
  givenName: string
  /** This person's own given name as a male name, for their children's patronymics. */
  maleName: MaleName | undefined
  /** The father's given name the patronymic was made from. */
  fatherName: MaleName | undefined
  patronymic: string | null
  family: FamilyName
  familyName: string
  /** The family name at birth, both forms (for the father named in the birth act). */
  birthFamily: FamilyName
  birthFamilyName: string
  /** Latin names: transliterated for citizens, the person's own spelling for foreigners. */
  givenNameLatin: string
  familyNameLatin: string
  nationality: string
  birthPlace: Place
  home: Home
  /** Born in the demo country, so the civil register holds the birth. */
  bornHere: boolean
  /** The civil register already holds this person's birth, linked to parents. */
  birthRegistered: boolean
  foreign: ForeignCountry | undefined
  eResident: boolean
  /** Children of this person (in this household unit). */
  children: Resident[]
  student: boolean
  hasDisability: boolean
}

const maleByEra = new Map(['o', 'm', 'n'].map((era) => [era, namesOfEra(maleNames, era)]))
const femaleByEra = new Map(['o', 'm', 'n'].map((era) => [era, namesOfEra(femaleNames, era)]))

/** A given name common in the birth year. */
export function pickGivenName(ctx: PopulationContext, sex: 1 | 2, birthDate: string): MaleName | FemaleName {
  const era = eraOf(Number(birthDate.slice(0, 4)))
  const pool = sex === 1 ? maleByEra.get(era) : femaleByEra.get(era)
  return ctx.random.pick(pool ?? (sex === 1 ? maleNames : femaleNames))
}

/** A male given name common for a father born around `year`. */
export function pickFatherName(ctx: PopulationContext, year: number): MaleName {
  return ctx.random.pick(maleByEra.get(eraOf(year)) ?? maleNames)
}

export function pickFamily(ctx: PopulationContext): FamilyName {
  return ctx.random.pick(familyNames)
}

/** Age in whole years on the registers' day. */
export function ageOf(ctx: PopulationContext, resident: Resident): number {
  return ageOn(resident.birthDate, ctx.asOf)
}

export interface NewCitizenOptions {
  sex: 1 | 2
  birthDate: string
  family: FamilyName
  /** The father's given name, for the patronymic. */
  father: MaleName
  home: Home
  birthPlace: Place
}

/** A citizen of the demo country, born here. */
export function newCitizen(ctx: PopulationContext, options: NewCitizenOptions): Resident {
  const numbers = nextCitizenNumbers(ctx, { birthDate: options.birthDate, sex: options.sex, unzr: true })
  const given = pickGivenName(ctx, options.sex, options.birthDate)
  const familyName = options.family[options.sex - 1] ?? options.family[0]
  return {
    ...numbers,
    sex: options.sex,
    birthDate: options.birthDate,
    givenName: given.name,
    maleName: 'patronymicMale' in given ? given : undefined,
    fatherName: options.father,
    patronymic: options.sex === 1 ? options.father.patronymicMale : options.father.patronymicFemale,
    family: options.family,
    familyName,
    birthFamily: options.family,
    birthFamilyName: familyName,
    givenNameLatin: transliterate(given.name),
    familyNameLatin: transliterate(familyName),
    nationality: 'UA',
    birthPlace: options.birthPlace,
    home: options.home,
    bornHere: true,
    birthRegistered: false,
    foreign: undefined,
    eResident: false,
    children: [],
    student: false,
    hasDisability: false,
  }
}

/** Gives a resident another family name (marriage, change of name); Latin follows. */
export function renameFamily(resident: Resident, family: FamilyName): void {
  resident.family = family
  resident.familyName = family[resident.sex - 1] ?? family[0]
  resident.familyNameLatin = resident.foreign ? resident.familyNameLatin : transliterate(resident.familyName)
}

export interface NewForeignerOptions {
  sex: 1 | 2
  birthDate: string
  country: ForeignCountry
  /** Index of the family name in the country's list, so relatives share it. */
  familyIndex: number
  home: Home
  eResident: boolean
}

/** A foreign national: a residence-permit holder here, or an e-resident abroad. */
export function newForeigner(ctx: PopulationContext, options: NewForeignerOptions): Resident {
  const numbers = nextCitizenNumbers(ctx, {
    birthDate: options.birthDate,
    sex: options.sex,
    unzr: !options.eResident,
  })
  const { country } = options
  const given = ctx.random.pick(options.sex === 1 ? country.male : country.female)
  const familyPair = country.family[options.familyIndex % country.family.length] ?? country.family[0]
  const family = familyPair?.[options.sex - 1] ?? { latin: 'Doe', cyrillic: 'Доу' }
  return {
    ...numbers,
    sex: options.sex,
    birthDate: options.birthDate,
    givenName: given.cyrillic,
    maleName: undefined,
    fatherName: undefined,
    patronymic: null,
    family: [family.cyrillic, family.cyrillic],
    familyName: family.cyrillic,
    birthFamily: [family.cyrillic, family.cyrillic],
    birthFamilyName: family.cyrillic,
    givenNameLatin: given.latin,
    familyNameLatin: family.latin,
    nationality: country.code,
    birthPlace: {
      locality: country.city.locality,
      locality_type: '',
      region: country.city.region,
      country: country.code,
    },
    home: options.home,
    bornHere: false,
    birthRegistered: false,
    foreign: country,
    eResident: options.eResident,
    children: [],
    student: false,
    hasDisability: false,
  }
}

export { foreignCountries }
