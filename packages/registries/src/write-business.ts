/** Writes sole proprietors to the business register: their activities (KVED/NACE) and simplified tax group. */

import { type Activity, activities } from './data/business.ts'
import { addYears } from './dates.ts'
import type { Activities } from './json-columns.ts'
import { addDays, dayBetween, maxDate, nextNumber, type PopulationContext, scramble } from './population-context.ts'
import { ageOf, type Resident } from './resident.ts'

const itActivities = activities.filter((a) => a.group === 3)

export function writeBusiness(ctx: PopulationContext, resident: Resident): void {
  const age = ageOf(ctx, resident)
  const eligible = resident.eResident
    ? ctx.random.chance(0.5)
    : resident.nationality === 'UA' && age >= 20 && age <= 65 && ctx.random.chance(0.06)
  if (!eligible) return
  const primary: Activity = ctx.random.pick(resident.eResident ? itActivities : activities)
  const others = activities.filter((a) => a.code !== primary.code && a.group <= primary.group)
  const chosen: Activities = [{ code: primary.code, name: primary.name, primary: true }]
  for (let i = ctx.random.int(0, 2); i > 0; i--) {
    const extra = ctx.random.pick(others)
    if (!chosen.some((a) => a.code === extra.code)) chosen.push({ code: extra.code, name: extra.name, primary: false })
  }
  const earliest = resident.eResident ? addYears(ctx.asOf, -2) : addYears(ctx.asOf, -15)
  const registered = dayBetween(ctx, maxDate(addYears(resident.birthDate, 20), earliest), addDays(ctx.asOf, -30))
  const terminated = ctx.random.chance(0.08) ? dayBetween(ctx, addDays(registered, 90), addDays(ctx.asOf, -1)) : null
  const n = nextNumber(ctx, 'business')
  ctx.rows.sole_proprietors.push({
    id: `business-${n}`,
    citizen_id: resident.id,
    registration_number: `2000000${scramble(n, 10, 'business')}`,
    registered_on: registered,
    activities: JSON.stringify(chosen),
    tax_group: primary.group,
    vat_payer: primary.group === 3 && ctx.random.chance(0.1) ? 1 : 0,
    status: terminated ? 'припинено' : 'зареєстровано',
    terminated_on: terminated,
  })
}
