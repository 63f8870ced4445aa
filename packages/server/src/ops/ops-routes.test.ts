import assert from 'node:assert/strict'
import { generateKeyPairSync, sign } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { presentSdJwtVc } from '@polis/documents'
import type { PublicJwk } from '@polis/kernel'
import { type Store, testEngine } from '@polis/store'
import { createApp } from '../http/create-app.ts'
import type { Platform } from '../platform/create-platform.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { checkReadiness } from './check-readiness.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 20 })
  // As polis serve does before it listens: a probe during the start rightly says not ready.
  await exchangeOf(t.platform)
})
after(() => t.close())

const operator = { authorization: 'Bearer operator-token-for-tests', 'content-type': 'application/json' }
const holder = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const holderKey = holder.publicKey.export({ format: 'jwk' }) as PublicJwk

function exchangeOf(platform: Platform) {
  const start = platform.exchange
  if (!start) throw new Error('this test needs the exchange')
  return start()
}

describe(`liveness, readiness and metrics on ${testEngine}`, () => {
  it('answers liveness without looking at anything else, and keeps /health as it was', async () => {
    const live = await t.app.request('/health/live')
    assert.equal(live.status, 200)
    assert.deepEqual(await live.json(), { status: 'ok' })
    assert.deepEqual(await (await t.app.request('/health')).json(), { status: 'ok', engine: testEngine })
  })

  it('is ready while the database answers and every security server runs, and names the stopped one otherwise', async () => {
    const ready = await t.app.request('/health/ready')
    assert.equal(ready.status, 200)
    assert.deepEqual(await ready.json(), {
      status: 'ready',
      checks: { database: 'ok', exchange: 'ok', draining: false },
      stopped: [],
    })
    const exchange = await exchangeOf(t.platform)
    await exchange.stopServer('ss-migration-service')
    try {
      const stopped = await t.app.request('/health/ready')
      assert.equal(stopped.status, 503)
      assert.deepEqual(await stopped.json(), {
        status: 'unavailable',
        checks: { database: 'ok', exchange: 'failed', draining: false },
        stopped: ['ss-migration-service'],
      })
    } finally {
      await exchange.startServer('ss-migration-service')
    }
    assert.equal((await t.app.request('/health/ready')).status, 200)
  })

  it('is not ready while the process drains its requests before stopping', async () => {
    const app = createApp({ ...t, adminToken: 'x', draining: () => true })
    const response = await app.request('/health/ready')
    assert.equal(response.status, 503)
    assert.equal(((await response.json()) as { checks: { draining: boolean } }).checks.draining, true)
  })

  it('says the database failed, or did not answer within the timeout, without waiting for it', async () => {
    const hanging = {
      selectFrom: () => ({ select: () => ({ limit: () => ({ execute: () => new Promise(() => {}) }) }) }),
    } as unknown as Store['db']
    const broken = {
      selectFrom: () => ({ select: () => ({ limit: () => ({ execute: () => Promise.reject(new Error('gone')) }) }) }),
    } as unknown as Store['db']
    const started = performance.now()
    const slow = await checkReadiness({
      platform: { ...t.platform, store: { ...t.platform.store, db: hanging } },
      timeoutMs: 50,
      draining: false,
    })
    assert.ok(performance.now() - started < 1000)
    assert.equal(slow.ready, false)
    assert.equal(slow.checks.database, 'timeout')
    const failed = await checkReadiness({
      platform: { ...t.platform, store: { ...t.platform.store, db: broken } },
      timeoutMs: 1000,
      draining: false,
    })
    assert.deepEqual(failed.checks, { database: 'failed', exchange: 'ok', draining: false })
  })

  it('serves Prometheus metrics to the operator only, as the operator API', async () => {
    for (const path of ['/metrics', '/api/admin/offers']) {
      const method = path === '/metrics' ? 'GET' : 'POST'
      for (const authorization of [
        undefined,
        'Bearer wrong',
        'operator-token-for-tests',
        'Bearer operator-token-for-test',
      ]) {
        const headers: Record<string, string> = authorization ? { authorization } : {}
        const response = await t.app.request(path, { method, headers })
        assert.equal(response.status, 403, `${path} ${authorization}`)
      }
    }
    const response = await t.app.request('/metrics', { headers: operator })
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
    const openapi = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, { get?: { security?: unknown } }>
    }
    assert.deepEqual(openapi.paths['/metrics']?.get?.security, [{ operator: [] }])
    assert.ok(openapi.paths['/health/ready']?.get && openapi.paths['/health/live']?.get)
  })

  it('counts requests by route template, issuance and verification, and reads the exchange, backlog and pool at scrape time', async () => {
    const citizenId = t.holding('id-card')
    const issued = await t.app.request('/api/admin/credentials', {
      method: 'POST',
      headers: operator,
      body: JSON.stringify({ citizenId, documentType: 'id-card', holderKey }),
    })
    assert.equal(issued.status, 201)
    const { credential, status } = (await issued.json()) as { credential: string; status: { uri: string } }
    const presentation = await presentSdJwtVc({
      credential,
      disclose: ['given_name'],
      holderSign: async (data) => sign('sha256', data, { key: holder.privateKey, dsaEncoding: 'ieee-p1363' }),
      nonce: 'n-1',
      audience: 'https://verifier.test',
      now: t.now(),
    })
    const verified = await t.app.request('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ presentation, nonce: 'n-1', audience: 'https://verifier.test' }),
    })
    assert.equal(verified.status, 200)
    const refused = await t.app.request('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ presentation: 'not a presentation' }),
    })
    assert.equal(refused.status, 400)
    const listId = status.uri.split('/').at(-1) ?? ''
    assert.equal((await t.app.request(`/status/${listId}`)).status, 200)

    const text = await (await t.app.request('/metrics', { headers: operator })).text()
    assert.match(text, /^polis_credentials_issued_total\{document_type="id-card",format="dc\+sd-jwt"\} 1$/m)
    assert.match(text, /^polis_verifications_total\{outcome="valid"\} 1$/m)
    assert.match(text, /^polis_verifications_total\{outcome="ERR_[A-Z_]+"\} 1$/m)
    // The refused check, and the operator API refused without a token in the test before.
    assert.match(text, /^polis_errors_total\{code="ERR_[A-Z_]+"\} [1-9]\d*$/m)
    assert.match(text, /^polis_errors_total\{code="ERR_FORBIDDEN"\} [1-9]\d*$/m)
    assert.match(
      text,
      /^polis_http_request_duration_seconds_count\{method="POST",route="\/api\/admin\/credentials",status_class="2xx"\} 1$/m,
    )
    assert.match(
      text,
      /^polis_http_request_duration_seconds_count\{method="POST",route="\/api\/verify",status_class="4xx"\} 1$/m,
    )
    // The template, never the list's id (nor any other id) in a label.
    assert.match(text, /route="\/status\/:listId",status_class="2xx"/)
    assert.ok(!text.includes(listId))
    assert.ok(!text.includes(citizenId))
    assert.match(text, /^polis_exchange_server_up\{server="ss-platform"\} 1$/m)
    assert.match(text, /^polis_exchange_messages\{server="ss-platform",door="consumer"\} [1-9]\d*$/m)
    assert.match(text, /^polis_exchange_faults\{server="ss-platform",door="consumer"\} \d+$/m)
    assert.match(text, /^polis_transparency_log_backlog\{table="data_access_log"\} [1-9]\d*$/m)
    assert.match(text, /^polis_transparency_log_backlog\{table="exchange_records"\} \d+$/m)
    // The credential just issued waits for the logging loop, which does not run here.
    assert.match(text, /^polis_transparency_log_backlog\{table="issued_credentials"\} [1-9]\d*$/m)
    assert.match(text, /^polis_transparency_log_backlog\{table="status_events"\} \d+$/m)
    assert.match(text, /^polis_transparency_log_backlog\{table="application_events"\} \d+$/m)
    assert.match(text, /^polis_outbox_undelivered\{outbox="mail"\} \d+$/m)
    assert.match(text, /^polis_outbox_undelivered\{outbox="webhooks"\} \d+$/m)
    assert.match(text, /^nodejs_eventloop_lag_seconds \d/m)
    assert.match(text, /^polis_metrics_source_up\{source="database"\} 1$/m)
    if (testEngine === 'postgres') assert.match(text, /^polis_db_pool_connections\{state="total"\} [1-9]\d*$/m)
    else assert.ok(!/^polis_db_pool_connections\{/m.test(text))
  })
})
