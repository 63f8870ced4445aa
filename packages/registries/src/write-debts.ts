/**
 * Writes what citizens owe: traffic and parking fines of vehicle owners, court fines,
 * enforcement debts, sole proprietors' single tax and social contribution for the last
 * quarter, and property tax on the homes they own above the tax-free area. Amounts are
 * in kopiykas.
 *
 * Debts draw on a random sequence of their own, keyed by the citizen, so that adding
 * them changed nothing else in the generated country.
 */
import { fromDay, toDay } from './dates.ts'
import { nextNumber, type PopulationContext, scramble } from './population-context.ts'
import { createRandom, hashSeed, type Random } from './random.ts'
import { ageOf, type Resident } from './resident.ts'

/** The minimum wage and the living wage of 2026 (UAH a month), on which the taxes are set. */
const minimumWage2026 = 8647
const livingWage2026 = 3328
/** The minimum wage on 1 January of the property tax's year (2025). */
const minimumWage2025 = 8000

const trafficOffences = [
  ['122 ч. 1', 'Перевищення встановлених обмежень швидкості руху більш як на 20 км/год', 34_000],
  ['122 ч. 2', 'Порушення правил проїзду перехресть, сигналів світлофора чи регулювальника', 51_000],
  ['122 ч. 4', 'Перевищення встановлених обмежень швидкості руху більш як на 50 км/год', 170_000],
  ['121 ч. 5', 'Керування транспортним засобом водієм, не пристебнутим ременем безпеки', 51_000],
  ['126 ч. 1', 'Керування транспортним засобом без реєстраційних документів на нього', 42_500],
] as const

const parkingOffences = [
  ['152-1 ч. 1', 'Порушення правил зупинки, стоянки, паркування транспортних засобів', 34_000],
  ['152-1 ч. 2', 'Неоплата вартості послуг з користування майданчиком для платного паркування', 25_500],
  ['152-1 ч. 3', 'Паркування на місцях для транспортних засобів осіб з інвалідністю', 102_000],
] as const

const enforcementClaims = [
  ['Стягнення заборгованості за житлово-комунальні послуги', 'КП «Житлосервіс»'],
  ['Стягнення заборгованості за кредитним договором', 'АТ «Демо Банк»'],
  ['Стягнення аліментів', 'Стягувач — фізична особа'],
  ['Стягнення штрафу, не сплаченого добровільно', 'Державний бюджет України'],
] as const

const quarterNames = ['I', 'II', 'III', 'IV'] as const

const placeOf = (resident: Resident) => {
  const { address } = resident.home
  return address.locality_type ? `${address.locality_type} ${address.locality}` : address.locality
}

/** A day from `from` to `to` (both ISO dates), from the debts' own sequence. */
const dayIn = (random: Random, from: string, to: string) =>
  fromDay(random.int(toDay(from), Math.max(toDay(from), toDay(to))))
const addDays = (iso: string, days: number) => fromDay(toDay(iso) + days)

interface Debt {
  registry: string
  kind: string
  number: string
  description: string
  issuedOn: string
  dueOn: string
  amount: number
  authority: string
  details: Record<string, unknown>
  /** Paid already: kept as history, closed by an earlier payment. */
  paid: boolean
}

function push(ctx: PopulationContext, resident: Resident, debt: Debt): void {
  const n = nextNumber(ctx, 'debt')
  ctx.rows.debts.push({
    id: `debt-${n}`,
    citizen_id: resident.id,
    registry: debt.registry,
    kind: debt.kind,
    number: debt.number,
    description: debt.description,
    issued_on: debt.issuedOn,
    due_on: debt.dueOn,
    amount: debt.amount,
    currency: 'UAH',
    authority: debt.authority,
    details: JSON.stringify(debt.details),
    status: debt.paid ? 'paid' : 'due',
    paid_at: debt.paid ? `${addDays(debt.issuedOn, 5)}T09:00:00.000Z` : null,
    payment_id: null,
  })
}

/** The last quarter that has ended by `asOf`: its year, number (1-4) and last day. */
function lastQuarter(asOf: string): { year: number; quarter: number; end: string } {
  const year = Number(asOf.slice(0, 4))
  const current = Math.floor((Number(asOf.slice(5, 7)) - 1) / 3)
  if (current === 0) return { year: year - 1, quarter: 4, end: `${year - 1}-12-31` }
  return { year, quarter: current, end: addDays(`${year}-${String(current * 3 + 1).padStart(2, '0')}-01`, -1) }
}

function vehicleFines(ctx: PopulationContext, random: Random, resident: Resident): void {
  const plates: string[] = []
  for (let i = ctx.rows.vehicles.length - 1; i >= 0 && ctx.rows.vehicles[i]?.owner_id === resident.id; i--) {
    plates.push(ctx.rows.vehicles[i]?.plate ?? '')
  }
  const plate = plates[0]
  if (!plate) return
  if (random.chance(0.45)) {
    for (let count = random.int(1, 2); count > 0; count--) {
      const [article, offence, amount] = random.pick(trafficOffences)
      const on = dayIn(random, addDays(ctx.asOf, -120), addDays(ctx.asOf, -3))
      const n = nextNumber(ctx, 'traffic-fine')
      push(ctx, resident, {
        registry: 'police-fines',
        kind: 'traffic-fine',
        number: `ЕНА ${scramble(n, 7, 'traffic-fine')}`,
        description: offence,
        issuedOn: on,
        dueOn: addDays(on, 15),
        amount,
        authority: 'Департамент патрульної поліції',
        details: {
          plate,
          article: `ст. ${article} КУпАП`,
          offence_date: on,
          place: `${placeOf(resident)}, ${resident.home.address.street}`,
        },
        paid: random.chance(0.2),
      })
    }
  }
  if (random.chance(0.2)) {
    const [article, offence, amount] = random.pick(parkingOffences)
    const on = dayIn(random, addDays(ctx.asOf, -90), addDays(ctx.asOf, -2))
    const n = nextNumber(ctx, 'parking-fine')
    push(ctx, resident, {
      registry: 'municipality',
      kind: 'parking-fine',
      number: `ПП ${scramble(n, 8, 'parking-fine')}`,
      description: offence,
      issuedOn: on,
      dueOn: addDays(on, 15),
      amount,
      authority: `Інспекція з питань паркування, ${placeOf(resident)}`,
      details: {
        plate,
        article: `ст. ${article} КУпАП`,
        offence_date: on,
        place: `${placeOf(resident)}, ${resident.home.address.street}`,
      },
      paid: random.chance(0.15),
    })
  }
}

function courtAndEnforcement(ctx: PopulationContext, random: Random, resident: Resident): void {
  if (random.chance(0.05)) {
    const on = dayIn(random, addDays(ctx.asOf, -200), addDays(ctx.asOf, -20))
    const n = nextNumber(ctx, 'court-fine')
    const caseNumber = `${random.int(100, 999)}/${scramble(n, 5, 'court-case')}/${on.slice(2, 4)}-п`
    push(ctx, resident, {
      registry: 'courts',
      kind: 'court-fine',
      number: caseNumber,
      description: 'Штраф за постановою суду у справі про адміністративне правопорушення',
      issuedOn: on,
      dueOn: addDays(on, 15),
      amount: random.pick([85_000, 170_000, 340_000, 850_000]),
      authority: `Районний суд (${placeOf(resident)})`,
      details: { case_number: caseNumber, decision_date: on },
      paid: random.chance(0.15),
    })
  }
  if (random.chance(0.07)) {
    const [claim, creditor] = random.pick(enforcementClaims)
    const on = dayIn(random, addDays(ctx.asOf, -700), addDays(ctx.asOf, -30))
    const n = nextNumber(ctx, 'enforcement')
    const proceeding = `ВП № ${7}${scramble(n, 7, 'enforcement')}`
    push(ctx, resident, {
      registry: 'enforcement',
      kind: 'enforcement-debt',
      number: proceeding,
      description: claim,
      issuedOn: on,
      dueOn: addDays(on, 10),
      amount: random.int(15, 600) * 10_000 + random.int(0, 99) * 100,
      authority: `Відділ державної виконавчої служби, ${placeOf(resident)}`,
      details: { proceeding_number: proceeding, creditor, opened_on: on },
      paid: random.chance(0.1),
    })
  }
}

function soleProprietorTaxes(ctx: PopulationContext, random: Random, resident: Resident): void {
  const business = ctx.rows.sole_proprietors.at(-1)
  if (business?.citizen_id !== resident.id || business.terminated_on !== null) return
  const { year, quarter, end } = lastQuarter(ctx.asOf)
  if (business.registered_on > end) return
  const period = `${quarterNames[quarter - 1]} квартал ${year}`
  const authority = `ГУ ДПС, ${placeOf(resident)}`
  const singleTax =
    business.tax_group === 1
      ? Math.round(livingWage2026 * 10 * 3)
      : business.tax_group === 2
        ? Math.round(minimumWage2026 * 20 * 3)
        : random.int(100, 1500) * 1000 * 5
  for (const [what, amount, dueOn] of [
    [`Єдиний податок, ${business.tax_group} група, ${period}`, singleTax, addDays(end, 50)],
    [
      `Єдиний внесок на загальнообов’язкове державне соціальне страхування, ${period}`,
      Math.round(minimumWage2026 * 22 * 3),
      addDays(end, 20),
    ],
  ] as const) {
    const n = nextNumber(ctx, 'tax-due')
    push(ctx, resident, {
      registry: 'tax',
      kind: 'sole-proprietor-tax',
      number: `ПР-${scramble(n, 9, 'tax-due')}`,
      description: what,
      issuedOn: addDays(end, 1),
      dueOn,
      amount,
      authority,
      details: {
        tax: what.startsWith('Єдиний податок') ? 'single-tax' : 'social-contribution',
        tax_group: business.tax_group,
        year,
        quarter,
        registration_number: business.registration_number,
      },
      paid: random.chance(0.35),
    })
  }
}

/**
 * Property tax on the homes the property register names the citizen owner of: their
 * share of the area above the tax-free 60 m² of a flat or 120 m² of a house.
 */
function propertyTax(ctx: PopulationContext, random: Random, resident: Resident): void {
  const owned = []
  for (let i = ctx.rows.properties.length - 1; i >= 0 && ctx.rows.properties[i]?.owner_id === resident.id; i--) {
    owned.push(ctx.rows.properties[i])
  }
  const year = Number(ctx.asOf.slice(0, 4)) - 1
  // 1.5% of the minimum wage on 1 January for every square metre above the tax-free area.
  const perMetre = Math.round(minimumWage2025 * 1.5)
  for (const property of owned.reverse()) {
    if (!property || (property.kind !== 'квартира' && property.kind !== 'житловий будинок')) continue
    const taxFree = property.kind === 'квартира' ? 60 : 120
    const [part = 1, whole = 1] = property.share.split('/').map(Number)
    const taxed = Math.floor((property.area_m2 * part) / whole) - taxFree
    if (taxed <= 0) continue
    const issuedOn = dayIn(random, addDays(ctx.asOf, -80), addDays(ctx.asOf, -10))
    const n = nextNumber(ctx, 'property-tax')
    const where = `${placeOf(resident)}, ${resident.home.address.street}, ${resident.home.address.house_number}${resident.home.address.apartment ? `, кв. ${resident.home.address.apartment}` : ''}`
    push(ctx, resident, {
      registry: 'tax',
      kind: 'property-tax',
      number: `ППР-${scramble(n, 8, 'property-tax')}`,
      description: `Податок на нерухоме майно, відмінне від земельної ділянки, за ${year} рік`,
      issuedOn,
      dueOn: addDays(issuedOn, 60),
      amount: taxed * perMetre,
      authority: `ГУ ДПС, ${placeOf(resident)}`,
      details: {
        property: property.kind,
        address: where,
        property_registration_number: property.registration_number,
        area_m2: property.area_m2,
        share: property.share,
        tax_free_m2: taxFree,
        year,
      },
      paid: random.chance(0.2),
    })
  }
}

/** Everything one person owes, written after their vehicles, business and property. */
export function writeDebts(ctx: PopulationContext, resident: Resident): void {
  if (ageOf(ctx, resident) < 18) return
  const random = createRandom(hashSeed(`debts:${ctx.key}:${resident.id}`))
  vehicleFines(ctx, random, resident)
  courtAndEnforcement(ctx, random, resident)
  soleProprietorTaxes(ctx, random, resident)
  propertyTax(ctx, random, resident)
}
