/**
 * Runs the whole test suite on both storage engines: embedded SQLite, then a
 * throwaway PostgreSQL cluster (or the one POLIS_TEST_DATABASE_URL names); then, on
 * that PostgreSQL, the browser journeys again against two instances that share the
 * database and nothing in memory, behind a round-robin proxy (POLIS_TEST_TOPOLOGY).
 * A PostgreSQL that cannot start fails the run; it is never skipped silently.
 * Usage: node scripts/test.ts [sqlite|postgres|two-instances]
 */
import { spawnSync } from 'node:child_process'
import { dropTestSchemas } from '@polis/store'
import { startPostgres, type ThrowawayPostgres } from './start-postgres.ts'

const passes = ['sqlite', 'postgres', 'two-instances']
const chosen = process.argv[2] && !process.argv[2].startsWith('-') ? [process.argv[2]] : passes
const files = ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/*.test.ts']

/**
 * The browser tests that carry a citizen or an official through a whole journey, each
 * request to either instance: sign-ins and their sessions, pending logins confirmed on
 * the phone, nonces, offers, payments, uploads, signing, sharing, publishing a service,
 * the exchange's logs. The other browser tests repeat these paths (docs/operations.md).
 * First, the test that the topology alternates between two instances at all.
 */
const twoInstanceJourneys = [
  'packages/server/src/test/create-test-platform.test.ts',
  'packages/server/src/http/wallet-app.test.ts',
  'packages/server/src/http/portal.test.ts',
  'packages/server/src/http/sign-in-with-polis.test.ts',
  'packages/server/src/http/wallet-sharing.test.ts',
  'packages/server/src/http/wallet-signing.test.ts',
  'packages/server/src/http/street-event-permit.test.ts',
  'packages/server/src/http/wallet-pay-and-files.test.ts',
  'packages/server/src/http/verifier-app.test.ts',
  'packages/server/src/http/in-person-journey.test.ts',
  'packages/server/src/http/federated-verifier-app.test.ts',
  'packages/server/src/http/cross-border-residence.test.ts',
  'packages/server/src/http/office.test.ts',
  'packages/server/src/office/office-services-pages.test.ts',
  'packages/server/src/business/business-cabinet-browser.test.ts',
  'packages/server/src/exchange/registries-through-exchange.test.ts',
]

function runSuite(label: string, tests: string[], env: NodeJS.ProcessEnv): boolean {
  console.log(`\n=== tests on ${label} ===\n`)
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...tests], {
    stdio: 'inherit',
    env: { ...process.env, ...env, TZ: 'UTC' },
  })
  console.log(`\n=== ${label}: ${Math.round((performance.now() - started) / 1000)} s ===`)
  return result.status === 0
}

let ok = true
const unknown = chosen.filter((pass) => !passes.includes(pass))
if (unknown.length > 0) {
  console.error(`unknown pass ${unknown.join(', ')}: use ${passes.join(', ')}`)
  process.exit(1)
}
if (chosen.includes('sqlite')) {
  ok = runSuite('SQLite (node:sqlite)', files, { POLIS_TEST_DATABASE_URL: '', POLIS_TEST_TOPOLOGY: '' }) && ok
}
if (chosen.some((pass) => pass !== 'sqlite')) {
  const given = process.env.POLIS_TEST_DATABASE_URL
  let server: ThrowawayPostgres | undefined
  try {
    server = given ? undefined : await startPostgres()
    // Schemas of earlier runs on a shared server go before this run starts, never during it.
    if (given) await dropTestSchemas(given)
    const url = given || server?.url
    if (chosen.includes('postgres')) {
      ok = runSuite('PostgreSQL', files, { POLIS_TEST_DATABASE_URL: url, POLIS_TEST_TOPOLOGY: '' }) && ok
    }
    if (chosen.includes('two-instances')) {
      ok =
        runSuite('two instances on one PostgreSQL behind a round-robin proxy', twoInstanceJourneys, {
          POLIS_TEST_DATABASE_URL: url,
          POLIS_TEST_TOPOLOGY: 'two-instances',
        }) && ok
    }
  } finally {
    server?.stop()
  }
}
process.exit(ok ? 0 : 1)
