import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { frozenClock, isPolisError, loadConfig } from '@polis/kernel'
import { listCitizens, seedRegistries } from '@polis/registries'
import { testEngine } from '@polis/store'
import { createPlatform, type Platform } from '../platform/create-platform.ts'
import { ownTestDatabase } from '../test/cli-instance.ts'

let platform: Platform
before(async () => {
  // A database the workers open themselves by its configuration, as under polis serve:
  // the embedded file, or a PostgreSQL database of its own.
  const databaseUrl = await ownTestDatabase('exchange')
  const config = loadConfig({
    POLIS_DATA_DIR: mkdtempSync(join(tmpdir(), 'polis-exchange-')),
    POLIS_KEY_ENCRYPTION_KEY: 'd'.repeat(64),
    POLIS_PUBLIC_URL: 'https://polis.test',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  })
  platform = await createPlatform({ config, now: frozenClock('2026-06-01T10:00:00Z'), exchange: 'workers' })
  await seedRegistries({ store: platform.store, citizens: 10, seed: 'workers', replace: false })
})
after(() => platform?.close())

describe(`the security servers in worker threads of their own on ${testEngine}`, () => {
  it('reads a register through servers in their own threads, fails clearly while its server is stopped, and reads again once it is back', async () => {
    const exchange = await (platform.exchange as NonNullable<Platform['exchange']>)()
    const [citizen] = await listCitizens({ store: platform.store, limit: 1, offset: 0 })
    const read = () =>
      platform.queryRegistry({
        registry: 'population',
        kind: 'person',
        citizenId: (citizen as { id: string }).id,
        purpose: 'service:residence-registration',
      })
    assert.equal((await read()).length, 1)
    const statuses = await exchange.status()
    assert.equal(statuses.length, exchange.servers.length)
    assert.equal(statuses.find((s) => s.serverCode === 'ss-migration-service')?.provider.messages, 1)

    await exchange.stopServer('ss-migration-service')
    await assert.rejects(read(), (error: unknown) => isPolisError(error, 'ERR_REGISTRY_UNAVAILABLE'))
    await exchange.startServer('ss-migration-service')
    assert.equal((await read()).length, 1)
    const logged = await platform.store.db
      .selectFrom('data_access_log')
      .select('reader')
      .where('purpose', '=', 'service:residence-registration')
      .execute()
    assert.deepEqual(
      logged.map((row) => row.reader),
      ['UA/GOV/migration-service/services', 'UA/GOV/migration-service/services'],
    )
  })

  it('starts a server that died again by itself, and its register answers once it is back', async () => {
    const exchange = await (platform.exchange as NonNullable<Platform['exchange']>)()
    const [citizen] = await listCitizens({ store: platform.store, limit: 1, offset: 0 })
    const read = () =>
      platform.queryRegistry({
        registry: 'tax',
        kind: 'taxpayer',
        citizenId: (citizen as { id: string }).id,
        purpose: 'offer:documents',
      })
    await exchange.killServer('ss-tax-service')
    // Gone: no longer among the running, and its register cannot be read.
    assert.ok(!(await exchange.status()).some((s) => s.serverCode === 'ss-tax-service'))
    await assert.rejects(read(), (error: unknown) => isPolisError(error, 'ERR_REGISTRY_UNAVAILABLE'))
    // Within a few seconds (a pause, then its start; and the platform's breaker lets a call through again).
    let answer: unknown
    for (let tries = 0; tries < 40 && !Array.isArray(answer); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      answer = await read().catch((error: unknown) => error)
    }
    assert.ok(Array.isArray(answer), `read again: ${String(answer)}`)
    assert.ok((await exchange.status()).some((s) => s.serverCode === 'ss-tax-service'))
  })
})
