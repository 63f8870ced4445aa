/** Records of the registers of migration 0019: police, property, earnings, the unemployed, e-prescriptions. */
import { withFormatted } from './format-address.ts'
import { Address, parseColumn } from './json-columns.ts'
import { type RecordReader, record, registryCountry } from './registry-reader.ts'

const criminalRecord: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('police_records')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('police', 'criminal-record', row.id, {
      article: row.article,
      offence: row.offence,
      court: row.court,
      sentence_date: row.sentenced_on,
      sentence: row.sentence,
      expunged_date: row.expunged_on,
      // An expunged conviction no longer counts: the extract says the person has none.
      active: row.expunged_on === null,
    }),
  )
}

const lostDocument: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('lost_documents')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('reported_on')
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('police', 'lost-document', row.id, {
      document_type: row.document_type,
      document_number: row.document_number,
      lost_date: row.lost_on,
      circumstances: row.circumstances,
      report_date: row.reported_on,
    }),
  )
}

const property: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('properties')
    .selectAll()
    .where('owner_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('property', 'property', row.id, {
      registration_number: row.registration_number,
      kind: row.kind,
      address: withFormatted(parseColumn(Address, row.address)).formatted,
      area_m2: row.area_m2,
      share: row.share,
      acquisition_date: row.acquired_on,
      basis: row.basis,
      issuing_country: registryCountry,
    }),
  )
}

const earnings: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('pension_earnings')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('year')
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('pension', 'earnings', row.id, {
      year: row.year,
      insurer: row.insurer,
      months: row.months,
      earnings_uah: row.earnings_uah,
    }),
  )
}

const unemployment: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('unemployment_registrations')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('registered_on')
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('employment', 'unemployment', row.id, {
      registration_date: row.registered_on,
      centre: row.centre,
      end_date: row.ended_on,
      end_reason: row.end_reason,
      active: row.ended_on === null,
    }),
  )
}

const prescription: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('prescriptions')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('prescribed_on', 'desc')
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('health', 'prescription', row.id, {
      number: row.number,
      medicine: row.medicine,
      dosage: row.dosage,
      prescription_date: row.prescribed_on,
      valid_to: row.valid_to,
      doctor: row.doctor,
      dispensed_date: row.dispensed_on,
    }),
  )
}

export const policeReaders = { 'criminal-record': criminalRecord, 'lost-document': lostDocument }
export const propertyReaders = { property }
export const employmentReaders = { unemployment }
export const moreHealthReaders = { prescription }
export const morePensionReaders = { earnings }
