import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readRefusal, submitOnce } from './submit-once.ts'

describe('submitting an application once', () => {
  it('sends a double tap once, and starts a new attempt after an application came back', async () => {
    const sent: string[] = []
    let n = 0
    const submission = submitOnce({
      newKey: () => `key-${++n}`,
      post: async (key) => {
        sent.push(key)
        await new Promise((resolve) => setTimeout(resolve, 5))
        return { id: `application-for-${key}` }
      },
    })
    const [first, second] = await Promise.all([submission.submit(), submission.submit()])
    assert.deepEqual(sent, ['key-1'])
    assert.deepEqual(first, second)
    assert.equal(submission.key, undefined)
    await submission.submit()
    assert.deepEqual(sent, ['key-1', 'key-2'])
  })

  it('retries after a dropped connection or a refusal with the same key', async () => {
    const sent: string[] = []
    let failures = 2
    const submission = submitOnce({
      newKey: () => crypto.randomUUID(),
      post: async (key) => {
        sent.push(key)
        if (failures-- > 0) throw new TypeError('Failed to fetch')
        return { id: 'a1' }
      },
    })
    await assert.rejects(submission.submit(), TypeError)
    const kept = submission.key
    assert.ok(kept)
    await assert.rejects(submission.submit(), TypeError)
    assert.deepEqual(await submission.submit(), { id: 'a1' })
    assert.deepEqual(sent, [kept, kept, kept])
  })

  it('keeps a new key before sending it, and after a restart of the app sends the kept key again', async () => {
    const order: string[] = []
    let stored: string | undefined
    const before = submitOnce({
      newKey: () => 'key-kept',
      keep: async (key) => {
        order.push(`keep ${key}`)
        stored = key
      },
      post: async (key) => {
        order.push(`post ${key}`)
        // The answer is lost: the app is closed before it arrives.
        throw new TypeError('Failed to fetch')
      },
    })
    await assert.rejects(before.submit(), TypeError)
    assert.deepEqual(order, ['keep key-kept', 'post key-kept'])

    // The app starts again with the kept key: no new key is made, nor kept again.
    const sent: string[] = []
    const after = submitOnce({
      ...(stored ? { key: stored } : {}),
      newKey: () => 'key-new',
      keep: async (key) => {
        order.push(`keep ${key}`)
      },
      post: async (key) => {
        sent.push(key)
        return { id: 'a1' }
      },
    })
    assert.equal(after.key, 'key-kept')
    assert.deepEqual(await after.submit(), { id: 'a1' })
    assert.deepEqual(sent, ['key-kept'])
    assert.equal(order.length, 2)
  })

  it('reads the fields and reasons of a refusal, ignoring what is not one', () => {
    assert.deepEqual(
      readRefusal({
        error: { code: 'ERR_FORM_INVALID', message: 'Check the answers.' },
        reasons: ['Too young'],
        fields: [{ field: 'postal_code', message: 'Enter it in the format shown.' }, { field: 3 }],
      }),
      { reasons: ['Too young'], fields: [{ field: 'postal_code', message: 'Enter it in the format shown.' }] },
    )
    assert.deepEqual(readRefusal('nonsense'), { reasons: [], fields: [] })
  })
})
