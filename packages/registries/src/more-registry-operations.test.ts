import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isPolisError, type QueryRegistry } from '@polis/kernel'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { createLocalRegistryClient } from './create-local-registry-client.ts'
import { generatePopulation } from './generate-population.ts'
import { createLocalRegistryChecker } from './more-registry-operations.ts'
import { createLocalRegistryWriter, hasRegistryOperation } from './registry-operations.ts'
import { seedRegistries } from './seed-registries.ts'

const purpose = 'test:operations'
const now = new Date('2026-06-01T10:00:00Z')
const address = {
  region: 'Київська область',
  locality_type: 'м.',
  locality: 'Бровари',
  street: 'вул. Київська',
  house_number: '12',
  apartment: '3',
  postal_code: '07400',
}

describe('the registers of migration 0019 in the generated country', () => {
  const [first] = generatePopulation({ seed: 'more-records', citizens: 1000, batchSize: 1000 })
  const rows = first?.rows
  const adults = (rows?.persons ?? []).filter((p) => p.birth_date <= '2008-06-01')

  it('gives a criminal record to few adults (most are clean), some of them expunged', () => {
    const records = rows?.police_records ?? []
    const convicted = new Set(records.map((r) => r.citizen_id))
    assert.ok(convicted.size > 0 && convicted.size < adults.length * 0.08, `${convicted.size} of ${adults.length}`)
    assert.ok(records.some((r) => r.expunged_on !== null) && records.some((r) => r.expunged_on === null))
  })

  it('gives most adults a home they own, working people their insured earnings, some the unemployment register', () => {
    const owners = new Set((rows?.properties ?? []).map((p) => p.owner_id))
    assert.ok(owners.size > adults.length * 0.3, `${owners.size} owners`)
    const earners = new Set((rows?.pension_earnings ?? []).map((e) => e.citizen_id))
    assert.ok(earners.size > adults.length * 0.4)
    const unemployed = rows?.unemployment_registrations ?? []
    assert.ok(unemployed.some((u) => u.ended_on === null))
    for (const u of unemployed) assert.ok(!earners.has(u.citizen_id), 'the unemployed earned nothing insured')
    assert.ok((rows?.prescriptions ?? []).length > 0)
  })

  it('is the same country on every run', () => {
    const [again] = generatePopulation({ seed: 'more-records', citizens: 1000, batchSize: 1000 })
    assert.deepEqual(again?.rows.police_records, rows?.police_records)
    assert.deepEqual(again?.rows.pension_earnings, rows?.pension_earnings)
  })
})

describe(`the registers' writes of the later e-services on ${testEngine}`, () => {
  let store: Store
  let query: QueryRegistry
  let write: ReturnType<typeof createLocalRegistryWriter>
  let check: ReturnType<typeof createLocalRegistryChecker>
  let adults: Array<{ id: string; tax_number: string | null }>

  before(async () => {
    store = await openTestStore()
    await seedRegistries({ store, citizens: 300, seed: 'operations' })
    query = createLocalRegistryClient({ store })
    write = createLocalRegistryWriter({ store, now: () => now })
    check = createLocalRegistryChecker({ store, now: () => now })
    adults = await store.db
      .selectFrom('persons')
      .select(['id', 'tax_number'])
      .where('birth_date', '<=', '2000-01-01')
      .where('tax_number', 'is not', null)
      .orderBy('seq')
      .execute()
  })
  after(() => store.close())

  const refused = (code: string) => (error: unknown) => isPolisError(error) && error.code === code

  it('offers each operation by name', () => {
    for (const [registry, operation] of [
      ['business', 'register-sole-proprietor'],
      ['business', 'terminate-sole-proprietor'],
      ['social', 'register-idp'],
      ['social', 'change-idp-address'],
      ['social', 'cancel-idp'],
      ['vehicles', 'register-vehicle'],
      ['vehicles', 'transfer-vehicle'],
      ['police', 'report-lost-document'],
      ['employment', 'register-unemployed'],
      ['employment', 'end-unemployment'],
      ['population', 'change-child-address'],
    ] as const) {
      assert.ok(hasRegistryOperation(registry, operation), `${registry} ${operation}`)
    }
  })

  it('registers a sole proprietor once, and closes the business once', async () => {
    const registered = new Set(
      (await store.db.selectFrom('sole_proprietors').select('citizen_id').execute()).map((r) => r.citizen_id),
    )
    const citizen = adults.find((a) => !registered.has(a.id))
    assert.ok(citizen)
    const update = (operation: string, values: Record<string, unknown>) => ({
      registry: 'business' as const,
      operation,
      citizenId: citizen.id,
      values,
    })
    await assert.rejects(
      write(update('register-sole-proprietor', { activity: '99.99', tax_group: '3' })),
      refused('ERR_BAD_REQUEST'),
    )
    await assert.rejects(check(update('terminate-sole-proprietor', {})), refused('ERR_NOT_REGISTERED'))
    assert.equal((await query({ registry: 'business', citizenId: citizen.id, purpose })).length, 0, 'nothing written')
    await check(update('register-sole-proprietor', { activity: '62.01', tax_group: '3' }))
    await write(update('register-sole-proprietor', { activity: '62.01', tax_group: '3' }))
    const [record] = await query({ registry: 'business', kind: 'sole-proprietor', citizenId: citizen.id, purpose })
    assert.deepEqual(
      [record?.data.status, record?.data.tax_group, record?.data.registration_date, record?.data.tax_number],
      ['зареєстровано', 3, '2026-06-01', citizen.tax_number],
    )
    assert.deepEqual(record?.data.primary_activity, { code: '62.01', name: "Комп'ютерне програмування" })
    await assert.rejects(
      write(update('register-sole-proprietor', { activity: '62.01', tax_group: '2' })),
      refused('ERR_ALREADY_REGISTERED'),
    )
    await write(update('terminate-sole-proprietor', {}))
    const [closed] = await query({ registry: 'business', kind: 'sole-proprietor', citizenId: citizen.id, purpose })
    assert.deepEqual([closed?.data.status, closed?.data.termination_date], ['припинено', '2026-06-01'])
    await assert.rejects(write(update('terminate-sole-proprietor', {})), refused('ERR_NOT_REGISTERED'))
  })

  it('registers a displaced person, moves them, and cancels the status with its record kept', async () => {
    const displaced = new Set(
      (await store.db.selectFrom('idp_statuses').select('citizen_id').execute()).map((r) => r.citizen_id),
    )
    const citizen = adults.find((a) => !displaced.has(a.id))
    assert.ok(citizen)
    const social = (operation: string, values: Record<string, unknown>) =>
      write({ registry: 'social', operation, citizenId: citizen.id, values })
    await assert.rejects(social('register-idp', { ...address, postal_code: '7400' }), refused('ERR_BAD_REQUEST'))
    await assert.rejects(social('change-idp-address', address), refused('ERR_NOT_REGISTERED'))
    await social('register-idp', address)
    const [status] = await query({ registry: 'social', kind: 'idp', citizenId: citizen.id, purpose })
    const person = await store.db
      .selectFrom('persons')
      .select('address')
      .where('id', '=', citizen.id)
      .executeTakeFirst()
    assert.deepEqual(status?.data.previous_address_details, {
      ...JSON.parse(String(person?.address)),
      formatted: status?.data.previous_address,
    })
    assert.match(String(status?.data.current_address), /Бровари, вул\. Київська, буд\. 12, кв\. 3/)
    await assert.rejects(social('register-idp', address), refused('ERR_ALREADY_REGISTERED'))
    await social('change-idp-address', { ...address, street: 'вул. Лісова', house_number: '7', apartment: '' })
    const [moved] = await query({ registry: 'social', kind: 'idp', citizenId: citizen.id, purpose })
    assert.match(String(moved?.data.current_address), /вул\. Лісова, буд\. 7$/)
    assert.equal(moved?.data.document_number, status?.data.document_number, 'the same certificate number')
    await social('cancel-idp', { reason: 'returned' })
    assert.deepEqual(await query({ registry: 'social', kind: 'idp', citizenId: citizen.id, purpose }), [])
    const cancelled = await store.db
      .selectFrom('idp_cancellations')
      .selectAll()
      .where('citizen_id', '=', citizen.id)
      .execute()
    assert.deepEqual(
      cancelled.map((c) => [c.certificate_number, c.cancelled_on, c.reason]),
      [[status?.data.document_number, '2026-06-01', 'returned']],
    )
    await assert.rejects(social('cancel-idp', { reason: 'returned' }), refused('ERR_NOT_REGISTERED'))
  })

  it('registers a new vehicle by a valid VIN once, and sells it only to a known buyer', async () => {
    const [seller, buyer] = adults
    assert.ok(seller && buyer)
    const vehicle = {
      vin: 'TMBJG7NE7TX412733',
      make: 'Škoda',
      model: 'Octavia',
      year: 2026,
      colour: 'сірий',
      fuel: 'бензин',
      engine_cc: 1498,
    }
    const vehicles = (operation: string, citizenId: string, values: Record<string, unknown>) =>
      write({ registry: 'vehicles', operation, citizenId, values })
    await assert.rejects(
      vehicles('register-vehicle', seller.id, { ...vehicle, vin: 'TMBJG7NE8TX412733' }),
      refused('ERR_VIN_INVALID'),
    )
    await assert.rejects(
      vehicles('register-vehicle', seller.id, { ...vehicle, year: 1900 }),
      refused('ERR_BAD_REQUEST'),
    )
    await vehicles('register-vehicle', seller.id, vehicle)
    await assert.rejects(vehicles('register-vehicle', buyer.id, vehicle), refused('ERR_ALREADY_REGISTERED'))
    const owned = await query({ registry: 'vehicles', kind: 'vehicle', citizenId: seller.id, purpose })
    const registered = owned.find((v) => v.data.vin === vehicle.vin)
    assert.match(String(registered?.data.registration_number), /^AA\d{4}[A-Z]{2}$/)
    const plate = String(registered?.data.registration_number)
    const sale = (citizenId: string, values: Record<string, unknown>) =>
      check({ registry: 'vehicles', operation: 'transfer-vehicle', citizenId, values })
    await assert.rejects(
      sale(seller.id, { vehicle: plate, buyer_tax_number: '0000000000' }),
      refused('ERR_UNKNOWN_TAXPAYER'),
    )
    await assert.rejects(
      sale(buyer.id, { vehicle: plate, buyer_tax_number: seller.tax_number }),
      refused('ERR_NOT_VEHICLE_OWNER'),
    )
    await assert.rejects(
      sale(seller.id, { vehicle: plate, buyer_tax_number: seller.tax_number }),
      refused('ERR_BAD_REQUEST'),
    )
    await vehicles('transfer-vehicle', seller.id, { vehicle: plate, buyer_tax_number: buyer.tax_number })
    const bought = await query({ registry: 'vehicles', kind: 'vehicle', citizenId: buyer.id, purpose })
    const moved = bought.find((v) => v.data.vin === vehicle.vin)
    assert.ok(moved)
    assert.notEqual(moved.data.document_number, registered?.data.document_number, 'a new certificate')
    assert.equal(moved.data.registration_date, '2026-06-01')
    const left = await query({ registry: 'vehicles', kind: 'vehicle', citizenId: seller.id, purpose })
    assert.ok(!left.some((v) => v.data.vin === vehicle.vin))
  })

  it('registers a child’s address only for the child’s parent', async () => {
    const births = (young: boolean) =>
      store.db
        .selectFrom('births')
        .innerJoin('persons', 'persons.id', 'births.child_id')
        .select(['births.child_id', 'births.mother_id', 'births.certificate_number'])
        .where('births.mother_id', 'is not', null)
        .where('persons.birth_date', young ? '>' : '<=', '2012-06-01')
        .orderBy('births.id')
        .executeTakeFirstOrThrow()
    const birth = await births(true)
    const grown = await births(false)
    await assert.rejects(
      check({
        registry: 'population',
        operation: 'change-child-address',
        citizenId: String(grown.mother_id),
        values: { child: grown.certificate_number, ...address },
      }),
      refused('ERR_CHILD_REGISTERS_OWN_ADDRESS'),
    )
    const mother = String(birth.mother_id)
    const stranger = adults.find((a) => a.id !== mother)
    assert.ok(stranger)
    const child = (citizenId: string) => ({
      registry: 'population' as const,
      operation: 'change-child-address',
      citizenId,
      values: { child: birth.certificate_number, ...address },
    })
    await assert.rejects(check(child(stranger.id)), refused('ERR_NOT_PARENT'))
    await assert.rejects(write(child(stranger.id)), refused('ERR_NOT_PARENT'))
    await assert.rejects(
      check({ ...child(mother), values: { child: birth.certificate_number } }),
      refused('ERR_BAD_REQUEST'),
    )
    await check(child(mother))
    await write(child(mother))
    const [residence] = await query({ registry: 'population', kind: 'person', citizenId: birth.child_id, purpose })
    assert.match(JSON.stringify(residence?.data.address), /вул\. Київська/)
  })

  it('records a lost document with its number, and ends an unemployment registration once', async () => {
    const [citizen] = adults
    assert.ok(citizen)
    const report = (values: Record<string, unknown>) =>
      write({ registry: 'police', operation: 'report-lost-document', citizenId: citizen.id, values })
    await assert.rejects(
      report({ document_type: 'id-card', lost_on: '2026-06-02', circumstances: 'lost' }),
      refused('ERR_BAD_REQUEST'),
    )
    await report({ document_type: 'id-card', lost_on: '2026-05-30', circumstances: 'stolen' })
    const [lost] = await query({ registry: 'police', kind: 'lost-document', citizenId: citizen.id, purpose })
    const person = await store.db
      .selectFrom('persons')
      .select('id_card_number')
      .where('id', '=', citizen.id)
      .executeTakeFirst()
    assert.deepEqual(
      [lost?.data.document_type, lost?.data.document_number, lost?.data.report_date],
      ['id-card', person?.id_card_number ?? null, '2026-06-01'],
    )
    const unemployment = (operation: string, values: Record<string, unknown> = {}) =>
      write({ registry: 'employment', operation, citizenId: citizen.id, values })
    await unemployment('register-unemployed')
    await assert.rejects(unemployment('register-unemployed'), refused('ERR_ALREADY_REGISTERED'))
    await unemployment('end-unemployment', { reason: 'employed' })
    const records = await query({ registry: 'employment', kind: 'unemployment', citizenId: citizen.id, purpose })
    assert.ok(records.every((r) => r.data.active === false))
    await assert.rejects(unemployment('end-unemployment', { reason: 'employed' }), refused('ERR_NOT_REGISTERED'))
  })
})
