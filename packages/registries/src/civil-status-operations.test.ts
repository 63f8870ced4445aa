import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isPolisError, type QueryRegistry } from '@polis/kernel'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { createLocalRegistryClient } from './create-local-registry-client.ts'
import { createLocalRegistryChecker } from './more-registry-operations.ts'
import { createLocalRegistryWriter } from './registry-operations.ts'
import { seedRegistries } from './seed-registries.ts'

const now = new Date('2026-06-01T10:00:00Z')
const purpose = 'test:civil-status'

let store: Store
let query: QueryRegistry
let write: ReturnType<typeof createLocalRegistryWriter>
let check: ReturnType<typeof createLocalRegistryChecker>
before(async () => {
  store = await openTestStore()
  await seedRegistries({ store, citizens: 300, seed: 'civil-status', replace: false })
  query = createLocalRegistryClient({ store })
  write = createLocalRegistryWriter({ store, now: () => now })
  check = createLocalRegistryChecker({ store, now: () => now })
})
after(() => store?.close())

const personColumns = ['id', 'sex', 'tax_number', 'birth_date', 'family_name', 'given_name', 'patronymic'] as const
type Person = {
  id: string
  sex: number
  tax_number: string
  birth_date: string
  family_name: string
  given_name: string
  patronymic: string | null
}

/** Taken by an earlier test: each test works with people of its own. */
const used = new Set<string>()

/** Adults with a tax number, married (couples, wife first) or not, and minors: none used before. */
async function people() {
  const persons = (await store.db
    .selectFrom('persons')
    .select(personColumns)
    .where('tax_number', 'is not', null)
    .orderBy('seq')
    .execute()) as Person[]
  const marriages = await store.db
    .selectFrom('marriages')
    .selectAll()
    .where('dissolved_on', 'is', null)
    .orderBy('id')
    .execute()
  const married = new Set(marriages.flatMap((m) => [m.spouse1_id, m.spouse2_id]))
  const byId = new Map(persons.map((p) => [p.id, p]))
  const adult = (p: Person) => p.birth_date <= '2004-01-01' && p.birth_date >= '1950-01-01' && !used.has(p.id)
  const couples = marriages
    .map((m) => [byId.get(m.spouse1_id), byId.get(m.spouse2_id)])
    .filter((pair): pair is [Person, Person] => Boolean(pair[0] && pair[1] && adult(pair[0]) && adult(pair[1])))
    .map(([a, b]) => (a.sex === 2 ? [a, b] : [b, a]) as [Person, Person])
  const singles = persons.filter((p) => adult(p) && !married.has(p.id))
  const minors = persons.filter((p) => p.birth_date > '2008-06-01' && p.birth_date < '2026-01-01')
  const take = <T extends Person>(p: T | undefined): T => {
    assert.ok(p, 'a seeded person to test with')
    used.add(p.id)
    return p
  }
  return {
    couple: () => {
      const pair = couples.find(([a, b]) => !used.has(a.id) && !used.has(b.id))
      assert.ok(pair, 'a married couple')
      return [take(pair[0]), take(pair[1])] as const
    },
    woman: () => take(singles.find((p) => p.sex === 2 && !used.has(p.id))),
    man: () => take(singles.find((p) => p.sex === 1 && !used.has(p.id))),
    minor: () => take(minors.find((p) => !used.has(p.id))),
  }
}

const run = (operation: string, citizenId: string, values: Record<string, unknown>) =>
  write({ registry: 'civil-status', operation, citizenId, values })
const checked = (operation: string, citizenId: string, values: Record<string, unknown>) =>
  check({ registry: 'civil-status', operation, citizenId, values })
const refused = async (run: Promise<unknown>, code: string) =>
  assert.rejects(run, (error) => isPolisError(error, code as never))
const count = async (table: 'marriages' | 'divorces' | 'name_changes') =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n,
  )
const personOf = (id: string) =>
  store.db
    .selectFrom('persons')
    .select([...personColumns, 'family_name_latin', 'given_name_latin'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

describe(`marriage, divorce and change of name in the civil-status register on ${testEngine}`, () => {
  it('registers a marriage naming both spouses, and gives the applicant the partner’s family name', async () => {
    const pick = await people()
    const woman = pick.woman()
    const man = pick.man()
    const values = {
      partner_tax_number: man.tax_number,
      partner_birth_date: man.birth_date,
      surname_choice: 'partner',
      new_family_name: '',
    }
    await checked('register-marriage', woman.id, values)
    await run('register-marriage', woman.id, values)
    for (const [self, other] of [
      [woman, man],
      [man, woman],
    ] as const) {
      const acts = await query({ registry: 'civil-status', kind: 'marriage', citizenId: self.id, purpose })
      const act = acts.find((r) => r.data.status === 'registered')
      assert.ok(act, 'each spouse reads the act among their records')
      const data = act.data as {
        marriage_date: string
        act_number: string
        spouse: { citizen_id: string; family_name_after: string }
        self: { family_name_before: string; family_name_after: string }
      }
      assert.equal(data.marriage_date, '2026-06-01')
      assert.equal(data.spouse.citizen_id, other.id)
      assert.equal(data.spouse.family_name_after, man.family_name)
      assert.equal(data.self.family_name_after, man.family_name)
      assert.match(data.act_number, /^9\d{5}$/)
    }
    const renamed = await personOf(woman.id)
    assert.equal(renamed.family_name, man.family_name)
    assert.equal(renamed.family_name_latin, (await personOf(man.id)).family_name_latin)
    // Married now, both of them: a second marriage is refused.
    const again = { ...values, partner_tax_number: pick.man().tax_number, partner_birth_date: null }
    await refused(checked('register-marriage', woman.id, again), 'ERR_ALREADY_MARRIED')
  })

  it('writes a double-barrelled name in the register’s spelling, and keeps a name unchanged', async () => {
    const pick = await people()
    const woman = pick.woman()
    const man = pick.man()
    const double = `${man.family_name.toLocaleLowerCase('uk')}-${woman.family_name}`
    await run('register-marriage', man.id, {
      partner_tax_number: woman.tax_number,
      surname_choice: 'double',
      new_family_name: double,
    })
    assert.equal((await personOf(man.id)).family_name, `${man.family_name}-${woman.family_name}`)
    assert.equal((await personOf(woman.id)).family_name, woman.family_name, 'the partner keeps theirs')
  })

  it('refuses a marriage no civil registry would register, with a stable code and nothing written', async () => {
    const pick = await people()
    const woman = pick.woman()
    const man = pick.man()
    const [wife, husband] = pick.couple()
    const minor = pick.minor()
    const base = { partner_tax_number: man.tax_number, surname_choice: 'keep' }
    const before = await count('marriages')
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [woman.id, { ...base, partner_tax_number: '0000000000' }, 'ERR_UNKNOWN_TAXPAYER'],
      [woman.id, { ...base, partner_tax_number: woman.tax_number }, 'ERR_PARTNER_IS_APPLICANT'],
      [woman.id, { ...base, partner_birth_date: '1900-01-01' }, 'ERR_PARTNER_MISMATCH'],
      [woman.id, { ...base, partner_tax_number: minor.tax_number }, 'ERR_PARTNER_UNDER_AGE'],
      [woman.id, { ...base, partner_tax_number: husband.tax_number }, 'ERR_ALREADY_MARRIED'],
      [wife.id, base, 'ERR_ALREADY_MARRIED'],
      [woman.id, { ...base, surname_choice: 'partner', new_family_name: 'Інше' }, 'ERR_SURNAME_CHOICE_INVALID'],
      [woman.id, { ...base, surname_choice: 'double', new_family_name: 'Інше-Прізвище' }, 'ERR_SURNAME_CHOICE_INVALID'],
      [woman.id, { ...base, surname_choice: 'double' }, 'ERR_SURNAME_CHOICE_INVALID'],
      [woman.id, { ...base, surname_choice: 'partner', new_family_name: 'Smith' }, 'ERR_BAD_REQUEST'],
      [woman.id, { ...base, partner_tax_number: '12345' }, 'ERR_BAD_REQUEST'],
      [woman.id, { ...base, surname_choice: 'other' }, 'ERR_BAD_REQUEST'],
    ]
    for (const [citizenId, values, code] of cases) {
      await refused(checked('register-marriage', citizenId, values), code)
      await refused(run('register-marriage', citizenId, values), code)
    }
    assert.equal(await count('marriages'), before)
  })

  it('dissolves a marriage by agreement, and gives back the name before it', async () => {
    const pick = await people()
    const [wife, husband] = pick.couple()
    const act = (await query({ registry: 'civil-status', kind: 'marriage', citizenId: wife.id, purpose })).find(
      (r) => r.data.status === 'registered',
    )
    assert.ok(act, 'the wife’s marriage act')
    const before = (act.data.self as { family_name_before: string }).family_name_before
    const values = { spouse_tax_number: husband.tax_number, surname_after: 'premarital', premarital_name: '' }
    await checked('register-divorce', wife.id, values)
    await run('register-divorce', wife.id, values)
    for (const [self, other, after] of [
      [wife, husband, before],
      [husband, wife, husband.family_name],
    ] as const) {
      const marriages = await query({ registry: 'civil-status', kind: 'marriage', citizenId: self.id, purpose })
      assert.ok(marriages.every((r) => r.data.status === 'dissolved'))
      const divorces = await query({ registry: 'civil-status', kind: 'divorce', citizenId: self.id, purpose })
      const divorce = divorces.find((r) => r.data.divorce_date === '2026-06-01')
      assert.ok(divorce, 'each former spouse reads the divorce act')
      assert.equal(divorce.data.family_name_after, after)
      assert.equal((divorce.data.former_spouse as { citizen_id: string }).citizen_id, other.id)
    }
    assert.equal((await personOf(wife.id)).family_name, before)
    // Divorced now: there is no marriage left to dissolve.
    await refused(checked('register-divorce', wife.id, values), 'ERR_NOT_MARRIED')
  })

  it('refuses a divorce the register does not back, with a stable code and nothing written', async () => {
    const pick = await people()
    const [wife, husband] = pick.couple()
    const woman = pick.woman()
    const base = { spouse_tax_number: husband.tax_number, surname_after: 'keep' }
    const before = await count('divorces')
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [woman.id, { ...base }, 'ERR_NOT_MARRIED'],
      [wife.id, { ...base, spouse_tax_number: woman.tax_number }, 'ERR_NOT_SPOUSE'],
      [wife.id, { ...base, spouse_tax_number: '0000000000' }, 'ERR_UNKNOWN_TAXPAYER'],
      [wife.id, { ...base, surname_after: 'premarital', premarital_name: 'Інше' }, 'ERR_SURNAME_CHOICE_INVALID'],
      [wife.id, { ...base, surname_after: 'other' }, 'ERR_BAD_REQUEST'],
    ]
    for (const [citizenId, values, code] of cases) {
      await refused(checked('register-divorce', citizenId, values), code)
      await refused(run('register-divorce', citizenId, values), code)
    }
    assert.equal(await count('divorces'), before)
    const still = await query({ registry: 'civil-status', kind: 'marriage', citizenId: wife.id, purpose })
    assert.ok(still.some((r) => r.data.status === 'registered'))
  })

  it('registers a change of name and renames the person in the population register', async () => {
    const pick = await people()
    const man = pick.man()
    const values = { new_family_name: 'Левченко', new_given_name: 'Олександр', new_patronymic: 'Петрович' }
    await checked('change-name', man.id, values)
    await run('change-name', man.id, values)
    const renamed = await personOf(man.id)
    assert.equal(renamed.family_name, 'Левченко')
    assert.equal(renamed.given_name, 'Олександр')
    assert.equal(renamed.patronymic, 'Петрович')
    assert.equal(renamed.family_name_latin, 'Levchenko')
    assert.equal(renamed.given_name_latin, 'Oleksandr')
    const acts = await query({ registry: 'civil-status', kind: 'name-change', citizenId: man.id, purpose })
    const act = acts.find((r) => r.data.change_date === '2026-06-01')
    assert.ok(act)
    assert.deepEqual(act.data.current, { family_name: 'Левченко', given_name: 'Олександр', patronymic: 'Петрович' })
    assert.equal((act.data.previous as { family_name: string }).family_name, man.family_name)
    // The person's own record and every document read from it carry the new name.
    const [person] = await query({ registry: 'population', kind: 'person', citizenId: man.id, purpose })
    assert.equal(person?.data.family_name, 'Левченко')
    await refused(checked('change-name', man.id, { ...values, new_family_name: 'левченко' }), 'ERR_NAME_UNCHANGED')
  })

  it('refuses a change of name while a conviction is unspent, or to the same name', async () => {
    const pick = await people()
    const man = pick.man()
    const convicted = await store.db
      .selectFrom('police_records')
      .select('citizen_id')
      .where('expunged_on', 'is', null)
      .executeTakeFirst()
    assert.ok(convicted, 'a seeded conviction not expunged')
    const values = { new_family_name: 'Левченко', new_given_name: 'Олександр', new_patronymic: '' }
    const same = await personOf(man.id)
    const before = await count('name_changes')
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [convicted.citizen_id, values, 'ERR_UNSPENT_CONVICTION'],
      [
        man.id,
        { new_family_name: same.family_name, new_given_name: same.given_name, new_patronymic: same.patronymic },
        'ERR_NAME_UNCHANGED',
      ],
      [man.id, { ...values, new_given_name: 'Alex' }, 'ERR_BAD_REQUEST'],
      [man.id, { ...values, new_family_name: '' }, 'ERR_BAD_REQUEST'],
    ]
    for (const [citizenId, answers, code] of cases) {
      await refused(checked('change-name', citizenId, answers), code)
      await refused(run('change-name', citizenId, answers), code)
    }
    assert.equal(await count('name_changes'), before)
  })
})
