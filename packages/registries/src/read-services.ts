/** Records of the tax, business, education, health, social, pension, migration and military registers. */
import { educationLevels } from './data/education.ts'
import { withFormatted } from './format-address.ts'
import { Activities, Address, Doses, FamilyChildren, parseColumn } from './json-columns.ts'
import { type RecordReader, record, registryCountry } from './registry-reader.ts'

const levelNames = new Map<string, string>(Object.entries(educationLevels))

const taxpayer: RecordReader = async (store, person) => {
  const rows = await store.db.selectFrom('taxpayers').selectAll().where('citizen_id', '=', person.id).execute()
  return rows.map((row) =>
    record('tax', 'taxpayer', row.id, {
      tax_number: row.id,
      registration_date: row.registered_on,
      issuing_authority: row.tax_office,
      issuing_country: registryCountry,
    }),
  )
}

const soleProprietor: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('sole_proprietors')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) => {
    const activities = parseColumn(Activities, row.activities)
    const primary = activities.find((a) => a.primary) ?? activities[0]
    return record('business', 'sole-proprietor', row.id, {
      registration_number: row.registration_number,
      registration_date: row.registered_on,
      status: row.status,
      termination_date: row.terminated_on,
      tax_number: person.tax_number,
      tax_group: row.tax_group,
      vat_payer: row.vat_payer === 1,
      activities,
      primary_activity: primary ? { code: primary.code, name: primary.name } : null,
      issuing_country: registryCountry,
    })
  })
}

const diploma: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('diplomas')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('education', 'diploma', row.id, {
      document_number: row.document_number,
      education_level: row.level,
      education_level_name: levelNames.get(row.level) ?? row.level,
      institution: row.institution,
      specialty: row.specialty,
      qualification: row.qualification,
      graduation_year: row.graduation_year,
      issue_date: row.issued_on,
      honours: row.honours === 1,
      issuing_country: registryCountry,
    }),
  )
}

const studentId: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('student_ids')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('education', 'student-id', row.id, {
      document_number: row.number,
      institution: row.institution,
      faculty: row.faculty,
      specialty: row.specialty,
      study_form: row.study_form,
      issue_date: row.issued_on,
      expiry_date: row.expires_on,
      issuing_country: registryCountry,
    }),
  )
}

const vaccination: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('vaccinations')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) => {
    const doses = parseColumn(Doses, row.doses)
    return record('health', 'vaccination', row.id, {
      certificate_identifier: `URN:UVCI:01:UA:${row.id.toUpperCase()}`,
      disease: row.disease,
      vaccine: row.vaccine,
      manufacturer: row.manufacturer,
      doses: doses.map((d) => ({ dose_number: d.number, date: d.date, batch: d.batch })),
      doses_received: doses.length,
      doses_required: row.doses_required,
      series_complete: doses.length >= row.doses_required,
      last_dose_date: doses.at(-1)?.date ?? null,
      issuing_authority: row.facility,
      issuing_country: registryCountry,
    })
  })
}

const idp: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('idp_statuses')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) => {
    const previous = withFormatted(parseColumn(Address, row.previous_address))
    const current = withFormatted(parseColumn(Address, row.current_address))
    return record('social', 'idp', row.id, {
      document_number: row.certificate_number,
      registration_date: row.registered_on,
      previous_address: previous.formatted,
      current_address: current.formatted,
      previous_address_details: previous,
      current_address_details: current,
      issuing_authority: row.authority,
      issuing_country: registryCountry,
    })
  })
}

const largeFamily: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('large_families')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) => {
    const children = parseColumn(FamilyChildren, row.children)
    return record('social', 'large-family', row.id, {
      document_number: row.certificate_number,
      issue_date: row.issued_on,
      expiry_date: row.expires_on,
      children,
      children_count: children.length,
      issuing_authority: row.authority,
      issuing_country: registryCountry,
    })
  })
}

const disability: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('disabilities')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('social', 'disability', row.id, {
      document_number: row.certificate_number,
      disability_group: row.disability_group,
      cause: row.cause,
      established_date: row.established_on,
      review_date: row.review_on,
      expiry_date: row.review_on,
      issuing_authority: row.authority,
      issuing_country: registryCountry,
    }),
  )
}

const pension: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('pensions')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('pension', 'pension', row.id, {
      document_number: row.card_number,
      pension_type: row.pension_type,
      granted_date: row.granted_on,
      issuing_authority: row.authority,
      issuing_country: registryCountry,
    }),
  )
}

const residencePermit: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('residence_permits')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('migration', 'residence-permit', row.id, {
      document_number: row.number,
      permit_type: row.permit_type,
      grounds: row.grounds,
      issue_date: row.issued_on,
      expiry_date: row.expires_on,
      issuing_authority: row.authority,
      issuing_country: registryCountry,
    }),
  )
}

const eResidency: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('e_residencies')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('migration', 'e-residency', row.id, {
      document_number: row.card_number,
      country_of_residence: row.country_of_residence,
      issue_date: row.issued_on,
      expiry_date: row.expires_on,
      issuing_authority: row.authority,
      issuing_country: registryCountry,
    }),
  )
}

const registration: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('military_registrations')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('military', 'registration', row.id, {
      document_number: row.document_number,
      category: row.category,
      status: row.status,
      military_specialty: row.specialty,
      rank: row.rank,
      fitness: row.fitness,
      issuing_authority: row.office,
      registration_date: row.registered_on,
      issuing_country: registryCountry,
    }),
  )
}

export const taxReaders = { taxpayer }
export const businessReaders = { 'sole-proprietor': soleProprietor }
export const educationReaders = { diploma, 'student-id': studentId }
export const healthReaders = { vaccination }
export const socialReaders = { idp, 'large-family': largeFamily, disability }
export const pensionReaders = { pension }
export const migrationReaders = { 'residence-permit': residencePermit, 'e-residency': eResidency }
export const militaryReaders = { registration }
