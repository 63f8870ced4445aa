import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isPolisError, type QueryRegistry } from '@polis/kernel'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { createLocalRegistryClient } from './create-local-registry-client.ts'
import { createLocalRegistryChecker } from './more-registry-operations.ts'
import { createLocalRegistryWriter } from './registry-operations.ts'
import { seedRegistries } from './seed-registries.ts'
import { isValidTaxNumber } from './tax-number.ts'
import { isValidUnzr } from './unzr.ts'

const now = new Date('2026-06-01T10:00:00Z')
const purpose = 'test:births'
const baby = {
  child_given_name: 'Марія',
  child_patronymic: '',
  child_family_name: 'Коваль',
  child_sex: '2',
  child_birth_date: '2026-05-20',
}

let store: Store
let query: QueryRegistry
let write: ReturnType<typeof createLocalRegistryWriter>
let check: ReturnType<typeof createLocalRegistryChecker>
before(async () => {
  store = await openTestStore()
  await seedRegistries({ store, citizens: 300, seed: 'births' })
  query = createLocalRegistryClient({ store })
  write = createLocalRegistryWriter({ store, now: () => now })
  check = createLocalRegistryChecker({ store, now: () => now })
})
after(() => store?.close())

/** A married couple of adults (wife, husband), and an unmarried woman and man. */
async function people() {
  const persons = await store.db
    .selectFrom('persons')
    .select(['id', 'sex', 'tax_number', 'birth_date', 'address'])
    .where('birth_date', '<=', '2004-01-01')
    .where('birth_date', '>=', '1976-01-01')
    .where('tax_number', 'is not', null)
    .orderBy('seq')
    .execute()
  const marriages = await store.db
    .selectFrom('marriages')
    .selectAll()
    .where('dissolved_on', 'is', null)
    .orderBy('id')
    .execute()
  const married = new Set(marriages.flatMap((m) => [m.spouse1_id, m.spouse2_id]))
  const byId = new Map(persons.map((p) => [p.id, p]))
  const couple = marriages
    .map((m) => [byId.get(m.spouse1_id), byId.get(m.spouse2_id)])
    .find(([a, b]) => a && b && a.sex !== b.sex) as [(typeof persons)[number], (typeof persons)[number]]
  assert.ok(couple, 'a married couple')
  const [wife, husband] = couple[0].sex === 2 ? couple : [couple[1], couple[0]]
  const single = (sex: number) => persons.find((p) => p.sex === sex && !married.has(p.id)) as (typeof persons)[number]
  return { wife, husband, woman: single(2), man: single(1) }
}

const register = (citizenId: string, values: Record<string, unknown>) =>
  write({ registry: 'civil-status', operation: 'register-birth', citizenId, values })
const refused = async (run: Promise<unknown>, code: string) =>
  assert.rejects(run, (error) => isPolisError(error, code as never))

describe(`registering a newborn in the civil-status register on ${testEngine}`, () => {
  it('writes the birth act naming both parents, and the baby into the population and tax registers', async () => {
    const { woman, man } = await people()
    await register(woman.id, { ...baby, father: man.tax_number })
    // The father may have older children: the act is this baby's.
    const act = (await query({ registry: 'civil-status', kind: 'birth', citizenId: man.id, purpose })).find(
      (r) =>
        r.data.role === 'father' &&
        (r.data.child as { given_name: string; birth_date: string }).given_name === 'Марія' &&
        (r.data.child as { birth_date: string }).birth_date === '2026-05-20',
    )
    assert.ok(act, 'the father reads the act among his records')
    const data = act.data as {
      child: { citizen_id: string; given_name: string; birth_date: string }
      mother: { citizen_id: string }
      document_number: string
      registration_date: string
    }
    assert.equal(data.child.given_name, 'Марія')
    assert.equal(data.mother.citizen_id, woman.id)
    assert.equal(data.registration_date, '2026-06-01')
    assert.match(data.document_number, /^І-[А-ЯІЇЄҐ]{2} \d{6}$/)
    const mothers = await query({ registry: 'civil-status', kind: 'birth', citizenId: woman.id, purpose })
    assert.ok(mothers.some((r) => r.data.role === 'mother' && r.id === act.id))

    const child = await store.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', data.child.citizen_id)
      .executeTakeFirst()
    assert.ok(child)
    assert.equal(child.nationality, 'UA')
    assert.equal(child.address, woman.address, 'registered at the mother’s address')
    assert.ok(child.unzr && isValidUnzr(child.unzr) && child.unzr.startsWith('20260520-'))
    assert.ok(child.tax_number && isValidTaxNumber(child.tax_number))
    const taxpayer = await store.db
      .selectFrom('taxpayers')
      .selectAll()
      .where('id', '=', child.tax_number)
      .executeTakeFirst()
    assert.equal(taxpayer?.citizen_id, child.id)
    assert.match(child.id, /^[0-9a-hjkmnp-tv-z]{8}$/)

    // The same child again (a second application): refused, nothing written twice.
    await refused(register(woman.id, { ...baby, father: man.tax_number }), 'ERR_BIRTH_ALREADY_REGISTERED')
  })

  it('names a married mother’s husband as the father when she names no one', async () => {
    const { wife, husband } = await people()
    await register(wife.id, { ...baby, child_given_name: 'Тарас', child_sex: '1' })
    const acts = await query({ registry: 'civil-status', kind: 'birth', citizenId: husband.id, purpose })
    assert.ok(
      acts.some((r) => r.data.role === 'father' && (r.data.child as { given_name: string }).given_name === 'Тарас'),
    )
  })

  it('refuses what no civil registry would write, with a stable code and nothing written', async () => {
    const { woman, man, wife } = await people()
    const before = await store.db
      .selectFrom('births')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [man.id, { ...baby }, 'ERR_PARENT_ROLE'],
      [woman.id, { ...baby, father: wife.tax_number }, 'ERR_PARENT_ROLE'],
      [woman.id, { ...baby, father: '0000000000' }, 'ERR_UNKNOWN_TAXPAYER'],
      [woman.id, { ...baby, child_birth_date: '2026-06-02' }, 'ERR_BIRTH_DATE_INVALID'],
      [woman.id, { ...baby, child_birth_date: '2025-05-01' }, 'ERR_BIRTH_DATE_INVALID'],
      [woman.id, { ...baby, child_birth_date: '2026-02-30' }, 'ERR_BAD_REQUEST'],
      [woman.id, { ...baby, child_given_name: 'Maria' }, 'ERR_BAD_REQUEST'],
      [woman.id, { ...baby, child_sex: '3' }, 'ERR_BAD_REQUEST'],
      [woman.id, { ...baby, father: '12345' }, 'ERR_BAD_REQUEST'],
    ]
    for (const [citizenId, values, code] of cases) {
      await refused(check({ registry: 'civil-status', operation: 'register-birth', citizenId, values }), code)
      await refused(register(citizenId, values), code)
    }
    const afterwards = await store.db
      .selectFrom('births')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    assert.equal(Number(afterwards?.n), Number(before?.n))
  })
})
