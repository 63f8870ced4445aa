/**
 * A parent's children under 14 and where each is registered to live: what a child's
 * residence extract in the parent's wallet is made from (the child's own extract is the
 * `residence` record). A child is the parent's when the civil-status register's birth act
 * names them as mother or father; from 14 a child registers their own address, and the
 * record is no longer the parent's.
 */
import { addYears } from './dates.ts'
import { withFormatted } from './format-address.ts'
import { Address, parseColumn } from './json-columns.ts'
import { type RecordReader, record, registryCountry } from './registry-reader.ts'

export const childResidence: RecordReader = async (store, parent, now) => {
  const births = await store.db
    .selectFrom('births')
    .select(['child_id', 'mother_id', 'father_id'])
    .where((eb) => eb.or([eb('mother_id', '=', parent.id), eb('father_id', '=', parent.id)]))
    .orderBy('id')
    .execute()
  if (births.length === 0) return []
  const children = await store.db
    .selectFrom('persons')
    .selectAll()
    .where(
      'id',
      'in',
      births.map((b) => b.child_id),
    )
    .execute()
  const day = now.toISOString().slice(0, 10)
  return children.flatMap((child) => {
    const fourteen = addYears(child.birth_date, 14)
    const address = withFormatted(parseColumn(Address, child.address))
    if (fourteen <= day || address.country !== registryCountry) return []
    const birth = births.find((b) => b.child_id === child.id)
    return [
      record('population', 'child-residence', child.id, {
        child: {
          citizen_id: child.id,
          family_name: child.family_name,
          given_name: child.given_name,
          patronymic: child.patronymic,
          birth_date: child.birth_date,
          personal_administrative_number: child.unzr,
        },
        parent_role: birth?.mother_id === parent.id ? 'mother' : 'father',
        address,
        registered_since: child.address_since,
        // The parent holds it until the child registers their own address.
        valid_until: fourteen,
        issuing_country: registryCountry,
      }),
    ]
  })
}
