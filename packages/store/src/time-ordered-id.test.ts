import assert from 'node:assert/strict'
import { test } from 'node:test'
import { timeOrderedId } from './time-ordered-id.ts'

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

test('a time-ordered id is a UUIDv7 whose first 48 bits are the time in milliseconds', () => {
  const at = Date.parse('2026-11-28T17:00:00.123Z')
  const id = timeOrderedId(at)
  assert.match(id, uuidV7)
  assert.equal(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16), at)
})

test('ids of later milliseconds sort after earlier ones, and ids of one millisecond differ', () => {
  const at = Date.parse('2026-11-28T17:00:00Z')
  const ids = [at, at + 1, at + 2, at + 1000, at + 86_400_000].map((ms) => timeOrderedId(ms))
  assert.deepEqual([...ids].sort(), ids)
  const same = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(at)))
  assert.equal(same.size, 10_000)
  for (const id of same) assert.match(id, uuidV7)
})

test('a time that is not one gives the machine clock’s, not a malformed id', () => {
  for (const at of [Number.NaN, -1, 2 ** 48, 1.5]) assert.match(timeOrderedId(at), uuidV7)
})
