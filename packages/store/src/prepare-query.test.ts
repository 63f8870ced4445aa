import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from './open-store.ts'
import { openTestStore, testEngine } from './open-test-store.ts'
import { combineStatements, prepareQuery, rowsInserter, statementName } from './prepare-query.ts'

// node:sqlite answers rows without a prototype; compare their contents.
const plain = (rows: object[]) => rows.map((row) => ({ ...row }))

let store: Store
before(async () => {
  store = await openTestStore()
})
after(() => store?.close())

describe(`queries prepared once on ${testEngine}`, () => {
  it('fill their slots by name at each call, beside the constants written in them', async () => {
    const { db } = store
    const insert = prepareQuery(db, (slot) =>
      db
        .insertInto('meta')
        .values({ key: slot('key'), value: slot('value') })
        .onConflict((c) => c.column('key').doNothing()),
    )
    const read = prepareQuery(db, (slot) =>
      db
        .selectFrom('meta')
        .select(['key', 'value'])
        .where('key', 'in', [slot('first'), 'constant'])
        .orderBy('key'),
    )
    assert.equal(await insert.run({ key: 'prepared.a', value: 'one' }), 1)
    assert.equal(await insert.run({ key: 'constant', value: 'two' }), 1)
    assert.equal(await insert.run({ key: 'prepared.a', value: 'again' }), 0, 'the row was there')
    assert.deepEqual(plain(await read.execute({ first: 'prepared.a' })), [
      { key: 'constant', value: 'two' },
      { key: 'prepared.a', value: 'one' },
    ])
    assert.deepEqual(plain(await read.execute({ first: 'prepared.none' })), [{ key: 'constant', value: 'two' }])
  })

  it('are named for PostgreSQL to keep prepared, as are other statements once they recur', () => {
    const { db } = store
    const query = prepareQuery(db, (slot) => db.selectFrom('meta').select('value').where('key', '=', slot('key')))
    assert.ok(query)
    const prepared = db.selectFrom('meta').select('value').where('key', '=', 'x').compile().sql
    assert.match(statementName(prepared) ?? '', /^polis_[0-9a-f]{16}$/, 'a prepared query is named at once')
    const other = 'select 1 where 1 = $1 -- a statement of this test'
    assert.equal(statementName(other), undefined)
    assert.equal(statementName(other), undefined)
    const name = statementName(other)
    assert.match(name ?? '', /^polis_[0-9a-f]{16}$/, 'named the third time')
    assert.equal(statementName(other), name, 'and keeps its name')
    assert.notEqual(name, statementName(prepared))
  })

  it('combine statements into one, each part’s parameters numbered on after those before it', () => {
    const { db } = store
    const parts = {
      a: db.selectFrom('meta').select('value').where('key', '=', 'one').compile(),
      b: db.selectFrom('meta').select('value').where('key', 'in', ['two', 'three']).compile(),
    }
    const combined = combineStatements(parts, 'select 1')
    assert.deepEqual(combined.parameters, ['one', 'two', 'three'])
    const numbers = [...combined.sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]))
    const placeholders = store.engine === 'postgres' ? [1, 2, 3] : []
    assert.deepEqual(numbers, placeholders)
    assert.match(combined.sql, /^with a as \(select .+\), b as \(select .+\) select 1$/)
    const literal = { ...parts.a, sql: `${parts.a.sql} and 'cost $1' = 'cost $1'` }
    assert.throws(() => combineStatements({ a: literal }, 'select 1'), RangeError)
  })

  it('insert rows of any count with their own values, a statement compiled once a count serving the next', async () => {
    const insert = rowsInserter(store.db, 'data_access_log')
    const row = (n: number) => ({
      id: `rows-inserter-${String(n).padStart(2, '0')}`,
      citizen_id: `citizen-${n}`,
      at: new Date(Date.UTC(2026, 10, 28, 12, 0, n)).toISOString(),
      registry: n % 2 === 0 ? 'population' : 'tax',
      kinds: JSON.stringify([`kind-${n}`]),
      records: n,
      purpose: `service:case-${n}`,
      reader: n % 3 === 0 ? null : `UA/GOV/0000${n}/benefits`,
    })
    for (const count of [[1], [2, 3, 4], [5, 6, 7], [8]]) await insert(count.map(row))
    await insert([])
    const read = await store.db
      .selectFrom('data_access_log')
      .select(['id', 'citizen_id', 'at', 'registry', 'kinds', 'records', 'purpose', 'reader'])
      .where('id', 'like', 'rows-inserter-%')
      .orderBy('id')
      .execute()
    assert.deepEqual(
      plain(read).map((r) => ({ ...r, records: Number((r as { records: unknown }).records) })),
      [1, 2, 3, 4, 5, 6, 7, 8].map(row),
    )
  })
})
