/**
 * The business register's legal entities: a small fixed set beside the generated sole
 * proprietors, the same on every instance, so that demos and tests can register a bank
 * or an operator by its number. Numbers are eight digits (ЄДРПОУ style) starting at
 * 4, which no sole proprietor's registration number does.
 */
import type { LegalEntityTable, Store } from '@polis/store'

/** A legal entity as the business register describes it. */
export interface LegalEntity {
  registerNumber: string
  legalName: string
  legalForm: string
  registeredOn: string
  address: string
  status: 'registered' | 'terminated'
}

/** Every legal entity of the demo register, in register-number order. */
export const legalEntities: readonly LegalEntity[] = [
  {
    registerNumber: '40000017',
    legalName: 'Demo Bank',
    legalForm: 'joint-stock company',
    registeredOn: '2009-03-12',
    address: 'Kyiv, Khreshchatyk St 22',
    status: 'registered',
  },
  {
    registerNumber: '40000025',
    legalName: 'Polis Mobile',
    legalForm: 'limited liability company',
    registeredOn: '2012-11-02',
    address: 'Lviv, Svobody Ave 5',
    status: 'registered',
  },
  {
    registerNumber: '40000033',
    legalName: 'Kyiv Car Rental',
    legalForm: 'limited liability company',
    registeredOn: '2018-05-23',
    address: 'Kyiv, Peremohy Ave 41',
    status: 'registered',
  },
  {
    registerNumber: '40000041',
    legalName: 'Dnipro Insurance',
    legalForm: 'joint-stock company',
    registeredOn: '2004-08-30',
    address: 'Dnipro, Yavornytskoho Ave 60',
    status: 'registered',
  },
  {
    registerNumber: '40000058',
    legalName: 'Odesa Microcredit',
    legalForm: 'limited liability company',
    registeredOn: '2015-01-14',
    address: 'Odesa, Derybasivska St 9',
    status: 'terminated',
  },
]

function toRow(entity: LegalEntity): LegalEntityTable {
  return {
    register_number: entity.registerNumber,
    legal_name: entity.legalName,
    legal_form: entity.legalForm,
    registered_on: entity.registeredOn,
    address: entity.address,
    status: entity.status,
  }
}

/** Who the register names as acting for a legal entity. */
export interface Representative {
  registerNumber: string
  citizenId: string
  role: 'director' | 'board-member'
}

/**
 * Puts the legal entities in the business register, each with its director, and a board
 * member for the first: adults of the population with a demographic record, taken in
 * generation order, so the same seed names the same people. A second call changes nothing.
 */
export async function seedLegalEntities(store: Store): Promise<void> {
  await store.db
    .insertInto('legal_entities')
    .values(legalEntities.map(toRow))
    .onConflict((c) => c.column('register_number').doNothing())
    .execute()
  const named = await store.db.selectFrom('legal_entity_representatives').select('citizen_id').executeTakeFirst()
  if (named) return
  const people = await store.db
    .selectFrom('persons')
    .select('id')
    .where('unzr', 'is not', null)
    .where('birth_date', '<=', '1990-12-31')
    .orderBy('seq')
    .limit(legalEntities.length + 1)
    .execute()
  const rows = legalEntities.flatMap((entity, index) => {
    const director = people[index]
    return director ? [{ register_number: entity.registerNumber, citizen_id: director.id, role: 'director' }] : []
  })
  const board = people[legalEntities.length]
  const first = legalEntities[0]
  if (board && first) rows.push({ register_number: first.registerNumber, citizen_id: board.id, role: 'board-member' })
  if (rows.length > 0) await store.db.insertInto('legal_entity_representatives').values(rows).execute()
}

/** The representatives the register names for a legal entity. */
export async function listRepresentatives(store: Store, registerNumber: string): Promise<Representative[]> {
  const rows = await store.db
    .selectFrom('legal_entity_representatives')
    .selectAll()
    .where('register_number', '=', registerNumber)
    .orderBy('role', 'desc')
    .execute()
  return rows.map(toRepresentative)
}

/** The legal entities a citizen is named a representative of, in register-number order. */
export async function listRepresentedEntities(
  store: Store,
  citizenId: string,
): Promise<Array<LegalEntity & { role: Representative['role'] }>> {
  const rows = await store.db
    .selectFrom('legal_entity_representatives')
    .select(['register_number', 'role'])
    .where('citizen_id', '=', citizenId)
    .orderBy('register_number')
    .execute()
  const entities = []
  for (const row of rows) {
    const entity = await findLegalEntity(store, row.register_number)
    if (entity) entities.push({ ...entity, role: toRepresentative({ ...row, citizen_id: citizenId }).role })
  }
  return entities
}

function toRepresentative(row: { register_number: string; citizen_id: string; role: string }): Representative {
  return {
    registerNumber: row.register_number,
    citizenId: row.citizen_id,
    role: row.role === 'director' ? 'director' : 'board-member',
  }
}

/** A legal entity by its register number, or undefined. */
export async function findLegalEntity(store: Store, registerNumber: string): Promise<LegalEntity | undefined> {
  const row = await store.db
    .selectFrom('legal_entities')
    .selectAll()
    .where('register_number', '=', registerNumber)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    registerNumber: row.register_number,
    legalName: row.legal_name,
    legalForm: row.legal_form,
    registeredOn: row.registered_on,
    address: row.address,
    status: row.status === 'registered' ? 'registered' : 'terminated',
  }
}
