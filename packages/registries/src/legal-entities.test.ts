import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { openTestStore } from '@polis/store'
import {
  findLegalEntity,
  legalEntities,
  listRepresentatives,
  listRepresentedEntities,
  seedLegalEntities,
} from './legal-entities.ts'
import { seedRegistries } from './seed-registries.ts'

const store = await openTestStore()
after(() => store.close())

describe('legal entities of the business register', () => {
  it('are seeded with the registries, the same every time', async () => {
    await seedRegistries({ store, citizens: 3, seed: 'legal', replace: false })
    const bank = await findLegalEntity(store, '40000017')
    assert.equal(bank?.legalName, 'Demo Bank')
    assert.equal(bank?.status, 'registered')
    await seedLegalEntities(store)
    const rows = await store.db.selectFrom('legal_entities').select('register_number').execute()
    assert.deepEqual(rows.map((r) => r.register_number).sort(), legalEntities.map((e) => e.registerNumber).sort())
  })

  it('have numbers no sole proprietor has, and a terminated one to refuse', async () => {
    const numbers = new Set(legalEntities.map((e) => e.registerNumber))
    assert.equal(numbers.size, legalEntities.length)
    for (const n of numbers) assert.match(n, /^4\d{7}$/)
    const proprietors = await store.db.selectFrom('sole_proprietors').select('registration_number').execute()
    for (const p of proprietors) assert.ok(!numbers.has(p.registration_number))
    assert.equal((await findLegalEntity(store, '40000058'))?.status, 'terminated')
    assert.equal(await findLegalEntity(store, '99999999'), undefined)
  })

  it('name an adult of the population as each one’s director, the same people for the same seed, others after a new seed', async () => {
    const other = await openTestStore()
    try {
      await seedRegistries({ store: other, citizens: 40, seed: 'people', replace: false })
      const directors = async () =>
        Promise.all(legalEntities.map(async (e) => (await listRepresentatives(other, e.registerNumber))[0]))
      const first = await directors()
      assert.ok(first.every((r) => r?.role === 'director'))
      assert.equal(new Set(first.map((r) => r?.citizenId)).size, legalEntities.length, 'a different person each')
      const board = (await listRepresentatives(other, '40000017')).filter((r) => r.role === 'board-member')
      assert.equal(board.length, 1)
      for (const r of [...first, ...board]) {
        const person = await other.db
          .selectFrom('persons')
          .select(['birth_date', 'unzr'])
          .where('id', '=', r?.citizenId ?? '')
          .executeTakeFirstOrThrow()
        assert.ok(person.unzr && person.birth_date <= '1990-12-31')
      }
      const [bank] = await listRepresentedEntities(other, first[0]?.citizenId ?? '')
      assert.equal(bank?.legalName, 'Demo Bank')
      assert.equal(bank?.role, 'director')
      await seedLegalEntities(other)
      assert.deepEqual(await directors(), first, 'seeding again changes nothing')
      await seedRegistries({ store: other, citizens: 40, seed: 'other people', replace: true })
      assert.notDeepEqual(await directors(), first, 'a new population, new representatives')
    } finally {
      await other.close()
    }
  })
})
