/**
 * Vehicles register: a new vehicle registered to its owner (a plate and a certificate
 * of its own), and a sale, which moves a vehicle to the buyer named by tax number.
 */
import { randomInt } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { cyrillicSeriesLetters, plateLetters } from './data/vehicles.ts'
import { type DefinedOperation, dayOf } from './defined-operation.ts'
import { isValidVin } from './vin.ts'

const NewVehicle = z.object({
  vin: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine(isValidVin),
  make: z.string().trim().min(1).max(50),
  model: z.string().trim().min(1).max(50),
  year: z.coerce.number().int().min(1950).max(2100),
  colour: z.string().trim().min(1).max(30),
  fuel: z.string().trim().min(1).max(30),
  engine_cc: z.coerce.number().int().min(0).max(20_000),
})

const letters = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet.charAt(randomInt(alphabet.length))).join('')

const certificateNumber = () => `СХ${letters(cyrillicSeriesLetters, 1)}${String(randomInt(1e6)).padStart(6, '0')}`

const register: DefinedOperation = {
  async check(db, _citizenId, values, now) {
    if (typeof values.vin !== 'string' || !isValidVin(values.vin.trim().toUpperCase())) {
      throw new PolisError('ERR_VIN_INVALID', { field: 'vin' })
    }
    const parsed = NewVehicle.safeParse(values)
    if (!parsed.success || parsed.data.year > now.getUTCFullYear() + 1) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'a valid VIN and the vehicle’s details' })
    }
    const known = await db.selectFrom('vehicles').select('id').where('vin', '=', parsed.data.vin).executeTakeFirst()
    if (known) throw new PolisError('ERR_ALREADY_REGISTERED', { detail: 'a vehicle with this VIN', field: 'vin' })
  },
  async apply(db, citizenId, values, now) {
    const vehicle = NewVehicle.parse(values)
    let plate = ''
    for (let tries = 0; tries < 20 && !plate; tries++) {
      const candidate = `AA${String(randomInt(1, 10_000)).padStart(4, '0')}${letters(plateLetters, 2)}`
      const taken = await db.selectFrom('vehicles').select('id').where('plate', '=', candidate).executeTakeFirst()
      if (!taken) plate = candidate
    }
    if (!plate) throw new PolisError('ERR_INTERNAL', { detail: 'no free plate' })
    await db
      .insertInto('vehicles')
      .values({
        id: `vehicle-${dayOf(now)}-${randomInt(1e9)}`,
        owner_id: citizenId,
        ...vehicle,
        plate,
        category: 'B',
        certificate_number: certificateNumber(),
        registered_on: dayOf(now),
        authority: 'ТСЦ МВС № 8041',
      })
      .execute()
  },
}

const Sale = z.object({ vehicle: z.string().trim().min(1).max(20), buyer_tax_number: z.string().regex(/^\d{10}$/) })

async function checkSale(db: Parameters<DefinedOperation['check']>[0], citizenId: string, values: unknown) {
  const parsed = Sale.safeParse(values)
  if (!parsed.success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'a vehicle and the buyer’s tax number' })
  const vehicle = await db
    .selectFrom('vehicles')
    .select('id')
    .where('plate', '=', parsed.data.vehicle)
    .where('owner_id', '=', citizenId)
    .executeTakeFirst()
  if (!vehicle) throw new PolisError('ERR_NOT_VEHICLE_OWNER', { field: 'vehicle' })
  const buyer = await db
    .selectFrom('persons')
    .select('id')
    .where('tax_number', '=', parsed.data.buyer_tax_number)
    .executeTakeFirst()
  if (!buyer) throw new PolisError('ERR_UNKNOWN_TAXPAYER', { field: 'buyer_tax_number' })
  if (buyer.id === citizenId) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the buyer is the seller' })
  return { vehicleId: vehicle.id, buyerId: buyer.id }
}

const transfer: DefinedOperation = {
  async check(db, citizenId, values) {
    await checkSale(db, citizenId, values)
  },
  async apply(db, citizenId, values, now) {
    const { vehicleId, buyerId } = await checkSale(db, citizenId, values)
    await db
      .updateTable('vehicles')
      .set({ owner_id: buyerId, certificate_number: certificateNumber(), registered_on: dayOf(now) })
      .where('id', '=', vehicleId)
      .where('owner_id', '=', citizenId)
      .execute()
  },
}

export const vehicleOperations = { 'register-vehicle': register, 'transfer-vehicle': transfer }
