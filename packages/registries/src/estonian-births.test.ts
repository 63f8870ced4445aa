import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { readEstonianPersonalCode } from './estonian-personal-code.ts'
import { createLocalRegistryWriter } from './registry-operations.ts'
import { seedRegistries } from './seed-registries.ts'

const now = new Date('2026-06-01T10:00:00Z')
let store: Store
before(async () => {
  store = await openTestStore()
  await seedRegistries({ store, citizens: 200, seed: 'estonian-births', country: 'EE' })
})
after(() => store?.close())

describe(`a birth on the Estonian instance on ${testEngine}`, () => {
  it('gives the newborn Estonian nationality, Latin names and a personal code for its birth date and sex', async () => {
    const adults = await store.db
      .selectFrom('persons')
      .select(['id', 'sex', 'tax_number'])
      .where('birth_date', '<=', '2004-01-01')
      .where('birth_date', '>=', '1976-01-01')
      .where('tax_number', 'is not', null)
      .orderBy('seq')
      .execute()
    const spouses = new Set(
      (await store.db.selectFrom('marriages').select(['spouse1_id', 'spouse2_id']).execute()).flatMap((m) => [
        m.spouse1_id,
        m.spouse2_id,
      ]),
    )
    const mother = adults.find((p) => p.sex === 2 && !spouses.has(p.id))
    const father = adults.find((p) => p.sex === 1 && !spouses.has(p.id))
    assert.ok(mother && father)
    const write = createLocalRegistryWriter({ store, now: () => now })
    await write({
      registry: 'civil-status',
      operation: 'register-birth',
      citizenId: mother.id,
      values: {
        // The civil-status form takes names in Cyrillic, as the demo country's registry does.
        child_given_name: 'Марія',
        child_patronymic: '',
        child_family_name: 'Коваль',
        child_sex: '2',
        child_birth_date: '2026-05-20',
        father: father.tax_number,
      },
    })
    const child = await store.db
      .selectFrom('persons')
      .selectAll()
      .where('given_name', '=', 'Mariia')
      .where('birth_date', '=', '2026-05-20')
      .executeTakeFirstOrThrow()
    assert.equal(child.nationality, 'EE')
    assert.deepEqual([child.family_name, child.patronymic], ['Koval', null])
    assert.deepEqual(readEstonianPersonalCode(child.unzr ?? ''), { birthDate: '2026-05-20', sex: 2 })
    assert.match(child.unzr ?? '', /^6260520\d{4}$/)
  })
})
