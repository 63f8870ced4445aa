/** A page of the population register with the documents each citizen can be issued, for the CLI and the office. */
import type { Store } from '@polis/store'
import { addYears } from './dates.ts'

/** Which registry table (and citizen column) makes a person eligible for each document type of the catalogue. */
export const documentSources = [
  ['birth-certificate', 'births', 'child_id'],
  ['birth-certificate', 'births', 'mother_id'],
  ['birth-certificate', 'births', 'father_id'],
  ['marriage-record', 'marriages', 'spouse1_id'],
  ['marriage-record', 'marriages', 'spouse2_id'],
  ['divorce-record', 'divorces', 'spouse1_id'],
  ['divorce-record', 'divorces', 'spouse2_id'],
  ['name-change-record', 'name_changes', 'citizen_id'],
  ['driver-licence', 'driver_licences', 'citizen_id'],
  ['vehicle-registration', 'vehicles', 'owner_id'],
  ['vehicle-insurance', 'motor_policies', 'holder_id'],
  ['taxpayer-card', 'taxpayers', 'citizen_id'],
  ['business-extract', 'sole_proprietors', 'citizen_id'],
  ['education-document', 'diplomas', 'citizen_id'],
  ['student-id', 'student_ids', 'citizen_id'],
  ['vaccination-certificate', 'vaccinations', 'citizen_id'],
  ['idp-certificate', 'idp_statuses', 'citizen_id'],
  ['large-family-certificate', 'large_families', 'citizen_id'],
  ['disability-certificate', 'disabilities', 'citizen_id'],
  ['pension-card', 'pensions', 'citizen_id'],
  ['residence-permit', 'residence_permits', 'citizen_id'],
  ['e-resident-card', 'e_residencies', 'citizen_id'],
  ['military-registration', 'military_registrations', 'citizen_id'],
] as const

/** Document types read from the person's own population record. */
const populationDocuments = ['id-card', 'foreign-passport', 'residence-extract'] as const

/** The order documents are listed in. */
export const documentCodes: readonly string[] = [
  ...populationDocuments,
  ...new Set(documentSources.map(([code]) => code)),
  'child-residence-extract',
]

export interface CitizenSummary {
  id: string
  /** Family name, given name and patronymic, as a register prints them. */
  name: string
  familyName: string
  givenName: string
  patronymic: string | null
  birthDate: string
  /** ISO/IEC 5218: 1 male, 2 female. */
  sex: number
  nationality: string
  /** Codes of the document types the registers hold a record for. */
  documents: string[]
}

export interface ListCitizensOptions {
  store: Store
  limit: number
  offset: number
  /** The platform's clock, for the documents that depend on the day (a child under 14). */
  now?: Date
}

/** Citizens in register order (families together), with the documents each can be issued. */
export async function listCitizens(options: ListCitizensOptions): Promise<CitizenSummary[]> {
  const limit = Math.max(0, Math.min(10_000, Math.floor(options.limit)))
  const offset = Math.max(0, Math.floor(options.offset))
  const { db } = options.store
  const people = await db
    .selectFrom('persons')
    .select([
      'id',
      'family_name',
      'given_name',
      'patronymic',
      'birth_date',
      'sex',
      'nationality',
      'unzr',
      'id_card_number',
      'passport_number',
    ])
    .orderBy('seq')
    .limit(limit)
    .offset(offset)
    .execute()
  if (people.length === 0) return []
  const ids = people.map((p) => p.id)
  const held = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]))
  for (const [code, table, column] of documentSources) {
    const rows = await db.selectFrom(table).select(`${column} as citizen`).where(column, 'in', ids).execute()
    for (const row of rows) if (row.citizen) held.get(row.citizen)?.add(code)
  }
  // A child's residence extract: for a parent the birth act names, while the child is under 14 (as of today).
  const young = addYears((options.now ?? new Date()).toISOString().slice(0, 10), -14)
  const parents = await db
    .selectFrom('births')
    .innerJoin('persons', 'persons.id', 'births.child_id')
    .select(['births.mother_id', 'births.father_id'])
    .where('persons.birth_date', '>', young)
    .where((eb) => eb.or([eb('births.mother_id', 'in', ids), eb('births.father_id', 'in', ids)]))
    .execute()
  for (const row of parents) {
    for (const parent of [row.mother_id, row.father_id]) if (parent) held.get(parent)?.add('child-residence-extract')
  }
  return people.map((p) => {
    const documents = held.get(p.id) ?? new Set<string>()
    if (p.id_card_number) documents.add('id-card')
    if (p.passport_number) documents.add('foreign-passport')
    if (p.unzr) documents.add('residence-extract')
    return {
      id: p.id,
      name: [p.family_name, p.given_name, p.patronymic].filter(Boolean).join(' '),
      familyName: p.family_name,
      givenName: p.given_name,
      patronymic: p.patronymic,
      birthDate: p.birth_date,
      sex: p.sex,
      nationality: p.nationality,
      documents: documentCodes.filter((code) => documents.has(code)),
    }
  })
}
