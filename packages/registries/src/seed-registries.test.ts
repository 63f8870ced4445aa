import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { openTestStore, testEngine } from '@polis/store'
import { generatePopulation } from './generate-population.ts'
import { documentSources } from './list-citizens.ts'
import { registryTableNames } from './registry-tables.ts'
import { isSeeded, seedMetaKey, seedRegistries } from './seed-registries.ts'

describe(`seedRegistries on ${testEngine}`, () => {
  it('writes every generated row, reports progress and records the seed', async () => {
    const store = await openTestStore()
    try {
      const progress: [number, number][] = []
      const result = await seedRegistries({
        store,
        citizens: 300,
        seed: 'seed-test',
        batchSize: 100,
        onProgress: (done, total) => progress.push([done, total]),
      })
      assert.equal(result.citizens, 300)
      assert.equal(progress.at(-1)?.[0], 300)
      assert.ok(progress.length >= 3 && progress.every(([, total]) => total === 300))
      let expected = 0
      for (const batch of generatePopulation({ seed: 'seed-test', citizens: 300 })) {
        for (const table of registryTableNames) expected += batch.rows[table].length
      }
      let stored = 0
      for (const table of registryTableNames) {
        const { count } = await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow()
        stored += Number(count)
      }
      assert.equal(result.rows, expected)
      assert.equal(stored, expected)
      const meta = await store.db
        .selectFrom('meta')
        .select('value')
        .where('key', '=', seedMetaKey)
        .executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(meta.value), { seed: 'seed-test', citizens: 300, asOf: '2026-06-01' })
    } finally {
      await store.close()
    }
  })

  it('refuses to seed a seeded database unless asked to replace it', async () => {
    const store = await openTestStore()
    try {
      assert.equal(await isSeeded(store), false)
      await seedRegistries({ store, citizens: 50, seed: 1 })
      assert.equal(await isSeeded(store), true)
      await assert.rejects(seedRegistries({ store, citizens: 50, seed: 2 }), (e) =>
        isPolisError(e, 'ERR_ALREADY_SEEDED'),
      )
      const before = await store.db.selectFrom('persons').select('id').orderBy('seq').execute()
      await seedRegistries({ store, citizens: 70, seed: 2, replace: true })
      const after = await store.db.selectFrom('persons').select('id').orderBy('seq').execute()
      assert.equal(after.length, 70)
      assert.notDeepEqual(after.slice(0, 50), before)
    } finally {
      await store.close()
    }
  })

  it('leaves every index of the registers in place, also when a load fails half-way', async () => {
    const store = await openTestStore()
    try {
      const indexes = () =>
        store.sqlite
          ?.prepare("select name from sqlite_master where type = 'index' and sql is not null order by name")
          .all()
          .map((row) => String(row.name))
      const before = indexes()
      await assert.rejects(
        seedRegistries({
          store,
          citizens: 500,
          seed: 'interrupted',
          batchSize: 100,
          onProgress: (done) => {
            if (done > 150) throw new Error('power cut')
          },
        }),
        /power cut/,
      )
      assert.deepEqual(indexes(), before)
      if (store.sqlite) assert.ok((before?.length ?? 0) > 20, 'the citizen columns are indexed')
      await seedRegistries({ store, citizens: 120, seed: 'again', replace: true })
      assert.deepEqual(indexes(), before)
    } finally {
      await store.close()
    }
  })

  it('keeps the registers consistent in the database: parents older, owners adult, every citizen column joined', async () => {
    const store = await openTestStore()
    try {
      await seedRegistries({ store, citizens: 300, seed: 'sql' })
      const { db } = store
      const people = new Set((await db.selectFrom('persons').select('id').execute()).map((p) => p.id))
      for (const [, table, column] of documentSources) {
        const rows = await db.selectFrom(table).select(`${column} as citizen`).execute()
        for (const row of rows) if (row.citizen !== null) assert.ok(people.has(row.citizen), `${table}.${column}`)
      }
      const parents = await db
        .selectFrom('births')
        .innerJoin('persons as child', 'child.id', 'births.child_id')
        .innerJoin('persons as mother', 'mother.id', 'births.mother_id')
        .select(['child.birth_date as child_born', 'mother.birth_date as mother_born'])
        .execute()
      assert.ok(parents.length > 20)
      for (const row of parents) assert.ok(row.mother_born < row.child_born)
      const owners = await db
        .selectFrom('vehicles')
        .innerJoin('persons', 'persons.id', 'vehicles.owner_id')
        .select('persons.birth_date')
        .execute()
      assert.ok(owners.length > 0)
      for (const owner of owners) assert.ok(owner.birth_date <= '2008-06-01')
    } finally {
      await store.close()
    }
  })
})
