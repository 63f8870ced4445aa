/** Driving licences, vehicles and motor insurance records. */
import { LicenceCategories, parseColumn } from './json-columns.ts'
import { type RecordReader, record, registryCountry } from './registry-reader.ts'

const licence: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('driver_licences')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) => {
    const categories = parseColumn(LicenceCategories, row.categories)
    return record('driver-licences', 'licence', row.id, {
      document_number: row.number,
      issue_date: row.issued_on,
      expiry_date: row.expires_on,
      issuing_authority: row.authority,
      issuing_country: registryCountry,
      un_distinguishing_sign: registryCountry,
      // ISO/IEC 18013-5 section 7.2.4: one entry per category.
      driving_privileges: categories.map((c) => ({
        vehicle_category_code: c.category,
        issue_date: c.issued_on,
        expiry_date: c.expires_on,
      })),
      categories: categories.map((c) => c.category).join(', '),
    })
  })
}

const vehicle: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('vehicles')
    .selectAll()
    .where('owner_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('vehicles', 'vehicle', row.id, {
      document_number: row.certificate_number,
      registration_number: row.plate,
      vin: row.vin,
      make: row.make,
      model: row.model,
      model_year: row.year,
      colour: row.colour,
      fuel_type: row.fuel,
      engine_capacity: row.engine_cc,
      vehicle_category: row.category,
      registration_date: row.registered_on,
      issuing_authority: row.authority,
      issuing_country: registryCountry,
      owner: { citizen_id: row.owner_id },
    }),
  )
}

const policy: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('motor_policies')
    .innerJoin('vehicles', 'vehicles.id', 'motor_policies.vehicle_id')
    .select([
      'motor_policies.id as id',
      'motor_policies.number as number',
      'motor_policies.insurer as insurer',
      'motor_policies.valid_from as valid_from',
      'motor_policies.valid_to as valid_to',
      'motor_policies.premium_uah as premium_uah',
      'vehicles.id as vehicle_id',
      'vehicles.plate as plate',
      'vehicles.vin as vin',
      'vehicles.make as make',
      'vehicles.model as model',
    ])
    .where('motor_policies.holder_id', '=', person.id)
    .orderBy('motor_policies.id')
    .execute()
  return rows.map((row) =>
    record('insurance', 'policy', row.id, {
      policy_number: row.number,
      insurer: row.insurer,
      valid_from: row.valid_from,
      expiry_date: row.valid_to,
      premium_uah: row.premium_uah,
      insurance_type: 'ОСЦПВ',
      territory: 'Україна',
      issuing_country: registryCountry,
      vehicle: {
        id: row.vehicle_id,
        registration_number: row.plate,
        vin: row.vin,
        make: row.make,
        model: row.model,
      },
    }),
  )
}

export const driverLicenceReaders = { licence }
export const vehicleReaders = { vehicle }
export const insuranceReaders = { policy }
