import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { createApp } from '../http/create-app.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { sampleEventLoopLag } from './load-shedding.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 5 })
})
after(() => t.close())

describe(`load shedding on ${testEngine}`, () => {
  it('answers 503 ERR_OVERLOADED with Retry-After at once while the loop lags, never on liveness, and serves again once it catches up', async () => {
    let lagMs = 0
    let asked = 0
    const app = createApp({
      platform: t.platform,
      issuer: t.issuer,
      verifier: t.verifier,
      adminToken: 'operator-token-for-tests',
      loadShedding: {
        lagMs: () => {
          asked += 1
          return lagMs
        },
        maxLagMs: 250,
      },
    })
    const requests = [
      () => app.request('/platform'),
      () => app.request('/trust/list.json'),
      () => app.request('/status/lists'),
      () =>
        app.request('/api/verify', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ presentation: 'x' }),
        }),
    ]
    lagMs = 250
    for (const send of requests) assert.notEqual((await send()).status, 503, 'at the limit, not past it')

    lagMs = 251
    for (const send of requests) {
      const refused = await send()
      assert.equal(refused.status, 503)
      assert.equal(refused.headers.get('retry-after'), '2')
      assert.equal(refused.headers.get('x-content-type-options'), 'nosniff', 'secure headers even on a refusal')
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'ERR_OVERLOADED')
    }
    const inUkrainian = await app.request('/platform', { headers: { 'accept-language': 'uk' } })
    assert.match(((await inUkrainian.json()) as { error: { message: string } }).error.message, /завантажений/)
    // A browser gets the refusal as a page, with the same status and Retry-After.
    const page = await app.request('/services', { headers: { accept: 'text/html', 'accept-language': 'en' } })
    assert.equal(page.status, 503)
    assert.equal(page.headers.get('retry-after'), '2')
    assert.match(await page.text(), /ERR_OVERLOADED/)

    // A busy process is not a dead one: liveness still answers, and so does the operator's scrape.
    const live = await app.request('/health/live')
    assert.equal(live.status, 200)
    const metrics = await app.request('/metrics', { headers: { authorization: 'Bearer operator-token-for-tests' } })
    assert.equal(metrics.status, 200)
    assert.match(await metrics.text(), /polis_errors_total\{code="ERR_OVERLOADED"\} 6/)

    const before = asked
    await app.request('/trust/list.json')
    assert.equal(asked - before, 1, 'one reading of a number per request, nothing more')

    lagMs = 0
    for (const send of requests) assert.notEqual((await send()).status, 503)
  })

  it('sheds nothing when not configured, as in the tests and tools that build the app', async () => {
    assert.equal((await t.app.request('/platform')).status, 200)
  })
})

describe('the event-loop lag sampler', () => {
  it('reads how long the loop was blocked, and nothing once it runs freely again', async () => {
    const lag = sampleEventLoopLag({ intervalMs: 20 })
    try {
      await new Promise((resolve) => setTimeout(resolve, 60))
      assert.ok(lag.current() < 150, `idle: ${lag.current()} ms`)
      // Block the loop, as a burst of synchronous work does, then let the timer run first.
      const started = performance.now()
      while (performance.now() - started < 300) {}
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setTimeout(resolve, 0))
      assert.ok(lag.current() >= 200, `after a 300 ms block: ${lag.current()} ms`)
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.ok(lag.current() < 150, `caught up: ${lag.current()} ms`)
    } finally {
      lag.stop()
    }
  })
})
