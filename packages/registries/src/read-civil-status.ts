/**
 * Civil-status records, from the point of view of the person asked about: a birth act
 * is theirs or their child's, a marriage names "self" and "spouse".
 */
import { placeWithFormatted } from './format-address.ts'
import { ActName, BirthChild, Place, parseColumn, Spouse } from './json-columns.ts'
import { type RecordReader, record, registryCountry } from './registry-reader.ts'

const birth: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('births')
    .selectAll()
    .where((eb) =>
      eb.or([eb('child_id', '=', person.id), eb('mother_id', '=', person.id), eb('father_id', '=', person.id)]),
    )
    .orderBy('id')
    .execute()
  return rows.map((row) => {
    const child = parseColumn(BirthChild, row.child)
    const mother = parseColumn(ActName, row.mother)
    const father = row.father ? parseColumn(ActName, row.father) : null
    return record('civil-status', 'birth', row.id, {
      role: row.child_id === person.id ? 'child' : row.mother_id === person.id ? 'mother' : 'father',
      document_number: row.certificate_number,
      act_number: row.act_number,
      registration_date: row.registered_on,
      issuing_authority: row.registry_office,
      issuing_country: registryCountry,
      child: { citizen_id: row.child_id, ...child },
      birth_place: placeWithFormatted(parseColumn(Place, row.birth_place)),
      mother: { citizen_id: row.mother_id, ...mother },
      father: father ? { citizen_id: row.father_id, ...father } : null,
    })
  })
}

const marriage: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('marriages')
    .selectAll()
    .where((eb) => eb.or([eb('spouse1_id', '=', person.id), eb('spouse2_id', '=', person.id)]))
    .orderBy('id')
    .execute()
  return rows.map((row) => {
    const first = row.spouse1_id === person.id
    const self = parseColumn(Spouse, first ? row.spouse1 : row.spouse2)
    const spouse = parseColumn(Spouse, first ? row.spouse2 : row.spouse1)
    return record('civil-status', 'marriage', row.id, {
      act_number: row.act_number,
      marriage_date: row.married_on,
      issuing_authority: row.registry_office,
      issuing_country: registryCountry,
      status: row.dissolved_on ? 'dissolved' : 'registered',
      dissolution_date: row.dissolved_on,
      self,
      spouse: { citizen_id: first ? row.spouse2_id : row.spouse1_id, ...spouse },
    })
  })
}

const divorce: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('divorces')
    .innerJoin('marriages', 'marriages.id', 'divorces.marriage_id')
    .select([
      'divorces.id as id',
      'divorces.act_number as act_number',
      'divorces.spouse1_id as spouse1_id',
      'divorces.spouse2_id as spouse2_id',
      'divorces.spouse1_family_name_after as spouse1_after',
      'divorces.spouse2_family_name_after as spouse2_after',
      'divorces.divorced_on as divorced_on',
      'divorces.registry_office as registry_office',
      'marriages.act_number as marriage_act_number',
      'marriages.married_on as married_on',
      'marriages.spouse1 as spouse1',
      'marriages.spouse2 as spouse2',
    ])
    .where((eb) => eb.or([eb('divorces.spouse1_id', '=', person.id), eb('divorces.spouse2_id', '=', person.id)]))
    .orderBy('divorces.id')
    .execute()
  return rows.map((row) => {
    const first = row.spouse1_id === person.id
    const other = parseColumn(Spouse, first ? row.spouse2 : row.spouse1)
    return record('civil-status', 'divorce', row.id, {
      act_number: row.act_number,
      divorce_date: row.divorced_on,
      marriage_act_number: row.marriage_act_number,
      marriage_date: row.married_on,
      issuing_authority: row.registry_office,
      issuing_country: registryCountry,
      family_name_after: first ? row.spouse1_after : row.spouse2_after,
      former_spouse: {
        citizen_id: first ? row.spouse2_id : row.spouse1_id,
        family_name: first ? row.spouse2_after : row.spouse1_after,
        given_name: other.given_name,
        patronymic: other.patronymic,
        birth_date: other.birth_date,
      },
    })
  })
}

const nameChange: RecordReader = async (store, person) => {
  const rows = await store.db
    .selectFrom('name_changes')
    .selectAll()
    .where('citizen_id', '=', person.id)
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    record('civil-status', 'name-change', row.id, {
      act_number: row.act_number,
      change_date: row.changed_on,
      issuing_authority: row.registry_office,
      issuing_country: registryCountry,
      previous: parseColumn(ActName, row.previous),
      current: parseColumn(ActName, row.current),
    }),
  )
}

export const civilStatusReaders = { birth, marriage, divorce, 'name-change': nameChange }
