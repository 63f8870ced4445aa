import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fetchOrLast } from './fetch-or-last.ts'

function keeper<T>() {
  let kept: { value: T; fetchedAt: string } | undefined
  return {
    read: async () => kept,
    write: async (value: { value: T; fetchedAt: string }) => {
      kept = value
    },
  }
}
const now = () => new Date('2026-06-01T10:00:00Z')
const offline = (error: unknown) => error instanceof TypeError

describe('a list read now, or the last one kept', () => {
  it('keeps what it read and answers with it, marked stale, once the server is out of reach', async () => {
    const store = keeper<string[]>()
    const fresh = await fetchOrLast({ ...store, now, offline, fetch: async () => ['a1'] })
    assert.deepEqual(fresh, { value: ['a1'], fetchedAt: '2026-06-01T10:00:00.000Z', stale: false })
    const later = () => new Date('2026-06-02T10:00:00Z')
    const kept = await fetchOrLast({
      ...store,
      now: later,
      offline,
      fetch: async () => {
        throw new TypeError('Failed to fetch')
      },
    })
    assert.deepEqual(kept, { value: ['a1'], fetchedAt: '2026-06-01T10:00:00.000Z', stale: true })
  })

  it('throws what the server refused, and a lost connection when nothing was kept', async () => {
    const store = keeper<string[]>()
    await store.write({ value: ['a1'], fetchedAt: 'then' })
    const refused = new Error('ERR_DEVICE_REVOKED')
    await assert.rejects(
      fetchOrLast({
        ...store,
        now,
        offline,
        fetch: async () => {
          throw refused
        },
      }),
      refused,
    )
    await assert.rejects(
      fetchOrLast({
        ...keeper<string[]>(),
        now,
        offline,
        fetch: async () => {
          throw new TypeError('Failed to fetch')
        },
      }),
      TypeError,
    )
  })
})
