import type { Store } from '@polis/store'

/**
 * Adults of the register with a tax number and no registered marriage, in register
 * order, women and men apart: parents a birth can name, partners a marriage can join.
 */
export async function unmarriedAdults(
  store: Store,
  born: { from: string; to: string } = { from: '1960-01-01', to: '2006-01-01' },
) {
  const persons = await store.db
    .selectFrom('persons')
    .select(['id', 'sex', 'tax_number'])
    .where('birth_date', '>=', born.from)
    .where('birth_date', '<=', born.to)
    .where('tax_number', 'is not', null)
    .orderBy('seq')
    .execute()
  const married = new Set(
    (await store.db.selectFrom('marriages').select(['spouse1_id', 'spouse2_id']).execute()).flatMap((m) => [
      m.spouse1_id,
      m.spouse2_id,
    ]),
  )
  const free = persons
    .filter((p) => !married.has(p.id))
    .map((p) => ({ id: p.id, sex: p.sex, taxNumber: p.tax_number as string }))
  return { women: free.filter((p) => p.sex === 2), men: free.filter((p) => p.sex === 1), all: persons }
}
