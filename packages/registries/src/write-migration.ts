/** Writes residence permits of foreigners living here and e-residency of those abroad. */
import { eResidencyAuthority, migrationOffice } from './authorities.ts'
import { addYears } from './dates.ts'
import {
  addDays,
  dayBefore,
  dayBetween,
  maxDate,
  nextNumber,
  type PopulationContext,
  scramble,
} from './population-context.ts'
import type { Resident } from './resident.ts'

export function writeMigration(ctx: PopulationContext, resident: Resident): void {
  if (!resident.foreign) return
  if (resident.eResident) {
    const issued = dayBetween(
      ctx,
      maxDate(addYears(ctx.asOf, -3), addYears(resident.birthDate, 18)),
      addDays(ctx.asOf, -1),
    )
    const n = nextNumber(ctx, 'e-residency')
    ctx.rows.e_residencies.push({
      id: `e-residency-${n}`,
      citizen_id: resident.id,
      card_number: `ER${scramble(n, 8, 'e-residency')}`,
      country_of_residence: resident.home.address.country,
      issued_on: issued,
      expires_on: dayBefore(addYears(issued, 5)),
      authority: eResidencyAuthority,
    })
    return
  }
  const permanent = ctx.random.chance(0.4)
  const issued = permanent
    ? dayBetween(ctx, maxDate(addYears(ctx.asOf, -8), resident.birthDate), addDays(ctx.asOf, -1))
    : dayBetween(ctx, maxDate(addDays(ctx.asOf, -300), resident.birthDate), addDays(ctx.asOf, -1))
  const n = nextNumber(ctx, 'permit')
  ctx.rows.residence_permits.push({
    id: `permit-${n}`,
    citizen_id: resident.id,
    number: scramble(n, 9, 'permit'),
    permit_type: permanent ? 'постійне проживання' : 'тимчасове проживання',
    grounds: permanent ? 'імміграція' : ctx.random.pick(['працевлаштування', 'навчання', "возз'єднання сім'ї"]),
    issued_on: issued,
    expires_on: dayBefore(addYears(issued, permanent ? 10 : 2)),
    authority: migrationOffice(resident.home),
  })
}
