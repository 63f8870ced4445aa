import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { servedInstance } from '../test/served-instance.ts'

let served: Awaited<ReturnType<typeof servedInstance>>
before(async () => {
  served = await servedInstance({ prefix: 'crash' })
})
after(() => served?.close())

describe(`a server killed in the middle of submissions, on ${testEngine}`, () => {
  it('loses and duplicates nothing: every submission retried with its key ends as exactly one application', {
    timeout: 300_000,
  }, async () => {
    await served.start()
    const phones = await served.enrolPhones(8)
    const submissions = Array.from({ length: 48 }, (_, i) => ({
      key: `crash-test-${i}-${randomUUID()}`,
      phone: phones[i % phones.length] as (typeof phones)[number],
      house: String(10 + i),
    }))
    const submit = (s: (typeof submissions)[number]) => served.registerAddress(s.phone, s.key, s.house)

    // Submissions four at a time; the server is killed (SIGKILL: no draining) once a dozen are answered.
    const acknowledged = new Map<string, string>()
    let next = 0
    let cutOff = 0
    const killed = (async () => {
      while (acknowledged.size < 12) await new Promise((resolve) => setTimeout(resolve, 5))
      await served.kill()
    })()
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < submissions.length) {
          const submission = submissions[next++] as (typeof submissions)[number]
          const answer = await submit(submission).catch(() => undefined)
          if (answer?.status === 201 && answer.id) acknowledged.set(submission.key, answer.id)
          else cutOff++
        }
      }),
    )
    await killed
    // Some were answered, some cut off in flight or refused while the server was gone.
    assert.ok(acknowledged.size >= 12 && cutOff > 0, `${acknowledged.size} answered, ${cutOff} cut off`)

    // The same instance started again; every submission retried with its key, the acknowledged ones too.
    await served.start()
    for (const submission of submissions) {
      const answer = await submit(submission)
      assert.ok(answer.status === 201 || answer.status === 200, `retry answered ${answer.status}`)
      const first = acknowledged.get(submission.key)
      if (first) assert.equal(answer.id, first, 'a retry of an acknowledged submission answers the same application')
    }
    const applications = await (await served.store()).db
      .selectFrom('applications')
      .select(['id', 'client_key'])
      .where('client_key', 'like', 'crash-test-%')
      .execute()
    assert.equal(applications.length, submissions.length, 'one application per submission, none lost, none twice')
    assert.equal(new Set(applications.map((a) => a.client_key)).size, submissions.length)
    await served.stop()
  })
})
