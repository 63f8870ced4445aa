import type { Kysely } from 'kysely'
import type { Engine } from '../engine.ts'

type ColumnType = 'text' | 'integer'
/** `[name, type, nullable]`; the first column is the primary key. */
type Column = readonly [string, ColumnType, 'null'?]

interface TableSpec {
  name: string
  columns: readonly Column[]
  /** Columns that name a citizen: each gets an index. */
  citizenColumns: readonly string[]
  unique?: readonly string[]
}

const tables: readonly TableSpec[] = [
  {
    name: 'persons',
    columns: [
      ['id', 'text'],
      ['seq', 'integer'],
      ['unzr', 'text', 'null'],
      ['tax_number', 'text', 'null'],
      ['family_name', 'text'],
      ['given_name', 'text'],
      ['patronymic', 'text', 'null'],
      ['family_name_latin', 'text'],
      ['given_name_latin', 'text'],
      ['birth_family_name', 'text'],
      ['sex', 'integer'],
      ['birth_date', 'text'],
      ['birth_place', 'text'],
      ['address', 'text'],
      ['address_since', 'text'],
      ['nationality', 'text'],
      ['id_card_number', 'text', 'null'],
      ['id_card_issued_on', 'text', 'null'],
      ['id_card_expires_on', 'text', 'null'],
      ['id_card_authority', 'text', 'null'],
      ['passport_number', 'text', 'null'],
      ['passport_issued_on', 'text', 'null'],
      ['passport_expires_on', 'text', 'null'],
      ['passport_authority', 'text', 'null'],
      ['portrait_seed', 'integer'],
    ],
    citizenColumns: [],
    unique: ['seq', 'unzr', 'tax_number'],
  },
  {
    name: 'person_addresses',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['address', 'text'],
      ['registered_from', 'text'],
      ['registered_to', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'births',
    columns: [
      ['id', 'text'],
      ['act_number', 'text'],
      ['certificate_number', 'text'],
      ['child_id', 'text'],
      ['child', 'text'],
      ['birth_place', 'text'],
      ['mother_id', 'text', 'null'],
      ['mother', 'text'],
      ['father_id', 'text', 'null'],
      ['father', 'text', 'null'],
      ['registered_on', 'text'],
      ['registry_office', 'text'],
    ],
    citizenColumns: ['child_id', 'mother_id', 'father_id'],
  },
  {
    name: 'marriages',
    columns: [
      ['id', 'text'],
      ['act_number', 'text'],
      ['spouse1_id', 'text'],
      ['spouse2_id', 'text'],
      ['spouse1', 'text'],
      ['spouse2', 'text'],
      ['married_on', 'text'],
      ['registry_office', 'text'],
      ['dissolved_on', 'text', 'null'],
    ],
    citizenColumns: ['spouse1_id', 'spouse2_id'],
  },
  {
    name: 'divorces',
    columns: [
      ['id', 'text'],
      ['act_number', 'text'],
      ['marriage_id', 'text'],
      ['spouse1_id', 'text'],
      ['spouse2_id', 'text'],
      ['spouse1_family_name_after', 'text'],
      ['spouse2_family_name_after', 'text'],
      ['divorced_on', 'text'],
      ['registry_office', 'text'],
    ],
    citizenColumns: ['spouse1_id', 'spouse2_id'],
  },
  {
    name: 'name_changes',
    columns: [
      ['id', 'text'],
      ['act_number', 'text'],
      ['citizen_id', 'text'],
      ['previous', 'text'],
      ['current', 'text'],
      ['changed_on', 'text'],
      ['registry_office', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'driver_licences',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['number', 'text'],
      ['issued_on', 'text'],
      ['expires_on', 'text'],
      ['authority', 'text'],
      ['categories', 'text'],
    ],
    citizenColumns: ['citizen_id'],
    unique: ['number'],
  },
  {
    name: 'vehicles',
    columns: [
      ['id', 'text'],
      ['owner_id', 'text'],
      ['vin', 'text'],
      ['plate', 'text'],
      ['make', 'text'],
      ['model', 'text'],
      ['year', 'integer'],
      ['colour', 'text'],
      ['fuel', 'text'],
      ['engine_cc', 'integer'],
      ['category', 'text'],
      ['certificate_number', 'text'],
      ['registered_on', 'text'],
      ['authority', 'text'],
    ],
    citizenColumns: ['owner_id'],
    unique: ['vin', 'plate'],
  },
  {
    name: 'motor_policies',
    columns: [
      ['id', 'text'],
      ['vehicle_id', 'text'],
      ['holder_id', 'text'],
      ['number', 'text'],
      ['insurer', 'text'],
      ['valid_from', 'text'],
      ['valid_to', 'text'],
      ['premium_uah', 'integer'],
    ],
    citizenColumns: ['holder_id'],
  },
  {
    name: 'taxpayers',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['registered_on', 'text'],
      ['tax_office', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'sole_proprietors',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['registration_number', 'text'],
      ['registered_on', 'text'],
      ['activities', 'text'],
      ['tax_group', 'integer'],
      ['vat_payer', 'integer'],
      ['status', 'text'],
      ['terminated_on', 'text', 'null'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'diplomas',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['level', 'text'],
      ['document_number', 'text'],
      ['institution', 'text'],
      ['specialty', 'text', 'null'],
      ['qualification', 'text', 'null'],
      ['graduation_year', 'integer'],
      ['issued_on', 'text'],
      ['honours', 'integer'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'student_ids',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['number', 'text'],
      ['institution', 'text'],
      ['faculty', 'text'],
      ['specialty', 'text'],
      ['study_form', 'text'],
      ['issued_on', 'text'],
      ['expires_on', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'vaccinations',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['disease', 'text'],
      ['vaccine', 'text'],
      ['manufacturer', 'text'],
      ['doses', 'text'],
      ['doses_required', 'integer'],
      ['facility', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'idp_statuses',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['certificate_number', 'text'],
      ['previous_address', 'text'],
      ['current_address', 'text'],
      ['registered_on', 'text'],
      ['authority', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'large_families',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['certificate_number', 'text'],
      ['children', 'text'],
      ['issued_on', 'text'],
      ['expires_on', 'text'],
      ['authority', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'disabilities',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['certificate_number', 'text'],
      ['disability_group', 'text'],
      ['cause', 'text'],
      ['established_on', 'text'],
      ['review_on', 'text', 'null'],
      ['authority', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'pensions',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['card_number', 'text'],
      ['pension_type', 'text'],
      ['granted_on', 'text'],
      ['authority', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'residence_permits',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['number', 'text'],
      ['permit_type', 'text'],
      ['grounds', 'text'],
      ['issued_on', 'text'],
      ['expires_on', 'text'],
      ['authority', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'e_residencies',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['card_number', 'text'],
      ['country_of_residence', 'text'],
      ['issued_on', 'text'],
      ['expires_on', 'text'],
      ['authority', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
  {
    name: 'military_registrations',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['document_number', 'text'],
      ['category', 'text'],
      ['status', 'text'],
      ['specialty', 'text', 'null'],
      ['rank', 'text'],
      ['fitness', 'text'],
      ['office', 'text'],
      ['registered_on', 'text'],
    ],
    citizenColumns: ['citizen_id'],
  },
]

/** The demo country's base registries: population, civil status, vehicles, tax, social and the rest. */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  for (const table of tables) {
    let builder = db.schema.createTable(table.name)
    table.columns.forEach(([name, type, nullable], index) => {
      builder = builder.addColumn(name, type, (c) => (index === 0 ? c.primaryKey() : nullable ? c : c.notNull()))
    })
    await builder.execute()
    for (const column of table.citizenColumns) {
      await db.schema.createIndex(`${table.name}_${column}`).on(table.name).column(column).execute()
    }
    for (const column of table.unique ?? []) {
      await db.schema.createIndex(`${table.name}_${column}_unique`).on(table.name).column(column).unique().execute()
    }
  }
}
