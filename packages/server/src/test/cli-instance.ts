import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** The `polis` entry point the CLI's tests run. */
export const polisMain = new URL('../main.ts', import.meta.url).pathname

/**
 * On PostgreSQL, a database of the test's own (named `prefix_…`), as a real instance has,
 * rather than a schema: nothing in it depends on a search_path reaching every connection
 * a process or a worker opens. Undefined on SQLite.
 */
export async function ownTestDatabase(prefix: string): Promise<string | undefined> {
  const url = process.env.POLIS_TEST_DATABASE_URL
  if (!url) return undefined
  const database = `${prefix}_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(`create database ${database}`)
  await client.end()
  const own = new URL(url)
  own.pathname = `/${database}`
  return own.href
}

/** A fresh instance for the CLI: its own data directory and key-encryption key, and its own database on PostgreSQL. */
export async function newCliInstance(prefix = 'cli'): Promise<{ env: NodeJS.ProcessEnv; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `polis-${prefix}-`))
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    POLIS_DATA_DIR: join(dir, 'data'),
    POLIS_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  }
  const databaseUrl = await ownTestDatabase(prefix)
  if (databaseUrl) env.DATABASE_URL = databaseUrl
  return { env, dir }
}

/** Runs `polis ARGS` in the instance, to its end (a minute at most). */
export function runPolis(instance: { env: NodeJS.ProcessEnv; dir: string }, args: string[], input = '') {
  const result = spawnSync(process.execPath, [polisMain, ...args], {
    env: instance.env,
    cwd: instance.dir,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
