import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { openTestStore } from '@polis/store'
import { findLegalEntity, legalEntities, seedLegalEntities } from './legal-entities.ts'
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
})
