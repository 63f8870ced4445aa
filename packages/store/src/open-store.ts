import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { PolisError } from '@polis/kernel'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration'
import pg from 'pg'
import type { Engine } from './engine.ts'
import { migrations } from './migrations/index.ts'
import { statementName } from './prepare-query.ts'
import type { Database } from './schema.ts'
import { openSqliteDatabase } from './sqlite-database.ts'

/** An open database, typed, with the engine it runs on. */
export interface Store {
  db: Kysely<Database>
  engine: Engine
  /** The raw embedded handle, for bulk loads that bypass the query builder. */
  sqlite: DatabaseSync | undefined
  /** PostgreSQL's connection pool now, for the operator's metrics; absent on SQLite. */
  poolStats?: () => { total: number; idle: number; waiting: number }
  close(): Promise<void>
}

export interface OpenStoreOptions {
  /** `postgres://...`; when absent the embedded SQLite file in `dataDir` is used. */
  databaseUrl?: string | undefined
  /** Directory of the embedded database (`polis.sqlite`); `:memory:` for a throwaway one. */
  dataDir?: string
  /** Extra PostgreSQL connection options, e.g. a search_path for isolated tests. */
  postgresOptions?: string
  /** Apply pending migrations (default true). */
  migrate?: boolean
  /** PostgreSQL connections at most (10): a small component (a security server's worker) takes fewer. */
  poolSize?: number
}

const marker = 'polis.schema'

/** Opens (and by default migrates) the database Polis keeps its state in. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.postgresOptions, options.poolSize)
    : openSqlite(options)
  try {
    await assertPolisDatabase(store)
    if (options.migrate !== false) await migrate(store)
  } catch (error) {
    await store.close().catch(() => {})
    throw error
  }
  return store
}

function openSqlite(options: OpenStoreOptions): Store {
  const dir = options.dataDir ?? './data'
  let path = ':memory:'
  if (dir !== ':memory:') {
    mkdirSync(dir, { recursive: true })
    path = join(dir, 'polis.sqlite')
  }
  const database = openSqliteDatabase(path)
  try {
    database.raw.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
    database.raw.exec('PRAGMA busy_timeout = 5000')
  } catch (cause) {
    database.close()
    throw new PolisError('ERR_DATABASE_CORRUPT', { detail: 'the SQLite file cannot be opened', cause })
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
  return { db, engine: 'sqlite', sqlite: database.raw, close: () => db.destroy() }
}

function openPostgres(url: string, extraOptions: string | undefined, poolSize = 10): Store {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, ...(extraOptions ? { options: extraOptions } : {}) })
  // A client that loses its server must not crash the process: an idle one's error goes to
  // the pool, and a checked-out one's, which its queries already receive, is emitted on the
  // client too, where nothing would listen (a PostgreSQL restart would end the server).
  pool.on('error', () => {})
  pool.on('connect', (client) => {
    client.on('error', () => {})
    nameStatements(client)
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    engine: 'postgres',
    sqlite: undefined,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  }
}

/**
 * Sends hot statements with parameters as named ones (see `statementName`). Kysely
 * calls `query` with the SQL and its values, which is where the name is added.
 */
function nameStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  Object.assign(client, {
    query: (...args: unknown[]) => {
      const [text, values] = args
      const name =
        typeof text === 'string' && args.length === 2 && Array.isArray(values) && values.length > 0
          ? statementName(text)
          : undefined
      return name ? query({ name, text, values }) : query(...args)
    },
  })
}

/** Refuses a database that holds tables but is not Polis's, and reports a damaged file clearly. */
async function assertPolisDatabase(store: Store): Promise<void> {
  let tables: string[]
  try {
    const result =
      store.engine === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db)
        : await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema()`.execute(store.db)
    tables = result.rows.map((row) => row.name)
  } catch (cause) {
    if (store.engine === 'sqlite') {
      throw new PolisError('ERR_DATABASE_CORRUPT', { detail: 'the SQLite file is not a database', cause })
    }
    throw new PolisError('ERR_DATABASE_UNAVAILABLE', { detail: 'PostgreSQL did not answer', cause })
  }
  if (tables.length === 0) return
  const isPolis =
    tables.includes('meta') &&
    (await store.db.selectFrom('meta').select('value').where('key', '=', marker).executeTakeFirst()) !== undefined
  if (!isPolis)
    throw new PolisError('ERR_DATABASE_CORRUPT', { detail: 'the database holds tables that are not Polis’s' })
}

async function migrate(store: Store): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () => {
      const all: Record<string, Migration> = {}
      for (const migration of migrations) all[migration.name] = { up: (db) => migration.up(db, store.engine) }
      return all
    },
  }
  // On PostgreSQL the migration tables live in the current schema, so that schemas side
  // by side (one per test, or per tenant) each keep their own migration history.
  const migrationTableSchema =
    store.engine === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
      : undefined
  const { error } = await new Migrator({
    db: store.db,
    provider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  }).migrateToLatest()
  if (error) throw new PolisError('ERR_DATABASE_CORRUPT', { detail: 'a schema migration failed', cause: error })
  await store.db
    .insertInto('meta')
    .values({ key: marker, value: '1' })
    .onConflict((c) => c.column('key').doNothing())
    .execute()
}
