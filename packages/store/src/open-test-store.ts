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
  if (!process.env.POLIS_TEST_DATABASE_URL) return openStore({ dataDir: ':memory:' })
  return openStore(await createTestDatabase())
}

/** How to open a test's PostgreSQL schema: given to `openStore`, in any thread. */
export interface TestDatabase {
  databaseUrl: string
  postgresOptions: string
}

/**
 * A fresh, empty schema on the PostgreSQL server named by POLIS_TEST_DATABASE_URL, for
 * stores that share it (several instances on one database, as several processes run);
 * the first store opened migrates it. SQLite has none: its database is one process's.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.POLIS_TEST_DATABASE_URL
  if (!url) throw new Error('a database shared by several instances needs PostgreSQL (POLIS_TEST_DATABASE_URL)')
  const schema = `test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  return { databaseUrl: url, postgresOptions: `-c search_path=${schema}` }
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
