import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openStore, type Store } from './open-store.ts'

/**
 * A fresh, migrated store for one test: in-memory SQLite, or its own schema on the
 * PostgreSQL server named by POLIS_TEST_DATABASE_URL.
 *
 * The schema is left in place on close. Kysely's migrator reads the catalogue of every
 * schema, and a schema dropped by another test at that moment fails the read ("column
 * … does not exist"); `scripts/test.ts` runs on a throwaway cluster, and
 * `dropTestSchemas` clears a shared server before a run.
 */
export async function openTestStore(): Promise<Store> {
  const [store] = await openTestStores(1)
  return store as Store
}

/**
 * Several stores on one fresh PostgreSQL schema, each with its own pool, as several server
 * processes open one database (the two-instance test topology); the first migrates it.
 * On SQLite only one is possible: the embedded database is one process's.
 */
export async function openTestStores(count: number): Promise<Store[]> {
  const url = process.env.POLIS_TEST_DATABASE_URL
  if (!url) {
    if (count !== 1) throw new Error('several stores on one database need PostgreSQL (POLIS_TEST_DATABASE_URL)')
    return [await openStore({ dataDir: ':memory:' })]
  }
  const schema = `test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const stores: Store[] = []
  // One after another: the second finds the schema migrated by the first.
  for (let opened = 0; opened < count; opened++) {
    stores.push(await openStore({ databaseUrl: url, postgresOptions: `-c search_path=${schema}` }))
  }
  return stores
}

/** Drops the schemas earlier test runs left on a PostgreSQL server; run before tests, never during. */
export async function dropTestSchemas(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    const { rows } = await admin.query<{ name: string }>(
      `select nspname as name from pg_namespace where nspname ~ '^test_[0-9a-f]{12}$'`,
    )
    for (const { name } of rows) await admin.query(`drop schema ${name} cascade`)
    return rows.length
  } finally {
    await admin.end()
  }
}

/** The engine the test suite runs on this time. */
export const testEngine = process.env.POLIS_TEST_DATABASE_URL ? 'postgres' : 'sqlite'
