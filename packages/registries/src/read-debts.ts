/**
 * Records of what a citizen owes, from the registers that bill it: traffic fines
 * (`police-fines`), parking fines (`municipality`), court fines (`courts`),
 * enforcement debts (`enforcement`) and taxes due (`tax`). Every one is payable: its
 * `id`, an `amount` in minor units, its `currency`, and `status` `due` or `paid`.
 */
import { z } from 'zod'
import { type RecordReader, record } from './registry-reader.ts'

const Details = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))

/** The reader of one kind of debt, as the register that keeps it answers. */
function debtsOf(
  registry: 'police-fines' | 'municipality' | 'courts' | 'enforcement' | 'tax',
  kind: string,
): RecordReader {
  return async (store, person) => {
    const rows = await store.db
      .selectFrom('debts')
      .selectAll()
      .where('citizen_id', '=', person.id)
      .where('kind', '=', kind)
      .where('registry', '=', registry)
      .orderBy('issued_on', 'desc')
      .orderBy('id')
      .execute()
    return rows.map((row) =>
      record(registry, kind, row.id, {
        ...Details.parse(JSON.parse(row.details)),
        id: row.id,
        number: row.number,
        description: row.description,
        issue_date: row.issued_on,
        due_date: row.due_on,
        amount: row.amount,
        currency: row.currency,
        status: row.status,
        paid_at: row.paid_at,
        issuing_authority: row.authority,
      }),
    )
  }
}

export const policeFineReaders = { 'traffic-fine': debtsOf('police-fines', 'traffic-fine') }
export const municipalityReaders = { 'parking-fine': debtsOf('municipality', 'parking-fine') }
export const courtReaders = { 'court-fine': debtsOf('courts', 'court-fine') }
export const enforcementReaders = { 'enforcement-debt': debtsOf('enforcement', 'enforcement-debt') }
export const taxDebtReaders = {
  'sole-proprietor-tax': debtsOf('tax', 'sole-proprietor-tax'),
  'property-tax': debtsOf('tax', 'property-tax'),
}
