/**
 * The state the population generator carries from one household to the next: the
 * random sequence, counters for document numbers and the per-day serials of tax and
 * demographic record numbers. Its size depends on the calendar, never on how many
 * citizens have been generated, so a million citizens stream in bounded memory.
 */
import { makeCitizenId } from './citizen-id.ts'
import { type Locality, type Region, residenceRegions, streets } from './data/places.ts'
import { addYears, fromDay, toDay } from './dates.ts'
import type { Address, Place } from './json-columns.ts'
import { createRandom, hashSeed, type Random } from './random.ts'
import { emptyRows, type RegistryRows } from './registry-tables.ts'
import { makeTaxNumber } from './tax-number.ts'
import { makeUnzr } from './unzr.ts'

export interface Home {
  address: Address
  /** The region at home; absent for e-residents, who live abroad. */
  region: Region | undefined
  /** When the household registered at this address (a lower bound until the household is settled). */
  since: string
}

export interface PopulationContext {
  random: Random
  /** The day the registers describe. */
  asOf: string
  asOfDay: number
  key: number
  rows: RegistryRows
  citizensMade: number
  counters: Map<string, number>
  unzrSerials: Map<string, number>
  taxSerials: Map<string, number>
}

export function createPopulationContext(options: { seed: string | number; asOf: string }): PopulationContext {
  const key = hashSeed(options.seed)
  return {
    random: createRandom(key),
    asOf: options.asOf,
    asOfDay: toDay(options.asOf),
    key,
    rows: emptyRows(),
    citizensMade: 0,
    counters: new Map(),
    unzrSerials: new Map(),
    taxSerials: new Map(),
  }
}

/** The next value (from 1) of a named counter. */
export function nextNumber(ctx: PopulationContext, name: string): number {
  const value = (ctx.counters.get(name) ?? 0) + 1
  ctx.counters.set(name, value)
  return value
}

const multipliers = [7919, 6007, 4421, 9973, 3571, 7717, 5431, 8191] as const

/**
 * `n` spread over `width` digits (at most 10) by an affine bijection modulo 10^width, so
 * that consecutive documents do not get consecutive numbers; `salt` (the kind of
 * document) picks the multiplier, a prime coprime to 10, and the offset.
 */
export function scramble(n: number, width: number, salt: string): string {
  const modulus = 10 ** width
  const hash = hashSeed(salt)
  const multiplier = multipliers[hash % multipliers.length] ?? 7919
  return String(((n % modulus) * multiplier + (hash % modulus)) % modulus).padStart(width, '0')
}

/** The id, sequence number, UNZR and tax number of the next citizen. */
export function nextCitizenNumbers(
  ctx: PopulationContext,
  options: { birthDate: string; sex: number; unzr: boolean },
): { id: string; seq: number; unzr: string | null; taxNumber: string } {
  const seq = ctx.citizensMade++
  const id = makeCitizenId({ index: seq, key: ctx.key })
  let unzr: string | null = null
  if (options.unzr) {
    const serial = ctx.unzrSerials.get(options.birthDate) ?? 0
    ctx.unzrSerials.set(options.birthDate, serial + 1)
    unzr = makeUnzr({ birthDate: options.birthDate, serial: (serial * 37 + 11) % 10_000 })
  }
  const taxKey = `${options.birthDate}/${options.sex}`
  const taxSerial = ctx.taxSerials.get(taxKey) ?? 0
  ctx.taxSerials.set(taxKey, taxSerial + 1)
  const taxNumber = makeTaxNumber({
    birthDate: options.birthDate,
    sex: options.sex,
    serial: (taxSerial * 7 + 3) % 5000,
  })
  return { id, seq, unzr, taxNumber }
}

/** A random day in [from, to] (ISO dates); `to` wins when the range is empty. */
export function dayBetween(ctx: PopulationContext, from: string, to: string): string {
  const a = toDay(from)
  const b = toDay(to)
  return b <= a ? to : fromDay(ctx.random.int(a, b))
}

/** A birth date for someone aged between `minAge` and `maxAge` whole years on `asOf`. */
export function birthDateForAge(ctx: PopulationContext, minAge: number, maxAge: number): string {
  const earliest = toDay(addYears(ctx.asOf, -(maxAge + 1))) + 1
  const latest = toDay(addYears(ctx.asOf, -minAge))
  return fromDay(ctx.random.int(earliest, latest))
}

/** The day before `iso`. */
export function dayBefore(iso: string): string {
  return fromDay(toDay(iso) - 1)
}

/** `iso` moved by `days`. */
export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days)
}

/** The earliest of ISO dates (they sort as text). */
export function minDate(first: string, ...rest: string[]): string {
  let earliest = first
  for (const date of rest) if (date < earliest) earliest = date
  return earliest
}

/** The latest of ISO dates. */
export function maxDate(first: string, ...rest: string[]): string {
  let latest = first
  for (const date of rest) if (date > latest) latest = date
  return latest
}

function pickLocality(ctx: PopulationContext, region: Region): Locality {
  // The regional centre is where most people live.
  const weights = region.localities.map((locality, index) => [locality, index === 0 ? 4 : 1] as const)
  return ctx.random.weighted(weights)
}

/** A new address in `region` (a weighted random region when absent). */
export function newAddress(ctx: PopulationContext, region?: Region): { address: Address; region: Region } {
  const { random } = ctx
  const where = region ?? random.weighted(residenceRegions)
  const locality = pickLocality(ctx, where)
  const street = random.pick(streets)
  const house = `${random.int(1, 150)}${random.chance(0.08) ? random.pick(['а', 'б', 'в']) : ''}`
  const apartment = locality.kind === 'м.' && random.chance(0.7) ? String(random.int(1, 220)) : null
  const postal = `${String(random.int(where.postal[0], where.postal[1])).padStart(2, '0')}${String(random.int(0, 999)).padStart(3, '0')}`
  const address: Address = {
    country: 'UA',
    region: where.name,
    locality: locality.name,
    locality_type: locality.kind,
    street,
    house_number: house,
    apartment,
    postal_code: postal,
  }
  return { address, region: where }
}

/** A place of birth in the demo country. */
export function newBirthPlace(ctx: PopulationContext, region?: Region): Place {
  const where = region ?? ctx.random.weighted(residenceRegions)
  const locality = pickLocality(ctx, where)
  return { locality: locality.name, locality_type: locality.kind, region: where.name, country: 'UA' }
}

/** The place of birth a home stands in, for children born while the family lived there. */
export function placeOfHome(home: Home): Place {
  const { address } = home
  return {
    locality: address.locality,
    locality_type: address.locality_type,
    region: address.region,
    country: address.country,
  }
}
