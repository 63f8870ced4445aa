import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { distinguishPasskeys } from './distinguish-passkeys.ts'

// Formats written out in UTC, so that the test reads the same in every time zone.
const day = (date: Date) => date.toISOString().slice(0, 10)
const minute = (date: Date) => date.toISOString().slice(0, 16)
const second = (date: Date) => date.toISOString().slice(0, 19)
const formats = [day, minute, second]

describe('telling passkeys apart for their Remove buttons', () => {
  it('adds nothing to a label only one passkey has', () => {
    const marks = distinguishPasskeys(
      [
        { id: 'a', label: 'Chrome on Linux', createdAt: '2026-03-02T10:00:00Z' },
        { id: 'b', label: 'Firefox on Windows', createdAt: '2026-03-02T10:00:00Z' },
      ],
      formats,
    )
    assert.deepEqual(
      [...marks],
      [
        ['a', undefined],
        ['b', undefined],
      ],
    )
  })

  it('adds the day a passkey was made when its label repeats, and only to those', () => {
    const marks = distinguishPasskeys(
      [
        { id: 'a', label: 'Chrome on Linux', createdAt: '2026-03-02T10:00:00Z' },
        { id: 'b', label: 'Safari on iPad', createdAt: '2026-03-02T10:00:00Z' },
        { id: 'c', label: 'Chrome on Linux', createdAt: '2026-01-15T10:00:00Z' },
      ],
      formats,
    )
    assert.equal(marks.get('a'), '2026-03-02')
    assert.equal(marks.get('b'), undefined)
    assert.equal(marks.get('c'), '2026-01-15')
  })

  it('adds the time when two of a label were made the same day, to every one of that label', () => {
    const marks = distinguishPasskeys(
      [
        { id: 'a', label: 'Chrome on Linux', createdAt: '2026-03-02T10:00:00Z' },
        { id: 'b', label: 'Chrome on Linux', createdAt: '2026-03-02T14:30:00Z' },
        { id: 'c', label: 'Chrome on Linux', createdAt: '2026-01-15T10:00:00Z' },
      ],
      formats,
    )
    assert.deepEqual([...marks.values()], ['2026-03-02T10:00', '2026-03-02T14:30', '2026-01-15T10:00'])
  })

  it('falls back to the finest format when nothing sets them apart', () => {
    const marks = distinguishPasskeys(
      [
        { id: 'a', label: 'Chrome on Linux', createdAt: '2026-03-02T10:00:00Z' },
        { id: 'b', label: 'Chrome on Linux', createdAt: '2026-03-02T10:00:00Z' },
      ],
      formats,
    )
    assert.deepEqual([...marks.values()], ['2026-03-02T10:00:00', '2026-03-02T10:00:00'])
  })
})
