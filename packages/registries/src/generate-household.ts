/**
 * Generates one household unit: a family living at one address, or two addresses when
 * a couple divorced or grown-up children live apart from their parents. Civil-status
 * acts are written as the family is made, so parents always exist before, and are older
 * than, the children whose births link them.
 */
import { writeBirth, writeDivorce, writeMarriage, writeNameChange } from './civil-acts.ts'
import type { ForeignCountry } from './data/foreigners.ts'
import type { MaleName } from './data/names.ts'
import { frontlineRegions, regions } from './data/places.ts'
import { addYears } from './dates.ts'
import {
  addDays,
  birthDateForAge,
  dayBetween,
  type Home,
  maxDate,
  minDate,
  newAddress,
  newBirthPlace,
  type PopulationContext,
  placeOfHome,
} from './population-context.ts'
import { foreignCountries, newCitizen, newForeigner, pickFamily, pickFatherName, type Resident } from './resident.ts'

/** What a household unit leaves for the registers beyond its people. */
export interface Household {
  residents: Resident[]
  /** Set when the family was displaced: the address it left and when it registered as displaced. */
  displaced: { previous: Home; registeredOn: string } | undefined
}

type Kind = 'single' | 'couple' | 'family' | 'large' | 'single-parent' | 'extended' | 'foreign' | 'e-resident'

const kinds: readonly (readonly [Kind, number, number])[] = [
  // kind, weight, smallest size
  ['single', 48, 1],
  ['couple', 28, 2],
  ['family', 52, 3],
  ['large', 4, 5],
  ['single-parent', 14, 3],
  ['extended', 28, 3],
  ['foreign', 3, 1],
  ['e-resident', 2, 1],
]

const familySizes = [
  [1, 9],
  [2, 9],
  [3, 2],
] as const

const safeRegions = regions.filter((region) => region.weight > 0 && !region.frontline)

function newHome(ctx: PopulationContext, options: { safe?: boolean } = {}): Home {
  const region = options.safe ? ctx.random.pick(safeRegions) : undefined
  const { address, region: where } = newAddress(ctx, region)
  return { address, region: where, since: '1900-01-01' }
}

function birthPlaceNear(ctx: PopulationContext, home: Home) {
  return ctx.random.chance(0.6) && home.region ? newBirthPlace(ctx, home.region) : newBirthPlace(ctx)
}

function adult(ctx: PopulationContext, options: { sex: 1 | 2; birthDate: string; home: Home }): Resident {
  const year = Number(options.birthDate.slice(0, 4))
  return newCitizen(ctx, {
    sex: options.sex,
    birthDate: options.birthDate,
    family: pickFamily(ctx),
    father: pickFatherName(ctx, year - 28),
    home: options.home,
    birthPlace: birthPlaceNear(ctx, options.home),
  })
}

function married(ctx: PopulationContext, options: { husband: Resident; wife: Resident }) {
  const { husband, wife } = options
  const earliest = maxDate(addYears(husband.birthDate, 19), addYears(wife.birthDate, 18))
  const on = dayBetween(ctx, earliest, minDate(addYears(earliest, 10), addDays(ctx.asOf, -60)))
  return writeMarriage(ctx, { husband, wife, on })
}

/** Children of a couple, born while the mother is 19 to 43 and after `notBefore`. */
function children(
  ctx: PopulationContext,
  options: { mother: Resident; father: Resident; count: number; home: Home; notBefore: string },
): Resident[] {
  const { mother, father, home } = options
  const fatherName = father.maleName
  if (!fatherName || options.count <= 0) return []
  const start = maxDate(options.notBefore, addYears(mother.birthDate, 19), addYears(father.birthDate, 19))
  const end = minDate(addYears(mother.birthDate, 43), addDays(ctx.asOf, -1))
  if (start > end) return []
  const born: Resident[] = []
  let birthDate = dayBetween(ctx, start, minDate(end, addYears(start, 6)))
  while (born.length < options.count && birthDate <= end) {
    const child = newCitizen(ctx, {
      sex: ctx.random.chance(0.51) ? 1 : 2,
      birthDate,
      family: father.family,
      father: fatherName,
      home,
      birthPlace: ctx.random.chance(0.85) ? placeOfHome(home) : newBirthPlace(ctx),
    })
    writeBirth(ctx, { child, mother, father })
    mother.children.push(child)
    father.children.push(child)
    born.push(child)
    birthDate = addDays(birthDate, ctx.random.int(320, 1800))
  }
  return born
}

function couple(ctx: PopulationContext, options: { wifeAge: readonly [number, number]; home: Home }) {
  const wifeBirth = birthDateForAge(ctx, options.wifeAge[0], options.wifeAge[1])
  const husbandBirth = addDays(wifeBirth, -ctx.random.int(-700, 2500))
  const husband = adult(ctx, { sex: 1, birthDate: minDate(husbandBirth, addYears(ctx.asOf, -20)), home: options.home })
  const wife = adult(ctx, { sex: 2, birthDate: wifeBirth, home: options.home })
  const marriage = married(ctx, { husband, wife })
  return { husband, wife, marriage }
}

function single(ctx: PopulationContext, home: Home): Resident[] {
  const [min, max] = ctx.random.weighted([
    [[18, 29], 30],
    [[30, 44], 22],
    [[45, 59], 18],
    [[60, 74], 17],
    [[75, 95], 13],
  ] as const)
  const sex = ctx.random.chance(min >= 60 ? 0.3 : 0.5) ? 1 : 2
  const person = adult(ctx, { sex, birthDate: birthDateForAge(ctx, min, max), home })
  if (ctx.random.chance(0.03)) {
    writeNameChange(ctx, { resident: person, family: pickFamily(ctx), after: addYears(person.birthDate, 18) })
  }
  return [person]
}

function family(
  ctx: PopulationContext,
  home: Home,
  options: { count: number; wifeAge: readonly [number, number] },
): Resident[] {
  const { husband, wife, marriage } = couple(ctx, { wifeAge: options.wifeAge, home })
  const notBefore = maxDate(addDays(marriage.married_on, 200), addYears(ctx.asOf, -24))
  const kids = children(ctx, { mother: wife, father: husband, count: options.count, home, notBefore })
  return [husband, wife, ...kids]
}

function singleParent(ctx: PopulationContext, home: Home, max: number): Resident[] {
  const { husband, wife, marriage } = couple(ctx, { wifeAge: [24, 48], home })
  const notBefore = maxDate(addDays(marriage.married_on, 200), addYears(ctx.asOf, -17))
  const kids = children(ctx, {
    mother: wife,
    father: husband,
    count: Math.min(max - 2, ctx.random.int(1, 2)),
    home,
    notBefore,
  })
  const youngest = kids.at(-1)?.birthDate ?? marriage.married_on
  const on = dayBetween(ctx, maxDate(addDays(youngest, 180), addDays(marriage.married_on, 365)), addDays(ctx.asOf, -30))
  const away = ctx.random.chance(0.85) ? husband : wife
  const apart = newHome(ctx)
  apart.since = on
  away.home = apart
  writeDivorce(ctx, { marriage, husband, wife, on })
  return [husband, wife, ...kids]
}

/** Grandparents, and a grown-up child with a family of their own, together or apart. */
function extended(ctx: PopulationContext, home: Home, max: number): Resident[] {
  const together = ctx.random.chance(0.4)
  const grandmother = adult(ctx, { sex: 2, birthDate: birthDateForAge(ctx, 55, 92), home })
  const people: Resident[] = [grandmother]
  let grandfather: Resident | undefined
  let start = addYears(grandmother.birthDate, 20)
  if (ctx.random.chance(0.55) && max >= 3) {
    const birthDate = minDate(addDays(grandmother.birthDate, -ctx.random.int(-300, 2200)), addYears(ctx.asOf, -56))
    grandfather = adult(ctx, { sex: 1, birthDate, home })
    start = maxDate(start, married(ctx, { husband: grandfather, wife: grandmother }).married_on)
    people.push(grandfather)
  } else {
    // A widow: her husband is not in the register, but his name is hers.
    grandmother.birthFamily = pickFamily(ctx)
    grandmother.birthFamilyName = grandmother.birthFamily[1]
  }
  const end = minDate(addYears(grandmother.birthDate, 40), addYears(ctx.asOf, -20))
  if (start > end || people.length >= max) return people
  const childHome = together ? home : newHome(ctx)
  const sex = ctx.random.chance(0.5) ? 1 : 2
  const fatherName: MaleName = grandfather?.maleName ?? pickFatherName(ctx, Number(grandmother.birthDate.slice(0, 4)))
  const grown = newCitizen(ctx, {
    sex,
    birthDate: dayBetween(ctx, start, end),
    family: grandfather?.family ?? grandmother.family,
    father: fatherName,
    home: childHome,
    birthPlace: grandmother.birthPlace,
  })
  writeBirth(ctx, {
    child: grown,
    mother: grandmother,
    father: grandfather ?? {
      family_name: grandmother.family[0],
      given_name: fatherName.name,
      patronymic: pickFatherName(ctx, 1930).patronymicMale,
    },
  })
  grandmother.children.push(grown)
  grandfather?.children.push(grown)
  people.push(grown)
  if (people.length >= max || ctx.random.chance(0.2)) return people
  const partnerBirth = minDate(addDays(grown.birthDate, ctx.random.int(-2500, 1500)), addYears(ctx.asOf, -19))
  const partner = adult(ctx, { sex: sex === 1 ? 2 : 1, birthDate: partnerBirth, home: childHome })
  people.push(partner)
  const husband = sex === 1 ? grown : partner
  const wife = sex === 1 ? partner : grown
  const marriage = married(ctx, { husband, wife })
  const count = Math.min(max - people.length, ctx.random.int(0, 2))
  const notBefore = maxDate(addDays(marriage.married_on, 200), addYears(ctx.asOf, -20))
  people.push(...children(ctx, { mother: wife, father: husband, count, home: childHome, notBefore }))
  return people
}

function foreign(ctx: PopulationContext, home: Home, max: number): Resident[] {
  const country: ForeignCountry = ctx.random.pick(foreignCountries)
  const familyIndex = ctx.random.int(0, country.family.length - 1)
  const first = newForeigner(ctx, {
    sex: ctx.random.chance(0.6) ? 1 : 2,
    birthDate: birthDateForAge(ctx, 23, 60),
    country,
    familyIndex,
    home,
    eResident: false,
  })
  const people = [first]
  if (max >= 2 && ctx.random.chance(0.5)) {
    const birthDate = minDate(addDays(first.birthDate, ctx.random.int(-1500, 1500)), addYears(ctx.asOf, -20))
    people.push(
      newForeigner(ctx, { sex: first.sex === 1 ? 2 : 1, birthDate, country, familyIndex, home, eResident: false }),
    )
  }
  if (people.length < max && ctx.random.chance(0.4)) {
    const birthDate = maxDate(birthDateForAge(ctx, 0, 16), addYears(first.birthDate, 21))
    const child = newForeigner(ctx, {
      sex: ctx.random.chance(0.5) ? 1 : 2,
      birthDate,
      country,
      familyIndex,
      home,
      eResident: false,
    })
    for (const parent of people) parent.children.push(child)
    people.push(child)
  }
  return people
}

function eResident(ctx: PopulationContext): Resident[] {
  const country = ctx.random.pick(foreignCountries)
  const { city } = country
  const street = ctx.random.pick(city.streets)
  const house = String(ctx.random.int(1, 120))
  const home: Home = {
    address: {
      country: country.code,
      region: city.region,
      locality: city.locality,
      locality_type: '',
      street,
      house_number: house,
      apartment: null,
      postal_code: city.postalCode,
    },
    region: undefined,
    since: '1900-01-01',
  }
  const person = newForeigner(ctx, {
    sex: ctx.random.chance(0.6) ? 1 : 2,
    birthDate: birthDateForAge(ctx, 22, 60),
    country,
    familyIndex: ctx.random.int(0, country.family.length - 1),
    home,
    eResident: true,
  })
  return [person]
}

/** The date a household registered at each of its addresses: after its adults came of age. */
function settleHomes(ctx: PopulationContext, residents: Resident[]): void {
  const homes = new Map<Home, Resident[]>()
  for (const resident of residents) homes.set(resident.home, [...(homes.get(resident.home) ?? []), resident])
  for (const [home, members] of homes) {
    const adults = members.filter((member) => addYears(member.birthDate, 18) <= ctx.asOf)
    const bounds =
      adults.length > 0 ? adults.map((member) => addYears(member.birthDate, 18)) : members.map((m) => m.birthDate)
    home.since = dayBetween(ctx, maxDate(home.since, ...bounds), addDays(ctx.asOf, -30))
  }
}

/** Generates the next household unit with at most `max` people (at least one). */
export function generateHousehold(ctx: PopulationContext, max: number): Household {
  const kind = ctx.random.weighted(kinds.filter(([, , smallest]) => smallest <= max).map(([k, w]) => [k, w] as const))
  const displaced = kind !== 'foreign' && kind !== 'e-resident' && ctx.random.chance(0.04)
  const home = newHome(ctx, { safe: displaced })
  let residents: Resident[]
  switch (kind) {
    case 'single':
      residents = single(ctx, home)
      break
    case 'couple':
      residents = family(ctx, home, { count: 0, wifeAge: [20, 85] })
      break
    case 'family':
      residents = family(ctx, home, { count: Math.min(max - 2, ctx.random.weighted(familySizes)), wifeAge: [23, 50] })
      break
    case 'large':
      residents = family(ctx, home, { count: Math.min(max - 2, ctx.random.int(3, 4)), wifeAge: [30, 45] })
      break
    case 'single-parent':
      residents = singleParent(ctx, home, max)
      break
    case 'extended':
      residents = extended(ctx, home, max)
      break
    case 'foreign':
      residents = foreign(ctx, home, max)
      break
    case 'e-resident':
      residents = eResident(ctx)
      break
  }
  settleHomes(ctx, residents)
  if (!displaced) return { residents, displaced: undefined }
  const { address, region } = newAddress(ctx, ctx.random.pick(frontlineRegions))
  const registeredOn = ctx.random.chance(0.7)
    ? dayBetween(ctx, '2022-02-24', addDays(ctx.asOf, -30))
    : dayBetween(ctx, '2014-04-15', '2021-12-31')
  const previous: Home = { address, region, since: home.since }
  home.since = registeredOn
  return { residents, displaced: { previous, registeredOn } }
}
