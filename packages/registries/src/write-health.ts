/** Writes vaccination courses: the childhood schedule for minors, COVID-19, tetanus and flu for adults. */
import { healthFacility } from './authorities.ts'
import { childhoodCourses, covidVaccines } from './data/health.ts'
import type { Doses } from './json-columns.ts'
import { addDays, dayBetween, nextNumber, type PopulationContext } from './population-context.ts'
import { ageOf, type Resident } from './resident.ts'

function batch(ctx: PopulationContext): string {
  const letters = 'ABCDEFGHKLMNPRSTWXYZ'
  return `${ctx.random.pick([...letters])}${ctx.random.pick([...letters])}${ctx.random.int(1000, 9999)}`
}

function course(
  ctx: PopulationContext,
  resident: Resident,
  options: { disease: string; vaccine: string; manufacturer: string; dates: string[]; required: number },
): void {
  const dates = options.dates.filter((date) => date < ctx.asOf && date >= resident.birthDate)
  if (dates.length === 0) return
  const doses: Doses = dates.map((date, index) => ({ number: index + 1, date, batch: batch(ctx) }))
  ctx.rows.vaccinations.push({
    id: `vaccination-${nextNumber(ctx, 'vaccination')}`,
    citizen_id: resident.id,
    disease: options.disease,
    vaccine: options.vaccine,
    manufacturer: options.manufacturer,
    doses: JSON.stringify(doses),
    doses_required: options.required,
    facility: healthFacility(ctx, resident.home),
  })
}

export function writeHealth(ctx: PopulationContext, resident: Resident): void {
  if (resident.eResident) return
  const age = ageOf(ctx, resident)
  if (age < 18) {
    for (const c of childhoodCourses) {
      course(ctx, resident, {
        disease: c.disease,
        vaccine: c.vaccine,
        manufacturer: c.manufacturer,
        dates: c.scheduleDays.map((day) => addDays(resident.birthDate, day + ctx.random.int(0, 20))),
        required: c.dosesRequired,
      })
    }
    return
  }
  if (ctx.random.chance(0.55)) {
    const [vaccine, manufacturer] = ctx.random.pick(covidVaccines)
    const first = dayBetween(ctx, '2021-03-01', '2021-12-15')
    const dates = [first, addDays(first, ctx.random.int(21, 42))]
    if (ctx.random.chance(0.3)) dates.push(dayBetween(ctx, '2022-01-15', '2022-10-01'))
    course(ctx, resident, { disease: 'COVID-19', vaccine, manufacturer, dates, required: 2 })
  }
  if (ctx.random.chance(0.2)) {
    course(ctx, resident, {
      disease: 'Дифтерія, правець',
      vaccine: 'АДП-М',
      manufacturer: 'Serum Institute of India',
      dates: [dayBetween(ctx, addDays(ctx.asOf, -3650), addDays(ctx.asOf, -1))],
      required: 1,
    })
  }
  if (ctx.random.chance(0.15)) {
    const year = Number(ctx.asOf.slice(0, 4)) - 1
    course(ctx, resident, {
      disease: 'Грип',
      vaccine: 'Vaxigrip Tetra',
      manufacturer: 'Sanofi',
      dates: [dayBetween(ctx, `${year}-10-01`, `${year}-12-15`)],
      required: 1,
    })
  }
}
