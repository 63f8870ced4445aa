/**
 * The deterministic synthetic population of the demo country. The same `seed`,
 * `citizens` and `asOf` give byte-identical registers on every machine: one seeded
 * integer generator drives everything, in a fixed order. Households are generated one
 * at a time and handed out in batches, so memory does not grow with the population.
 */
import { PolisError } from '@polis/kernel'
import { generateHousehold } from './generate-household.ts'
import { createEstonianLocaliser } from './localise-for-estonia.ts'
import { createPopulationContext } from './population-context.ts'
import { emptyRows, type RegistryRows } from './registry-tables.ts'
import { writeBusiness } from './write-business.ts'
import { writeDebts } from './write-debts.ts'
import { decideStudent, writeEducation } from './write-education.ts'
import { writeHealth } from './write-health.ts'
import { writeMigration } from './write-migration.ts'
import { writeMoreRecords } from './write-more-records.ts'
import { writePerson } from './write-person.ts'
import { writeDisability, writeDisplaced, writeLargeFamily, writeMilitary, writePension } from './write-social.ts'
import { writeTransport } from './write-transport.ts'

/** The day the demo registers describe unless told otherwise (the project's test clock). */
export const defaultAsOf = '2026-06-01'

export interface GeneratePopulationOptions {
  seed: string | number
  citizens: number
  /** The day the registers describe: ages, validity and history are relative to it. */
  asOf?: string
  /** Citizens per batch (whole households, so a batch may hold a few more). */
  batchSize?: number
  /** Whose population: Ukrainian (the default) or Estonian, with Estonian personal codes. */
  country?: PopulationCountry
}

/** The countries whose demo population the generator makes. */
export type PopulationCountry = 'UA' | 'EE'

/** One batch of rows for every registry table, with the number of citizens in it. */
export interface PopulationBatch {
  rows: RegistryRows
  citizens: number
}

/** Yields the population batch by batch; stops after exactly `citizens` people. */
export function* generatePopulation(options: GeneratePopulationOptions): Generator<PopulationBatch> {
  const asOf = options.asOf ?? defaultAsOf
  if (!Number.isInteger(options.citizens) || options.citizens < 0 || options.citizens > 50_000_000) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'citizens must be an integer from 0 to 50,000,000' })
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)) || asOf < '2000-01-01') {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'asOf must be an ISO date from 2000 on' })
  }
  const batchSize = Math.max(1, options.batchSize ?? 1000)
  const ctx = createPopulationContext({ seed: options.seed, asOf })
  const localise = options.country === 'EE' ? createEstonianLocaliser() : undefined
  let inBatch = 0
  while (ctx.citizensMade < options.citizens) {
    const { residents, displaced } = generateHousehold(ctx, Math.min(6, options.citizens - ctx.citizensMade))
    for (const resident of residents) decideStudent(ctx, resident)
    for (const resident of residents) {
      const previous = displaced && resident.home === residents[0]?.home ? displaced.previous : undefined
      writePerson(ctx, resident, previous)
      writeEducation(ctx, resident)
      writeHealth(ctx, resident)
      writeTransport(ctx, resident)
      writeBusiness(ctx, resident)
      const disability = writeDisability(ctx, resident)
      writePension(ctx, resident, disability)
      writeMilitary(ctx, resident, disability)
      writeLargeFamily(ctx, resident)
      writeMigration(ctx, resident)
      if (displaced && previous) writeDisplaced(ctx, resident, displaced)
      writeMoreRecords(ctx, resident)
      writeDebts(ctx, resident)
    }
    inBatch += residents.length
    if (inBatch >= batchSize) {
      localise?.(ctx.rows)
      yield { rows: ctx.rows, citizens: inBatch }
      ctx.rows = emptyRows()
      inBatch = 0
    }
  }
  if (inBatch > 0) localise?.(ctx.rows)
  if (inBatch > 0) yield { rows: ctx.rows, citizens: inBatch }
}
