/**
 * Writes a person to the population register with their ID card, foreign passport and
 * earlier addresses, to the tax register, and (when no parent is in the register) their
 * birth act naming parents who are not.
 */
import { migrationUnitCode, taxOffice } from './authorities.ts'
import { writeBirth } from './civil-acts.ts'
import { femaleNames } from './data/names.ts'
import { addYears } from './dates.ts'
import {
  addDays,
  dayBefore,
  dayBetween,
  type Home,
  maxDate,
  minDate,
  newAddress,
  nextNumber,
  type PopulationContext,
  scramble,
} from './population-context.ts'
import { ageOf, pickFatherName, type Resident } from './resident.ts'

const passportSeries = ['FA', 'FB', 'FC', 'FE', 'FH', 'FK', 'FM', 'FN', 'FP', 'FT', 'FX', 'GA', 'GB', 'GC']

/** An issue date such that a document valid `years` has at least a year left on the registers' day. */
export function recentIssue(ctx: PopulationContext, earliest: string, years: number): string {
  return dayBetween(ctx, maxDate(earliest, addYears(ctx.asOf, -(years - 1))), addDays(ctx.asOf, -1))
}

function idCard(ctx: PopulationContext, resident: Resident) {
  const age = ageOf(ctx, resident)
  if (resident.nationality !== 'UA' || age < 14 || !ctx.random.chance(age > 45 ? 0.7 : 0.9)) return undefined
  let issued = recentIssue(ctx, maxDate(addYears(resident.birthDate, 14), '2016-01-11'), 10)
  const minor = issued < addYears(resident.birthDate, 18)
  if (minor) issued = recentIssue(ctx, maxDate(addYears(resident.birthDate, 14), '2016-01-11'), 4)
  const stillMinor = issued < addYears(resident.birthDate, 18)
  return {
    number: scramble(nextNumber(ctx, 'id-card'), 9, 'id-card'),
    issued,
    expires: dayBefore(addYears(issued, stillMinor ? 4 : 10)),
    authority: migrationUnitCode(ctx, resident.home),
  }
}

function foreignPassport(ctx: PopulationContext, resident: Resident) {
  const age = ageOf(ctx, resident)
  if (resident.nationality !== 'UA' || !ctx.random.chance(age >= 18 && age <= 70 ? 0.4 : 0.15)) return undefined
  const childIssue = recentIssue(ctx, resident.birthDate, 4)
  const adult = childIssue >= addYears(resident.birthDate, 16)
  const issued = adult ? recentIssue(ctx, addYears(resident.birthDate, 16), 10) : childIssue
  const n = nextNumber(ctx, 'passport')
  return {
    number: `${passportSeries[Math.floor(n / 1_000_000) % passportSeries.length]}${scramble(n, 6, 'passport')}`,
    issued,
    expires: dayBefore(addYears(issued, adult ? 10 : 4)),
    authority: migrationUnitCode(ctx, resident.home),
  }
}

/** The date a person registered at their current address. */
export function addressSince(resident: Resident): string {
  return maxDate(resident.home.since, resident.birthDate)
}

function previousAddress(ctx: PopulationContext, resident: Resident, previous: Home | undefined): void {
  const since = addressSince(resident)
  let address = previous?.address
  let from: string
  if (previous) {
    from = maxDate(resident.birthDate, minDate(previous.since, dayBefore(since)))
  } else {
    const adultFrom = addYears(resident.birthDate, 18)
    if (!ctx.random.chance(0.2) || addDays(adultFrom, 365) >= since || resident.eResident) return
    address = newAddress(ctx).address
    from = dayBetween(ctx, adultFrom, addDays(since, -365))
  }
  if (!address || from >= since) return
  ctx.rows.person_addresses.push({
    id: `address-${nextNumber(ctx, 'address')}`,
    citizen_id: resident.id,
    address: JSON.stringify(address),
    registered_from: from,
    registered_to: dayBefore(since),
  })
}

function unlinkedBirth(ctx: PopulationContext, resident: Resident): void {
  const year = Number(resident.birthDate.slice(0, 4))
  const father = resident.fatherName ?? pickFatherName(ctx, year - 28)
  const motherName = ctx.random.pick(femaleNames).name
  writeBirth(ctx, {
    child: resident,
    mother: {
      family_name: resident.birthFamily[1],
      given_name: motherName,
      patronymic: pickFatherName(ctx, year - 55).patronymicFemale,
    },
    father: {
      family_name: resident.birthFamily[0],
      given_name: father.name,
      patronymic: pickFatherName(ctx, year - 58).patronymicMale,
    },
  })
}

/** Writes the person's population and tax records; `previous` is the home a displaced family left. */
export function writePerson(ctx: PopulationContext, resident: Resident, previous: Home | undefined): void {
  const card = idCard(ctx, resident)
  const passport = foreignPassport(ctx, resident)
  ctx.rows.persons.push({
    id: resident.id,
    seq: resident.seq,
    unzr: resident.unzr,
    tax_number: resident.taxNumber,
    family_name: resident.familyName,
    given_name: resident.givenName,
    patronymic: resident.patronymic,
    family_name_latin: resident.familyNameLatin,
    given_name_latin: resident.givenNameLatin,
    birth_family_name: resident.birthFamilyName,
    sex: resident.sex,
    birth_date: resident.birthDate,
    birth_place: JSON.stringify(resident.birthPlace),
    address: JSON.stringify(resident.home.address),
    address_since: addressSince(resident),
    nationality: resident.nationality,
    id_card_number: card?.number ?? null,
    id_card_issued_on: card?.issued ?? null,
    id_card_expires_on: card?.expires ?? null,
    id_card_authority: card?.authority ?? null,
    passport_number: passport?.number ?? null,
    passport_issued_on: passport?.issued ?? null,
    passport_expires_on: passport?.expires ?? null,
    passport_authority: passport?.authority ?? null,
    portrait_seed: ctx.random.next() >>> 1,
  })
  previousAddress(ctx, resident, previous)
  if (resident.bornHere && !resident.birthRegistered) unlinkedBirth(ctx, resident)
  const registeredOn =
    resident.foreign !== undefined
      ? recentIssue(ctx, addYears(resident.birthDate, 18), 8)
      : resident.birthDate >= '2016-01-01'
        ? minDate(addDays(resident.birthDate, ctx.random.int(5, 60)), addDays(ctx.asOf, -1))
        : dayBetween(
            ctx,
            addYears(resident.birthDate, 14),
            minDate(addYears(resident.birthDate, 30), addDays(ctx.asOf, -1)),
          )
  ctx.rows.taxpayers.push({
    id: resident.taxNumber,
    citizen_id: resident.id,
    registered_on: registeredOn,
    tax_office: taxOffice(resident.home),
  })
}
