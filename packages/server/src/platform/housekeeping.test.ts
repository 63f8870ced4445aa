import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { createSigningRequest } from '../signing/signing-requests.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { sweepExpired } from './housekeeping.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 5 })
})
after(() => t?.close())

describe(`housekeeping on ${testEngine}`, () => {
  it('drops an unsigned document once its request expires, the request after a month, and spent rows', async () => {
    const { db } = t.platform.store
    const unsigned = await createSigningRequest({
      platform: t.platform,
      requester: { kind: 'portal', browserSecret: 'a'.repeat(32) },
      document: { name: 'a.txt', mediaType: 'text/plain', bytes: new TextEncoder().encode('hello') },
    })
    const signed = await createSigningRequest({
      platform: t.platform,
      requester: { kind: 'portal', browserSecret: 'b'.repeat(32) },
      document: { name: 'b.txt', mediaType: 'text/plain', bytes: new TextEncoder().encode('signed') },
    })
    await db
      .updateTable('signing_requests')
      .set({ signed_at: t.now().toISOString(), document: null })
      .where('id', '=', signed.id)
      .execute()
    await db
      .insertInto('id_passkey_challenges')
      .values({ interaction_uid: 'x', kind: 'login', challenge: 'c', expires_at: t.now().toISOString() })
      .execute()
    await db
      .insertInto('security_events')
      .values({ at: t.now().toISOString(), kind: 'rate_limited', subject_hash: 'h' })
      .execute()
    // A registry event processed now, and one still waiting to be read.
    for (const [id, processed] of [
      ['processed', t.now().toISOString()],
      ['waiting', null],
    ] as const) {
      await db
        .insertInto('registry_events')
        .values({
          id,
          kind: 'birth-registered',
          data: '{}',
          occurred_at: t.now().toISOString(),
          processed_at: processed,
        })
        .execute()
    }

    // Still waiting: nothing is touched.
    await sweepExpired(t.platform)
    const waiting = await db
      .selectFrom('signing_requests')
      .select('document')
      .where('id', '=', unsigned.id)
      .executeTakeFirst()
    assert.ok(waiting?.document)

    t.now.advance(16 * 60)
    const first = await sweepExpired(t.platform)
    assert.equal(first.id_passkey_challenges, 1)
    const expired = await db
      .selectFrom('signing_requests')
      .selectAll()
      .where('id', '=', unsigned.id)
      .executeTakeFirstOrThrow()
    assert.equal(expired.document, null, 'the document of an expired request is gone at once')

    t.now.advance(31 * 86_400)
    await sweepExpired(t.platform)
    const left = await db.selectFrom('signing_requests').select('id').execute()
    assert.deepEqual(
      left.map((r) => r.id),
      [signed.id],
      'the unsigned request is gone after a month; the signed one is the citizen’s history',
    )
    assert.equal((await db.selectFrom('security_events').select('at').execute()).length, 1)
    t.now.advance(60 * 86_400)
    await sweepExpired(t.platform)
    const events = await db.selectFrom('registry_events').select('id').orderBy('id').execute()
    assert.deepEqual(
      events.map((e) => e.id),
      ['waiting'],
      'a processed event goes after 90 days; one not read yet stays',
    )
    t.now.advance(90 * 86_400)
    await sweepExpired(t.platform)
    assert.equal((await db.selectFrom('security_events').select('at').execute()).length, 0)
  })
})
