/**
 * Writes social-protection, pension and military records: disability, pensions,
 * military registration of men, large-family status of parents and the status of
 * internally displaced people.
 */
import { pensionOffice, recruitmentOffice, socialOffice } from './authorities.ts'
import { addYears } from './dates.ts'
import type { FamilyChildren } from './json-columns.ts'
import {
  addDays,
  dayBefore,
  dayBetween,
  type Home,
  maxDate,
  minDate,
  nextNumber,
  type PopulationContext,
  scramble,
} from './population-context.ts'
import { ageOf, type Resident } from './resident.ts'

const causes = [
  'загальне захворювання',
  'інвалідність з дитинства',
  'трудове каліцтво',
  "поранення, пов'язане із захистом Батьківщини",
]

/** Disability status; returns its group, if any. */
export function writeDisability(ctx: PopulationContext, resident: Resident): string | undefined {
  const age = ageOf(ctx, resident)
  if (resident.eResident || !ctx.random.chance(age < 18 ? 0.005 : age > 60 ? 0.06 : 0.03)) return undefined
  const child = age < 18
  const group = child
    ? 'дитина з інвалідністю'
    : ctx.random.weighted([
        ['I', 1],
        ['II', 3],
        ['III', 4],
      ] as const)
  const established = dayBetween(
    ctx,
    maxDate(addYears(resident.birthDate, child ? 1 : 18), addYears(ctx.asOf, -15)),
    addDays(ctx.asOf, -60),
  )
  const review = child
    ? dayBefore(addYears(resident.birthDate, 18))
    : group === 'I' || age > 60
      ? null
      : dayBetween(ctx, addDays(ctx.asOf, 200), addYears(ctx.asOf, 2))
  const n = nextNumber(ctx, 'disability')
  ctx.rows.disabilities.push({
    id: `disability-${n}`,
    citizen_id: resident.id,
    certificate_number: `МСЕК ${scramble(n, 7, 'disability')}`,
    disability_group: group,
    cause: child ? 'інвалідність з дитинства' : ctx.random.pick(causes),
    established_on: established,
    review_on: review,
    authority: socialOffice(resident.home),
  })
  resident.hasDisability = true
  return group
}

/** An old-age pension from 60, or a disability pension for groups I and II. */
export function writePension(ctx: PopulationContext, resident: Resident, disability: string | undefined): void {
  const age = ageOf(ctx, resident)
  if (resident.foreign) return
  let type: string
  let granted: string
  if (age >= 60) {
    type = 'за віком'
    granted = minDate(addDays(addYears(resident.birthDate, 60), ctx.random.int(1, 60)), addDays(ctx.asOf, -1))
  } else if ((disability === 'I' || disability === 'II') && ctx.random.chance(0.7)) {
    type = 'по інвалідності'
    granted = dayBetween(
      ctx,
      maxDate(addYears(resident.birthDate, 18), addYears(ctx.asOf, -10)),
      addDays(ctx.asOf, -30),
    )
  } else {
    return
  }
  const n = nextNumber(ctx, 'pension')
  ctx.rows.pensions.push({
    id: `pension-${n}`,
    citizen_id: resident.id,
    card_number: scramble(n, 10, 'pension'),
    pension_type: type,
    granted_on: granted,
    authority: pensionOffice(resident.home),
  })
}

const ranks = [
  ['солдат', 60],
  ['старший солдат', 15],
  ['молодший сержант', 8],
  ['сержант', 7],
  ['старший сержант', 3],
  ['молодший лейтенант', 3],
  ['лейтенант', 3],
  ['старший лейтенант', 1],
] as const
const specialties = [
  '100 — стрілець',
  '837 — водій',
  '122 — механік-водій',
  '420 — оператор зв’язку',
  '836 — санітар',
  '975 — кухар',
]

/** Men from 17 to 60 are registered for military service. */
export function writeMilitary(ctx: PopulationContext, resident: Resident, disability: string | undefined): void {
  const age = ageOf(ctx, resident)
  if (resident.sex !== 1 || resident.nationality !== 'UA' || age < 17 || age > 60) return
  if (disability === 'I' || disability === 'II') return
  const category =
    age < 18
      ? 'допризовник'
      : age < 25 && ctx.random.chance(0.6)
        ? 'призовник'
        : ctx.random.chance(0.05)
          ? 'резервіст'
          : "військовозобов'язаний"
  const liable = category === "військовозобов'язаний" || category === 'резервіст'
  const deferred = resident.student || resident.children.length >= 3 || disability === 'III'
  const n = nextNumber(ctx, 'military')
  const seventeen = addYears(resident.birthDate, 17)
  ctx.rows.military_registrations.push({
    id: `military-${n}`,
    citizen_id: resident.id,
    document_number: `${liable ? 'АК' : 'ПС'} ${scramble(n, 6, 'military')}`,
    category,
    status: deferred ? 'відстрочка' : 'на обліку',
    specialty: liable ? ctx.random.pick(specialties) : null,
    rank: liable ? ctx.random.weighted(ranks) : 'без звання',
    fitness: ctx.random.weighted([
      ['придатний', 16],
      ['обмежено придатний', 3],
      ['тимчасово непридатний', 1],
    ] as const),
    office: recruitmentOffice(resident.home),
    registered_on: minDate(dayBetween(ctx, seventeen, addDays(seventeen, 90)), addDays(ctx.asOf, -1)),
  })
}

/** Large-family status for each parent (citizen) of three or more children, one of them under 18. */
export function writeLargeFamily(ctx: PopulationContext, parent: Resident): void {
  if (parent.nationality !== 'UA' || parent.children.length < 3) return
  const counted = parent.children.filter((child) => {
    const age = ageOf(ctx, child)
    return age < 18 || (age < 23 && child.student)
  })
  const youngest = parent.children.at(-1)
  const third = parent.children[2]
  if (!youngest || !third || ageOf(ctx, youngest) >= 18) return
  const children: FamilyChildren = counted.map((child) => ({
    citizen_id: child.id,
    family_name: child.familyName,
    given_name: child.givenName,
    birth_date: child.birthDate,
  }))
  const n = nextNumber(ctx, 'large-family')
  ctx.rows.large_families.push({
    id: `large-family-${n}`,
    citizen_id: parent.id,
    certificate_number: `БС ${scramble(n, 6, 'large-family')}`,
    children: JSON.stringify(children),
    issued_on: dayBetween(ctx, addDays(third.birthDate, 30), addDays(ctx.asOf, -1)),
    expires_on: dayBefore(addYears(youngest.birthDate, 18)),
    authority: socialOffice(parent.home),
  })
}

/** Displaced-person status of a member of a displaced household who was born before it moved. */
export function writeDisplaced(
  ctx: PopulationContext,
  resident: Resident,
  displaced: { previous: Home; registeredOn: string },
): void {
  if (resident.birthDate >= displaced.registeredOn) return
  const n = nextNumber(ctx, 'idp')
  ctx.rows.idp_statuses.push({
    id: `idp-${n}`,
    citizen_id: resident.id,
    certificate_number: `${resident.home.region?.code ?? '80'}${ctx.random.int(10, 99)}-${scramble(n, 10, 'idp')}`,
    previous_address: JSON.stringify(displaced.previous.address),
    current_address: JSON.stringify(resident.home.address),
    registered_on: displaced.registeredOn,
    authority: socialOffice(resident.home),
  })
}
