import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { PublicJwk } from '@polis/kernel'
import { startPostgres, type ThrowawayPostgres } from '../../../../scripts/start-postgres.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { storeTrouble } from './degraded-mode.ts'

// This test stops a PostgreSQL server under a running instance: a cluster of its own, on either engine's run.
let postgres: ThrowawayPostgres
let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  postgres = await startPostgres()
  const given = process.env.POLIS_TEST_DATABASE_URL
  process.env.POLIS_TEST_DATABASE_URL = postgres.url
  try {
    t = await createTestPlatform({ citizens: 10 })
  } finally {
    if (given === undefined) delete process.env.POLIS_TEST_DATABASE_URL
    else process.env.POLIS_TEST_DATABASE_URL = given
  }
})
after(async () => {
  await t?.close()
  postgres?.stop()
})

const operator = { authorization: 'Bearer operator-token-for-tests', 'content-type': 'application/json' }
const holderKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as PublicJwk

function issue(citizenId: string, language = 'en') {
  return t.app.request('/api/admin/credentials', {
    method: 'POST',
    headers: { ...operator, 'accept-language': language },
    body: JSON.stringify({ citizenId, documentType: 'id-card', holderKey }),
  })
}

describe('degraded mode: the database goes away under a running instance, and comes back', () => {
  it('keeps serving the public documents and the apps, refuses what needs the database with a clear code, and recovers by itself', async () => {
    const citizenId = t.holding('id-card')
    const issued = await issue(citizenId)
    assert.equal(issued.status, 201)
    const listUri = ((await issued.json()) as { status: { uri: string } }).status.uri
    const listPath = new URL(listUri).pathname
    const publicPaths = [
      '/trust/list',
      '/status/lists',
      listPath,
      '/vct/id-card',
      '/.well-known/openid-credential-issuer',
    ]
    const served = new Map<string, string>()
    for (const path of publicPaths) {
      const answer = await t.app.request(path)
      assert.equal(answer.status, 200, path)
      served.set(path, await answer.text())
    }

    postgres.pause()
    try {
      // What needs the database: refused at once, in the reader's language, nothing saved, never a 500.
      const refused = await t.app.request('/log/checkpoint', { headers: { 'accept-language': 'uk' } })
      assert.equal(refused.status, 503)
      assert.equal(refused.headers.get('retry-after'), '30')
      const body = ((await refused.json()) as { error: { code: string; message: string } }).error
      assert.equal(body.code, 'ERR_STORE_UNAVAILABLE')
      assert.match(body.message, /Нічого не збережено/)
      // An issuance: the exchange cannot record its read of the population register, so it is not made.
      const notIssued = await issue(citizenId)
      assert.equal(notIssued.status, 503)
      assert.equal(((await notIssued.json()) as { error: { code: string } }).error.code, 'ERR_STORE_UNAVAILABLE')
      // A browser gets a page saying so; the catalogue of services, held in memory, is still there.
      const html = { accept: 'text/html', 'accept-language': 'en' }
      const page = await t.app.request('/log/checkpoint', { headers: html })
      assert.equal(page.status, 503)
      assert.match(await page.text(), /cannot reach its database/)
      assert.equal((await t.app.request('/services', { headers: html })).status, 200)
      // The documents wallets and verifiers fetch: the copy last served, marked as such.
      const keptCopies: string[] = []
      for (const path of publicPaths) {
        const kept = await t.app.request(path)
        assert.equal(kept.status, 200, `${path} while the database is down`)
        if (kept.headers.get('x-polis-degraded') === 'kept') keptCopies.push(path)
        assert.equal(await kept.text(), served.get(path))
      }
      // The status lists come from the database, so from the copy kept (what needs no database is made afresh).
      assert.ok(keptCopies.includes('/status/lists') && keptCopies.includes(listPath), keptCopies.join(', '))
      // A public document never served before has no copy: refused like the rest.
      assert.equal((await t.app.request('/status/00000000-0000-4000-8000-000000000000')).status, 503)
      // The apps are files.
      assert.equal((await t.app.request('/wallet/')).status, 200)
      assert.equal((await t.app.request('/health/live')).status, 200)
      const ready = await t.app.request('/health/ready')
      assert.equal(ready.status, 503)
      const readiness = (await ready.json()) as { status: string; checks: { database: string } }
      assert.equal(readiness.status, 'degraded')
      assert.notEqual(readiness.checks.database, 'ok')
    } finally {
      postgres.resume()
    }

    // Back: the next requests use the database again, with no restart.
    assert.equal((await t.app.request('/health/ready')).status, 200)
    assert.equal((await issue(citizenId)).status, 201)
    const fresh = await t.app.request(listPath)
    assert.equal(fresh.status, 200)
    assert.equal(fresh.headers.get('x-polis-degraded'), null)
  })
})

describe('what a store error means', () => {
  it('tells a database that cannot be reached, or is full, from a query that is wrong', () => {
    assert.equal(storeTrouble(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })), 'unreachable')
    assert.equal(storeTrouble(new Error('Connection terminated unexpectedly')), 'unreachable')
    assert.equal(storeTrouble(Object.assign(new Error('terminating connection'), { code: '57P01' })), 'unreachable')
    assert.equal(
      storeTrouble(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed')),
      'unreachable',
    )
    assert.equal(storeTrouble(new Error('wrapped', { cause: { code: '08006' } })), 'unreachable')
    assert.equal(storeTrouble(Object.assign(new Error('no space'), { code: '53100' })), 'full')
    assert.equal(
      storeTrouble(Object.assign(new Error('full'), { code: 'ERR_SQLITE_ERROR', errstr: 'database or disk is full' })),
      'full',
    )
    assert.equal(storeTrouble(Object.assign(new Error('syntax'), { code: '42601' })), undefined)
    assert.equal(storeTrouble(new Error('UNIQUE constraint failed')), undefined)
    assert.equal(storeTrouble(undefined), undefined)
  })
})
