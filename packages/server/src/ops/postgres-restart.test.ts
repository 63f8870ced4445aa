import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { startPostgres, type ThrowawayPostgres } from '../../../../scripts/start-postgres.ts'
import { type Phone, servedInstance } from '../test/served-instance.ts'

// The instance runs on a PostgreSQL cluster of its own, which the test stops and starts under it.
const onPostgres = process.env.POLIS_TEST_DATABASE_URL !== undefined

let postgres: ThrowawayPostgres | undefined
let served: Awaited<ReturnType<typeof servedInstance>> | undefined
before(async () => {
  if (!onPostgres) return
  postgres = await startPostgres()
  const given = process.env.POLIS_TEST_DATABASE_URL
  process.env.POLIS_TEST_DATABASE_URL = postgres.url
  try {
    served = await servedInstance({ prefix: 'pgrestart', citizens: 30 })
  } finally {
    process.env.POLIS_TEST_DATABASE_URL = given
  }
})
after(async () => {
  await served?.close()
  postgres?.stop()
})

describe('PostgreSQL restarted under a running polis serve in the middle of submissions', () => {
  it('refuses what comes during the outage with 503 and Retry-After, never 500 or a hang, and takes every retry once it is back, by itself', {
    skip: onPostgres
      ? false
      : 'the test stops a PostgreSQL server under the instance: this runs on the PostgreSQL pass',
    timeout: 300_000,
  }, async (t) => {
    assert.ok(served && postgres)
    const instance = served
    const { origin } = served
    const child = await served.start()
    const phones = await served.enrolPhones(6)
    const submissions = Array.from({ length: 60 }, (_, i) => ({
      key: `pg-restart-${i}-${randomUUID()}`,
      phone: phones[i % phones.length] as Phone,
      house: String(100 + i),
    }))

    // A steady stream, four at a time; each submission sent until it is taken, with its key.
    const taken = new Map<string, string>()
    const refused: Array<{ status: number; code?: string | undefined; retryAfter: string | null }> = []
    const wrong: string[] = []
    let outage: 'before' | 'during' | 'after' = 'before'
    let next = 0
    const worker = async () => {
      while (next < submissions.length) {
        const submission = submissions[next++] as (typeof submissions)[number]
        for (let tries = 0; !taken.has(submission.key); tries++) {
          if (tries > 200) assert.fail('a submission never taken')
          const answer = await instance
            .registerAddress(submission.phone, submission.key, submission.house, { timeoutMs: 15_000 })
            .catch((error: Error) => ({ status: 0, code: error.name, retryAfter: null, id: undefined, ms: 0 }))
          if ((answer.status === 201 || answer.status === 200) && answer.id) {
            const first = taken.get(submission.key)
            if (first) assert.equal(answer.id, first)
            taken.set(submission.key, answer.id)
          } else if (answer.status === 503) {
            refused.push(answer)
            await new Promise((resolve) => setTimeout(resolve, 100))
          } else {
            wrong.push(`${answer.status} ${answer.code} (${outage} the outage)`)
            await new Promise((resolve) => setTimeout(resolve, 100))
          }
        }
      }
    }
    const outageDone = (async () => {
      while (taken.size < 12) await new Promise((resolve) => setTimeout(resolve, 10))
      // Stopped as an operator or a failover stops it (fast: connections cut, transactions rolled back).
      outage = 'during'
      postgres.pause()
      const down = Date.now()
      while (Date.now() - down < 3000) await new Promise((resolve) => setTimeout(resolve, 50))
      postgres.resume()
      outage = 'after'
    })()
    await Promise.all([outageDone, ...Array.from({ length: 4 }, worker)])

    t.diagnostic(`${refused.length} refused during the outage`)
    assert.deepEqual(wrong, [], 'nothing but a submission taken or a 503')
    assert.ok(refused.length > 0, 'requests came during the outage')
    for (const answer of refused) {
      assert.equal(answer.code, 'ERR_STORE_UNAVAILABLE')
      assert.equal(answer.retryAfter, '30')
    }
    // Back by itself: the same process, ready, every submission one application.
    assert.equal(child.exitCode, null, 'the server did not stop')
    assert.equal((await fetch(`${origin}/health/ready`)).status, 200)
    assert.equal(taken.size, submissions.length)
    const applications = await (await served.store()).db
      .selectFrom('applications')
      .select(['id', 'client_key'])
      .where('client_key', 'like', 'pg-restart-%')
      .execute()
    assert.equal(applications.length, submissions.length, 'one application per submission, none lost, none twice')
    assert.deepEqual(new Set(applications.map((a) => a.id)), new Set(taken.values()))
    await served.stop()
  })
})
