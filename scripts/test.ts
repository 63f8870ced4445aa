/**
 * Runs the whole test suite on both storage engines: embedded SQLite, then a
 * throwaway PostgreSQL cluster (or the one POLIS_TEST_DATABASE_URL names). A
 * PostgreSQL that cannot start fails the run; it is never skipped silently.
 * Usage: node scripts/test.ts [sqlite|postgres] [-- extra node --test args]
 */
import { spawnSync } from 'node:child_process'
import { dropTestSchemas } from '@polis/store'
import { startPostgres } from './start-postgres.ts'

const engines = process.argv[2] && !process.argv[2].startsWith('-') ? [process.argv[2]] : ['sqlite', 'postgres']
const files = ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/*.test.ts']

function runSuite(label: string, env: NodeJS.ProcessEnv): boolean {
  console.log(`\n=== tests on ${label} ===\n`)
  const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], {
    stdio: 'inherit',
    env: { ...process.env, ...env, TZ: 'UTC' },
  })
  return result.status === 0
}

let ok = true
for (const engine of engines) {
  if (engine === 'sqlite') {
    ok = runSuite('SQLite (node:sqlite)', { POLIS_TEST_DATABASE_URL: '' }) && ok
  } else if (engine === 'postgres') {
    const given = process.env.POLIS_TEST_DATABASE_URL
    const server = given ? undefined : await startPostgres()
    // Schemas of earlier runs on a shared server go before this run starts, never during it.
    if (given) await dropTestSchemas(given)
    try {
      ok = runSuite('PostgreSQL', { POLIS_TEST_DATABASE_URL: given || server?.url }) && ok
    } finally {
      server?.stop()
    }
  } else {
    console.error(`unknown engine ${engine}: use sqlite or postgres`)
    ok = false
  }
}
process.exit(ok ? 0 : 1)
