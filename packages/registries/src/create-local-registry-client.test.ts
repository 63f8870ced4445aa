import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isPolisError, type QueryRegistry, type RegistryName, registryNames } from '@polis/kernel'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { createLocalRegistryClient, recordKinds } from './create-local-registry-client.ts'
import { documentCodes, listCitizens } from './list-citizens.ts'
import { seedRegistries } from './seed-registries.ts'

const purpose = 'test:registry-client'

describe(`local registry client on ${testEngine}`, () => {
  let store: Store
  let query: QueryRegistry
  let first: string

  before(async () => {
    store = await openTestStore()
    await seedRegistries({ store, citizens: 400, seed: 'client' })
    query = createLocalRegistryClient({ store })
    const [citizen] = await listCitizens({ store, limit: 1, offset: 0 })
    assert.ok(citizen)
    first = citizen.id
  })
  after(() => store.close())

  it('answers with the population record, portrait included as a base64 PNG', async () => {
    const [person, ...rest] = await query({ registry: 'population', citizenId: first, purpose, kind: 'person' })
    assert.equal(rest.length, 0)
    assert.ok(person)
    assert.equal(person.registry, 'population')
    assert.equal(person.kind, 'person')
    assert.equal(person.id, first)
    const data = person.data
    assert.equal(data.citizen_id, first)
    assert.equal(typeof data.family_name, 'string')
    assert.match(String(data.birth_date), /^\d{4}-\d{2}-\d{2}$/)
    const png = Buffer.from(String(data.portrait), 'base64')
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47])
    assert.ok(png.length < 1536)
    assert.equal(typeof (data.address as { formatted?: unknown }).formatted, 'string')
    assert.deepEqual(JSON.parse(JSON.stringify(person)), person, 'records are plain JSON')
  })

  it('answers each registry with records of the kinds it declares, all kinds when none is asked', async () => {
    const citizens = await listCitizens({ store, limit: 60, offset: 0 })
    const found = new Set<string>()
    for (const citizen of citizens) {
      for (const registry of registryNames) {
        const all = await query({ registry, citizenId: citizen.id, purpose })
        for (const record of all) {
          assert.equal(record.registry, registry)
          assert.ok(recordKinds[registry].includes(record.kind), `${registry}/${record.kind}`)
          found.add(`${registry}/${record.kind}`)
        }
        const [kind] = recordKinds[registry]
        const some = await query({ registry, citizenId: citizen.id, purpose, kind: kind ?? '' })
        assert.deepEqual(
          some,
          all.filter((r) => r.kind === kind),
        )
      }
    }
    for (const kind of [
      'population/person',
      'population/residence',
      'tax/taxpayer',
      'civil-status/birth',
      'health/vaccination',
    ]) {
      assert.ok(found.has(kind), kind)
    }
  })

  it('shows a birth act to the child and to both linked parents', async () => {
    const linked = await store.db
      .selectFrom('births')
      .select(['id', 'child_id', 'mother_id', 'father_id'])
      .where('mother_id', 'is not', null)
      .where('father_id', 'is not', null)
      .executeTakeFirstOrThrow()
    for (const [citizenId, role] of [
      [linked.child_id, 'child'],
      [linked.mother_id, 'mother'],
      [linked.father_id, 'father'],
    ] as const) {
      const records = await query({ registry: 'civil-status', citizenId: citizenId ?? '', purpose, kind: 'birth' })
      const act = records.find((r) => r.id === linked.id)
      assert.ok(act, role)
      assert.equal(act.data.role, role)
      assert.equal((act.data.child as { citizen_id: string }).citizen_id, linked.child_id)
    }
  })

  it('refuses an unknown citizen, an unknown registry and a kind the registry does not keep', async () => {
    await assert.rejects(query({ registry: 'population', citizenId: 'zzzzzzzz', purpose }), (e) =>
      isPolisError(e, 'ERR_UNKNOWN_CITIZEN'),
    )
    await assert.rejects(query({ registry: 'tax', citizenId: "x' or 1=1 --", purpose }), (e) =>
      isPolisError(e, 'ERR_UNKNOWN_CITIZEN'),
    )
    await assert.rejects(query({ registry: 'weather' as RegistryName, citizenId: first, purpose }), (e) =>
      isPolisError(e, 'ERR_BAD_REQUEST'),
    )
    await assert.rejects(query({ registry: 'vehicles', citizenId: first, purpose, kind: 'boat' }), (e) =>
      isPolisError(e, 'ERR_BAD_REQUEST'),
    )
    await assert.rejects(query({ registry: 'vehicles', citizenId: first, purpose: '' }), (e) =>
      isPolisError(e, 'ERR_BAD_REQUEST'),
    )
  })

  it('lists citizens page by page, families together, with the documents they hold', async () => {
    const page1 = await listCitizens({ store, limit: 10, offset: 0 })
    const page2 = await listCitizens({ store, limit: 10, offset: 10 })
    assert.equal(page1.length, 10)
    assert.equal(new Set([...page1, ...page2].map((c) => c.id)).size, 20)
    for (const citizen of page1) {
      assert.ok(citizen.name.startsWith(citizen.familyName))
      assert.ok(citizen.documents.includes('taxpayer-card'))
      for (const code of citizen.documents) assert.ok(documentCodes.includes(code))
      const held = new Set(citizen.documents)
      const licences = await query({ registry: 'driver-licences', citizenId: citizen.id, purpose })
      assert.equal(held.has('driver-licence'), licences.length > 0)
    }
    assert.deepEqual(await listCitizens({ store, limit: 10, offset: 10_000 }), [])
  })
})
