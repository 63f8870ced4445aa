import type { Kysely } from 'kysely'

type Column = readonly [string, 'text' | 'integer', 'null'?]

/** `[name, type, nullable]`; the first column is the primary key, `citizen` the indexed column naming a person. */
const tables: ReadonlyArray<{ name: string; citizen: string; columns: readonly Column[] }> = [
  {
    name: 'police_records',
    citizen: 'citizen_id',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['article', 'text'],
      ['offence', 'text'],
      ['court', 'text'],
      ['sentenced_on', 'text'],
      ['sentence', 'text'],
      ['expunged_on', 'text', 'null'],
    ],
  },
  {
    name: 'lost_documents',
    citizen: 'citizen_id',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['document_type', 'text'],
      ['document_number', 'text', 'null'],
      ['lost_on', 'text'],
      ['circumstances', 'text'],
      ['reported_on', 'text'],
    ],
  },
  {
    name: 'properties',
    citizen: 'owner_id',
    columns: [
      ['id', 'text'],
      ['owner_id', 'text'],
      ['registration_number', 'text'],
      ['kind', 'text'],
      ['address', 'text'],
      ['area_m2', 'integer'],
      ['share', 'text'],
      ['acquired_on', 'text'],
      ['basis', 'text'],
    ],
  },
  {
    name: 'pension_earnings',
    citizen: 'citizen_id',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['year', 'integer'],
      ['insurer', 'text'],
      ['months', 'integer'],
      ['earnings_uah', 'integer'],
    ],
  },
  {
    name: 'unemployment_registrations',
    citizen: 'citizen_id',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['registered_on', 'text'],
      ['centre', 'text'],
      ['ended_on', 'text', 'null'],
      ['end_reason', 'text', 'null'],
    ],
  },
  {
    name: 'prescriptions',
    citizen: 'citizen_id',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['number', 'text'],
      ['medicine', 'text'],
      ['dosage', 'text'],
      ['prescribed_on', 'text'],
      ['valid_to', 'text'],
      ['doctor', 'text'],
      ['dispensed_on', 'text', 'null'],
    ],
  },
  {
    name: 'idp_cancellations',
    citizen: 'citizen_id',
    columns: [
      ['id', 'text'],
      ['citizen_id', 'text'],
      ['certificate_number', 'text'],
      ['status', 'text'],
      ['cancelled_on', 'text'],
      ['reason', 'text'],
    ],
  },
]

/**
 * The registers the rest of the e-services read and write: criminal records and lost
 * documents (police), property ownership, insured earnings (pension fund), the
 * unemployed (employment service), e-prescriptions, cancelled displaced-person
 * statuses; and the signed certificates an application produced.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) {
    let builder = db.schema.createTable(table.name)
    table.columns.forEach(([name, type, nullable], index) => {
      builder = builder.addColumn(name, type, (c) => (index === 0 ? c.primaryKey() : nullable ? c : c.notNull()))
    })
    await builder.execute()
    await db.schema.createIndex(`${table.name}_${table.citizen}`).on(table.name).column(table.citizen).execute()
  }
  await db.schema
    .createTable('application_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('pdf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('application_certificates_application')
    .on('application_certificates')
    .column('application_id')
    .execute()
}
