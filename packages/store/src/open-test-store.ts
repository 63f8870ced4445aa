import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { openStore, type Store } from './open-store.ts'

/**
 * A fresh, migrated store for one test: in-memory SQLite, or its own schema on the
 * PostgreSQL server named by POLIS_TEST_DATABASE_URL, dropped again on close.
 */
export async function openTestStore(): Promise<Store> {
  const url = process.env.POLIS_TEST_DATABASE_URL
  if (!url) return openStore({ dataDir: ':memory:' })
  const schema = `test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const store = await openStore({ databaseUrl: url, postgresOptions: `-c search_path=${schema}` })
  return {
    ...store,
    close: async () => {
      await sql.raw(`drop schema ${schema} cascade`).execute(store.db)
      await store.close()
    },
  }
}

/** The engine the test suite runs on this time. */
export const testEngine = process.env.POLIS_TEST_DATABASE_URL ? 'postgres' : 'sqlite'
