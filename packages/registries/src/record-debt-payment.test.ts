import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isPolisError, type QueryRegistry } from '@polis/kernel'
import { type Database, openTestStore, type Store, testEngine } from '@polis/store'
import { createLocalRegistryClient } from './create-local-registry-client.ts'
import { generatePopulation } from './generate-population.ts'
import { createLocalRegistryWriter, hasRegistryOperation } from './registry-operations.ts'
import { seedRegistries } from './seed-registries.ts'

const purpose = 'test:debts'
const now = new Date('2026-06-01T10:00:00Z')

describe('what citizens owe, in the generated country', () => {
  const rows = { debts: [] as Array<Database['debts']>, persons: new Map<string, string>() }
  const vehicles = new Map<string, string[]>()
  const proprietors = new Map<string, string | null>()
  const properties = new Map<string, Database['properties']>()
  for (const batch of generatePopulation({ seed: 'debts', citizens: 3000 })) {
    rows.debts.push(...batch.rows.debts)
    for (const p of batch.rows.persons) rows.persons.set(p.id, p.birth_date)
    for (const v of batch.rows.vehicles) vehicles.set(v.owner_id, [...(vehicles.get(v.owner_id) ?? []), v.plate])
    for (const s of batch.rows.sole_proprietors) proprietors.set(s.citizen_id, s.terminated_on)
    for (const p of batch.rows.properties) properties.set(p.registration_number, p)
  }

  it('has a good share of adults owing something and most owing nothing, every amount in whole kopiykas', () => {
    const owing = new Set(rows.debts.filter((d) => d.status === 'due').map((d) => d.citizen_id))
    const adults = [...rows.persons.values()].filter((born) => born <= '2008-06-01').length
    assert.ok(owing.size > adults * 0.2 && owing.size < adults * 0.6, `${owing.size} of ${adults}`)
    for (const debt of rows.debts) {
      assert.ok(Number.isSafeInteger(debt.amount) && (debt.amount as number) > 0)
      assert.equal(debt.currency, 'UAH')
      assert.ok(String(rows.persons.get(String(debt.citizen_id))) <= '2008-06-01', 'only adults owe')
    }
    const kinds = new Set(rows.debts.map((d) => d.kind))
    assert.deepEqual([...kinds].sort(), [
      'court-fine',
      'enforcement-debt',
      'parking-fine',
      'property-tax',
      'sole-proprietor-tax',
      'traffic-fine',
    ])
  })

  it('fines the plates of the citizen’s own vehicles, taxes only working sole proprietors and owners of large homes', () => {
    for (const debt of rows.debts) {
      const details = JSON.parse(String(debt.details)) as Record<string, unknown>
      if (debt.kind === 'traffic-fine' || debt.kind === 'parking-fine') {
        assert.ok(vehicles.get(String(debt.citizen_id))?.includes(String(details.plate)))
      }
      if (debt.kind === 'sole-proprietor-tax') {
        assert.equal(proprietors.get(String(debt.citizen_id)), null, 'registered and not terminated')
        assert.deepEqual([details.year, details.quarter], [2026, 1])
      }
      if (debt.kind === 'property-tax') {
        const property = properties.get(String(details.property_registration_number))
        assert.ok(property?.owner_id === debt.citizen_id, 'a home the property register names them owner of')
        const [part, whole] = property.share.split('/').map(Number) as [number, number]
        const taxed = Math.floor((property.area_m2 * part) / whole) - (property.kind === 'квартира' ? 60 : 120)
        assert.ok(taxed > 0)
        assert.equal(debt.amount, taxed * 12_000, '1.5% of the 2025 minimum wage a square metre')
      }
    }
  })
})

describe(`reading and paying debts on ${testEngine}`, () => {
  let store: Store
  let query: QueryRegistry
  let write: ReturnType<typeof createLocalRegistryWriter>
  let debts: Array<{ id: string; citizen_id: string; registry: string; kind: string; amount: number; status: string }>

  before(async () => {
    store = await openTestStore()
    await seedRegistries({ store, citizens: 300, seed: 'debts-sql' })
    query = createLocalRegistryClient({ store })
    write = createLocalRegistryWriter({ store, now: () => now })
    debts = await store.db
      .selectFrom('debts')
      .select(['id', 'citizen_id', 'registry', 'kind', 'amount', 'status'])
      .orderBy('id')
      .execute()
  })
  after(() => store.close())

  const due = (kind: string, skip = 0) => {
    const found = debts.filter((d) => d.kind === kind && d.status === 'due')[skip]
    assert.ok(found, `a ${kind} due`)
    return found
  }

  it('answers each register with the citizen’s own items only, payable ones', async () => {
    for (const [registry, kind] of [
      ['police-fines', 'traffic-fine'],
      ['municipality', 'parking-fine'],
      ['courts', 'court-fine'],
      ['enforcement', 'enforcement-debt'],
      ['tax', 'sole-proprietor-tax'],
      ['tax', 'property-tax'],
    ] as const) {
      const debt = due(kind)
      const records = await query({ registry, kind, citizenId: debt.citizen_id, purpose })
      assert.ok(records.length >= 1)
      const expected = debts.filter((d) => d.citizen_id === debt.citizen_id && d.kind === kind).map((d) => d.id)
      assert.deepEqual(records.map((r) => r.id).sort(), expected.sort())
      const record = records.find((r) => r.id === debt.id)
      assert.ok(record)
      assert.deepEqual(
        [record.data.id, record.data.amount, record.data.currency, record.data.status],
        [debt.id, debt.amount, 'UAH', 'due'],
      )
      assert.equal(typeof record.data.description, 'string')
      assert.ok(hasRegistryOperation(registry, 'record-payment'))
    }
    const fine = due('traffic-fine')
    const data = (
      await query({ registry: 'police-fines', kind: 'traffic-fine', citizenId: fine.citizen_id, purpose })
    )[0]?.data
    assert.match(String(data?.plate), /^[A-Z]{2}\d{4}[A-Z]{2}$/)
    assert.match(String(data?.article), /КУпАП/)
  })

  it('closes an item once: a second payment is ERR_ALREADY_PAID, the same payment told again changes nothing', async () => {
    const fine = due('traffic-fine')
    const pay = (payment: string, amount = fine.amount, citizenId = fine.citizen_id) =>
      write({
        registry: 'police-fines',
        operation: 'record-payment',
        citizenId,
        values: { item: fine.id, payment, amount },
      })
    await assert.rejects(pay('p-0', fine.amount + 1), (e) => isPolisError(e, 'ERR_AMOUNT_CHANGED'))
    await pay('p-1')
    await pay('p-1')
    await assert.rejects(pay('p-2'), (e) => isPolisError(e, 'ERR_ALREADY_PAID'))
    const row = await store.db.selectFrom('debts').selectAll().where('id', '=', fine.id).executeTakeFirstOrThrow()
    assert.deepEqual([row.status, row.payment_id, row.paid_at], ['paid', 'p-1', now.toISOString()])
    const [record] = (await query({ registry: 'police-fines', citizenId: fine.citizen_id, purpose })).filter(
      (r) => r.id === fine.id,
    )
    assert.equal(record?.data.status, 'paid')
  })

  it('never closes another citizen’s item, nor one of another register', async () => {
    const fine = due('traffic-fine', 1)
    const other = debts.find((d) => d.citizen_id !== fine.citizen_id) as (typeof debts)[number]
    await assert.rejects(
      write({
        registry: 'police-fines',
        operation: 'record-payment',
        citizenId: other.citizen_id,
        values: { item: fine.id, payment: 'p-3', amount: fine.amount },
      }),
      (e) => isPolisError(e, 'ERR_NOT_FOUND'),
    )
    await assert.rejects(
      write({
        registry: 'courts',
        operation: 'record-payment',
        citizenId: fine.citizen_id,
        values: { item: fine.id, payment: 'p-4', amount: fine.amount },
      }),
      (e) => isPolisError(e, 'ERR_NOT_FOUND'),
    )
    await assert.rejects(
      write({ registry: 'courts', operation: 'record-payment', citizenId: fine.citizen_id, values: { item: fine.id } }),
      (e) => isPolisError(e, 'ERR_BAD_REQUEST'),
    )
    const row = await store.db.selectFrom('debts').select('status').where('id', '=', fine.id).executeTakeFirstOrThrow()
    assert.equal(row.status, 'due')
  })

  it('lets exactly one of several payments racing for one item close it', async () => {
    const debt = due('enforcement-debt')
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((n) =>
        write({
          registry: 'enforcement',
          operation: 'record-payment',
          citizenId: debt.citizen_id,
          values: { item: debt.id, payment: `race-${n}`, amount: debt.amount },
        }),
      ),
    )
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
    for (const r of results) if (r.status === 'rejected') assert.ok(isPolisError(r.reason, 'ERR_ALREADY_PAID'))
  })
})
