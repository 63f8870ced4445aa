/**
 * Writes driving licences (adults only), the vehicles licence holders own and the
 * compulsory motor insurance on them.
 */
import { serviceCentre } from './authorities.ts'
import { colours, cyrillicSeriesLetters, insurers, plateLetters, vehicleModels } from './data/vehicles.ts'
import { addYears } from './dates.ts'
import type { LicenceCategories } from './json-columns.ts'
import {
  addDays,
  dayBefore,
  dayBetween,
  maxDate,
  minDate,
  nextNumber,
  type PopulationContext,
  scramble,
} from './population-context.ts'
import { ageOf, type Resident } from './resident.ts'
import { makeVin } from './vin.ts'
import { recentIssue } from './write-person.ts'

const vinPlants = 'ABCDEFGHJKLMNPRSTUVWXYZ'

function letter(alphabet: string, index: number): string {
  return alphabet.charAt(((index % alphabet.length) + alphabet.length) % alphabet.length)
}

/** A plate in the Ukrainian format: region code, four digits, two series letters. Unique per region up to 2.8 million. */
function nextPlate(ctx: PopulationContext, resident: Resident): string {
  const region = resident.home.region
  const code = region?.code ?? '80'
  const n = nextNumber(ctx, `plate:${code}`) - 1
  const digits = String((((n % 9999) * 7919 + 1234) % 9999) + 1).padStart(4, '0')
  const series = (Math.floor(n / 9999) * 37 + 5) % 144
  const prefix = region?.plates[Math.floor(n / (9999 * 144)) % 2] ?? 'AA'
  return `${prefix}${digits}${letter(plateLetters, Math.floor(series / 12))}${letter(plateLetters, series)}`
}

function licence(ctx: PopulationContext, resident: Resident): LicenceCategories | undefined {
  const age = ageOf(ctx, resident)
  if (resident.nationality !== 'UA' || age < 18 || age > 85) return undefined
  const p = (resident.sex === 1 ? 0.6 : 0.35) * (age > 70 ? 0.5 : 1)
  if (!ctx.random.chance(p)) return undefined
  const adult = addYears(resident.birthDate, 18)
  if (addDays(adult, 30) > ctx.asOf) return undefined
  const first = dayBetween(ctx, adult, minDate(addYears(resident.birthDate, 40), addDays(ctx.asOf, -30)))
  const issued = recentIssue(ctx, first, 30)
  const expires = dayBefore(addYears(issued, 30))
  const categories: LicenceCategories = [{ category: 'B', issued_on: first, expires_on: expires }]
  const extra = (category: string, p: number, minAge: number) => {
    const from = maxDate(first, addYears(resident.birthDate, minAge))
    if (from < ctx.asOf && ctx.random.chance(p)) {
      categories.push({ category, issued_on: dayBetween(ctx, from, issued), expires_on: expires })
    }
  }
  if (resident.sex === 1) {
    extra('A', 0.12, 18)
    extra('C', 0.12, 18)
    extra('D', 0.03, 21)
    extra('CE', 0.04, 21)
  }
  extra('BE', 0.05, 19)
  const n = nextNumber(ctx, 'licence')
  const code = resident.home.region?.code ?? '80'
  const series = `${letter(cyrillicSeriesLetters, Number(code[0]))}${letter(cyrillicSeriesLetters, Number(code[1]))}${letter(cyrillicSeriesLetters, Math.floor(n / 1_000_000))}`
  ctx.rows.driver_licences.push({
    id: `licence-${n}`,
    citizen_id: resident.id,
    number: `${series}${scramble(n, 6, 'licence')}`,
    issued_on: issued,
    expires_on: expires,
    authority: serviceCentre(ctx, resident.home),
    categories: JSON.stringify(categories),
  })
  return categories
}

function vehicle(ctx: PopulationContext, owner: Resident): void {
  const model = ctx.random.weighted(vehicleModels)
  const asOfYear = Number(ctx.asOf.slice(0, 4))
  const year = ctx.random.int(Math.min(model.years[0], asOfYear - 1), Math.min(model.years[1], asOfYear - 1))
  const n = nextNumber(ctx, 'vehicle')
  const vin = makeVin({
    wmi: model.wmi,
    vds: model.vds,
    year,
    plant: letter(vinPlants, Math.floor(n / 1_000_000)),
    serial: Number(scramble(n, 6, 'vehicle')),
  })
  const registeredOn = dayBetween(ctx, maxDate(`${year}-03-01`, addYears(owner.birthDate, 18)), addDays(ctx.asOf, -30))
  const id = `vehicle-${n}`
  ctx.rows.vehicles.push({
    id,
    owner_id: owner.id,
    vin,
    plate: nextPlate(ctx, owner),
    make: model.make,
    model: model.model,
    year,
    colour: ctx.random.weighted(colours),
    fuel: model.fuel,
    engine_cc: model.engineCc,
    category: 'B',
    certificate_number: `СХ${letter(cyrillicSeriesLetters, Math.floor(n / 1_000_000))}${scramble(n, 6, 'vehicle-certificate')}`,
    registered_on: registeredOn,
    authority: serviceCentre(ctx, owner.home),
  })
  if (!ctx.random.chance(0.9)) return
  const validFrom = dayBetween(ctx, maxDate(addDays(ctx.asOf, -150), registeredOn), addDays(ctx.asOf, -1))
  const p = nextNumber(ctx, 'policy')
  ctx.rows.motor_policies.push({
    id: `policy-${p}`,
    vehicle_id: id,
    holder_id: owner.id,
    number: `ЕР-${scramble(p, 9, 'policy')}`,
    insurer: ctx.random.pick(insurers),
    valid_from: validFrom,
    valid_to: dayBefore(addYears(validFrom, 1)),
    premium_uah: ctx.random.int(900, 4800),
  })
}

/** Licence, vehicles and insurance of one person. */
export function writeTransport(ctx: PopulationContext, resident: Resident): void {
  if (!licence(ctx, resident)) return
  if (!ctx.random.chance(0.55)) return
  vehicle(ctx, resident)
  if (ctx.random.chance(0.1)) vehicle(ctx, resident)
}
