/**
 * Writes the registers added with migration 0019: criminal records, property, insured
 * earnings and the unemployed, and e-prescriptions. Each person's rows come from a
 * generator of their own (seeded by the population's seed and their id), so adding
 * these registers left every earlier register exactly as it was.
 */
import { addYears, fromDay, toDay } from './dates.ts'
import { addDays, nextNumber, type PopulationContext, scramble } from './population-context.ts'
import { createRandom, hashSeed, mix32, type Random } from './random.ts'
import { ageOf, type Resident } from './resident.ts'

const offences = [
  ['ст. 185 ч. 1 КК України', 'Крадіжка'],
  ['ст. 125 ч. 1 КК України', 'Умисне легке тілесне ушкодження'],
  ['ст. 286 ч. 1 КК України', 'Порушення правил безпеки дорожнього руху'],
  ['ст. 190 ч. 1 КК України', 'Шахрайство'],
  ['ст. 296 ч. 1 КК України', 'Хуліганство'],
] as const
const sentences = ['штраф 17 000 грн', 'громадські роботи, 120 годин', 'позбавлення волі на 2 роки з випробуванням']
const insurers = [
  'ТОВ «Карпати Логістик»',
  'АТ «Укрзалізниця»',
  'ТОВ «Нова Пошта»',
  'КНП «Міська лікарня № 3»',
  'ТОВ «Епіцентр К»',
  'ПрАТ «Київстар»',
  'ТОВ «Сільпо-Фуд»',
  'Ліцей № 12',
]
const medicines = [
  ['Амлодипін 5 мг', '1 таблетка на день'],
  ['Метформін 500 мг', '1 таблетка двічі на день'],
  ['Бісопролол 5 мг', '1 таблетка вранці'],
  ['Аторвастатин 20 мг', '1 таблетка ввечері'],
  ['Лозартан 50 мг', '1 таблетка на день'],
  ['Сальбутамол 100 мкг/доза', '1–2 вдихи за потреби'],
  ['Левотироксин 50 мкг', '1 таблетка натще'],
] as const
const doctors = [
  'Коваль Ірина Петрівна',
  'Шевчук Андрій Олегович',
  'Мельник Оксана Іванівна',
  'Бондар Сергій Васильович',
]

/** A generator for one person and one register, independent of the population's own sequence. */
function randomFor(ctx: PopulationContext, resident: Resident, register: string): Random {
  return createRandom(mix32(ctx.key ^ hashSeed(`${register}:${resident.id}`)))
}

function between(random: Random, from: string, to: string): string {
  const first = toDay(from)
  const last = toDay(to)
  return fromDay(last <= first ? first : random.int(first, last))
}

function place(resident: Resident): string {
  const { address } = resident.home
  return address.locality_type ? `${address.locality_type} ${address.locality}` : address.locality
}

/** A criminal record for about one adult in thirty; a third of them expunged. Most people are clean. */
function writePolice(ctx: PopulationContext, resident: Resident, age: number): void {
  const random = randomFor(ctx, resident, 'police')
  if (age < 18 || resident.eResident || !random.chance(0.035)) return
  const [article, offence] = random.pick(offences)
  const sentenced = between(random, addYears(resident.birthDate, 18), addDays(ctx.asOf, -60))
  const expunged = random.chance(0.35) ? between(random, addYears(sentenced, 1), addDays(ctx.asOf, -1)) : null
  ctx.rows.police_records.push({
    id: `police-${nextNumber(ctx, 'police')}`,
    citizen_id: resident.id,
    article,
    offence,
    court: `Районний суд, ${place(resident)}`,
    sentenced_on: sentenced,
    sentence: random.pick(sentences),
    expunged_on: expunged && expunged < ctx.asOf ? expunged : null,
  })
}

/** The home of most adults from 21 is theirs, whole or half; some own a plot of land too. */
function writeProperty(ctx: PopulationContext, resident: Resident, age: number): void {
  const random = randomFor(ctx, resident, 'property')
  if (age < 21 || resident.eResident || resident.foreign) return
  const add = (kind: string, area: number, share: string, acquiredFrom: string) => {
    const n = nextNumber(ctx, 'property')
    ctx.rows.properties.push({
      id: `property-${n}`,
      owner_id: resident.id,
      registration_number: `${scramble(n, 10, 'property')}${String(random.int(10, 99))}`,
      kind,
      address: JSON.stringify(resident.home.address),
      area_m2: area,
      share,
      acquired_on: between(random, acquiredFrom, addDays(ctx.asOf, -30)),
      basis: random.pick(['договір купівлі-продажу', 'свідоцтво про право на спадщину', 'договір дарування']),
    })
  }
  const from = addYears(resident.birthDate, 21)
  if (random.chance(0.6)) {
    const flat = Boolean(resident.home.address.apartment)
    add(
      flat ? 'квартира' : 'житловий будинок',
      random.int(flat ? 32 : 60, flat ? 95 : 180),
      random.pick(['1/1', '1/2']),
      from,
    )
  }
  if (random.chance(0.12)) add('земельна ділянка', random.int(600, 2500), '1/1', from)
}

/**
 * Insured earnings of the last five years for most people of working age; of those not
 * working, some are registered as unemployed (and some were, and found work).
 */
function writeWork(ctx: PopulationContext, resident: Resident, age: number): void {
  const random = randomFor(ctx, resident, 'work')
  if (age < 18 || age > 64 || resident.eResident || resident.foreign) return
  const thisYear = Number(ctx.asOf.slice(0, 4))
  const firstYear = Math.max(thisYear - 5, Number(resident.birthDate.slice(0, 4)) + 18)
  const employed = random.chance(0.72)
  if (employed) {
    const insurer = random.pick(insurers)
    const monthly = random.int(8, 45) * 1000
    for (let year = firstYear; year < thisYear; year++) {
      const months = year === firstYear ? random.int(1, 12) : 12
      ctx.rows.pension_earnings.push({
        id: `earning-${nextNumber(ctx, 'earning')}`,
        citizen_id: resident.id,
        year,
        insurer,
        months,
        earnings_uah: months * monthly,
      })
    }
    return
  }
  const registered = random.chance(0.2)
  const ended = !registered && random.chance(0.1)
  if (!registered && !ended) return
  const since = between(random, addYears(ctx.asOf, -1), addDays(ctx.asOf, -14))
  ctx.rows.unemployment_registrations.push({
    id: `unemployment-${nextNumber(ctx, 'unemployment')}`,
    citizen_id: resident.id,
    registered_on: since,
    centre: `Центр зайнятості, ${place(resident)}`,
    ended_on: ended ? between(random, addDays(since, 30), addDays(ctx.asOf, -1)) : null,
    end_reason: ended ? 'працевлаштування' : null,
  })
}

/** E-prescriptions of the last three months for about a quarter of adults. */
function writePrescriptions(ctx: PopulationContext, resident: Resident, age: number): void {
  const random = randomFor(ctx, resident, 'prescriptions')
  if (age < 18 || resident.eResident || !random.chance(age > 50 ? 0.45 : 0.15)) return
  for (let i = random.int(1, 3); i > 0; i--) {
    const [medicine, dosage] = random.pick(medicines)
    const prescribed = between(random, addDays(ctx.asOf, -90), addDays(ctx.asOf, -1))
    const n = nextNumber(ctx, 'prescription')
    const code = scramble(n, 8, 'prescription')
    ctx.rows.prescriptions.push({
      id: `prescription-${n}`,
      citizen_id: resident.id,
      number: `${code.slice(0, 4)}-${code.slice(4)}-${String(random.int(1000, 9999))}-${String(random.int(1000, 9999))}`,
      medicine,
      dosage,
      prescribed_on: prescribed,
      valid_to: addDays(prescribed, 30),
      doctor: random.pick(doctors),
      dispensed_on: random.chance(0.5) ? between(random, prescribed, addDays(ctx.asOf, -1)) : null,
    })
  }
}

/** Every register of migration 0019 for one person. */
export function writeMoreRecords(ctx: PopulationContext, resident: Resident): void {
  const age = ageOf(ctx, resident)
  writePolice(ctx, resident, age)
  writeProperty(ctx, resident, age)
  writeWork(ctx, resident, age)
  writePrescriptions(ctx, resident, age)
}
