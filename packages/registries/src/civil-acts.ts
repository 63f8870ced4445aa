/** Writes the civil-status acts of a household: births, marriages, divorces, changes of name. */
import type { Database } from '@polis/store'
import { regions } from './data/places.ts'
import type { ActName, BirthChild, Spouse } from './json-columns.ts'
import { addDays, dayBetween, minDate, nextNumber, type PopulationContext, scramble } from './population-context.ts'
import { type FamilyName, type Resident, renameFamily } from './resident.ts'

const regionsByName = new Map(regions.map((region) => [region.name, region]))

/** The civil registration office (відділ ДРАЦС) of a town; abroad, the consulate. */
function registryOffice(place: { locality: string; locality_type: string }): string {
  return place.locality_type
    ? `Відділ ДРАЦС, ${place.locality_type} ${place.locality}`
    : `Консульство, ${place.locality}`
}

function nameOf(resident: Resident): ActName {
  return { family_name: resident.familyName, given_name: resident.givenName, patronymic: resident.patronymic }
}

/**
 * Registers a birth. Parents given as residents are linked by id; a parent outside the
 * register is named only.
 */
export function writeBirth(
  ctx: PopulationContext,
  options: { child: Resident; mother: Resident | ActName; father: Resident | ActName | undefined },
): void {
  const { child } = options
  const n = nextNumber(ctx, 'birth')
  const childName: BirthChild = {
    family_name: child.birthFamilyName,
    given_name: child.givenName,
    patronymic: child.patronymic,
    sex: child.sex,
    birth_date: child.birthDate,
  }
  const abbreviation = regionsByName.get(child.birthPlace.region)?.abbreviation ?? 'КВ'
  const link = (parent: Resident | ActName | undefined) =>
    parent && 'id' in parent ? { id: parent.id, name: nameOf(parent) } : { id: null, name: parent ?? null }
  const mother = link(options.mother)
  const father = link(options.father)
  ctx.rows.births.push({
    id: `birth-${n}`,
    act_number: String(n),
    certificate_number: `І-${abbreviation} ${scramble(n, 6, 'birth')}`,
    child_id: child.id,
    child: JSON.stringify(childName),
    birth_place: JSON.stringify(child.birthPlace),
    mother_id: mother.id,
    mother: JSON.stringify(mother.name),
    father_id: father.id,
    father: father.name ? JSON.stringify(father.name) : null,
    registered_on: minDate(addDays(child.birthDate, ctx.random.int(3, 30)), ctx.asOf),
    registry_office: registryOffice(child.birthPlace),
  })
  child.birthRegistered = true
}

export type MarriageRow = Database['marriages']

/** Registers a marriage on `on`; the wife takes the husband's family name four times in five. */
export function writeMarriage(
  ctx: PopulationContext,
  options: { husband: Resident; wife: Resident; on: string },
): MarriageRow {
  const { husband, wife } = options
  const before = wife.familyName
  if (ctx.random.chance(0.8)) renameFamily(wife, husband.family)
  const spouse = (resident: Resident, familyBefore: string): Spouse => ({
    given_name: resident.givenName,
    patronymic: resident.patronymic,
    family_name_before: familyBefore,
    family_name_after: resident.familyName,
    birth_date: resident.birthDate,
  })
  const n = nextNumber(ctx, 'marriage')
  const row: MarriageRow = {
    id: `marriage-${n}`,
    act_number: String(n),
    spouse1_id: husband.id,
    spouse2_id: wife.id,
    spouse1: JSON.stringify(spouse(husband, husband.familyName)),
    spouse2: JSON.stringify(spouse(wife, before)),
    married_on: options.on,
    registry_office: registryOffice(husband.home.address),
    dissolved_on: null,
  }
  ctx.rows.marriages.push(row)
  return row
}

/** Dissolves a marriage on `on`; the wife keeps her married name unless she takes back her own. */
export function writeDivorce(
  ctx: PopulationContext,
  options: { marriage: MarriageRow; husband: Resident; wife: Resident; on: string },
): void {
  options.marriage.dissolved_on = options.on
  const { wife, husband } = options
  if (wife.familyName !== wife.birthFamilyName && ctx.random.chance(0.3)) {
    renameFamily(wife, [wife.birthFamilyName, wife.birthFamilyName])
  }
  const n = nextNumber(ctx, 'divorce')
  ctx.rows.divorces.push({
    id: `divorce-${n}`,
    act_number: String(n),
    marriage_id: options.marriage.id,
    spouse1_id: husband.id,
    spouse2_id: wife.id,
    spouse1_family_name_after: husband.familyName,
    spouse2_family_name_after: wife.familyName,
    divorced_on: options.on,
    registry_office: registryOffice(wife.home.address),
  })
}

/** Registers a change of family name, on a day after the person came of age. */
export function writeNameChange(
  ctx: PopulationContext,
  options: { resident: Resident; family: FamilyName; after: string },
): void {
  const { resident } = options
  const previous = nameOf(resident)
  renameFamily(resident, options.family)
  const n = nextNumber(ctx, 'name-change')
  ctx.rows.name_changes.push({
    id: `name-change-${n}`,
    act_number: String(n),
    citizen_id: resident.id,
    previous: JSON.stringify(previous),
    current: JSON.stringify(nameOf(resident)),
    changed_on: dayBetween(ctx, options.after, addDays(ctx.asOf, -30)),
    registry_office: registryOffice(resident.home.address),
  })
}
