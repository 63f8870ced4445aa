import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatAge, formatHours } from './format-age.ts'

describe('formatAge', () => {
  it('says how long ago in the inspector’s language', () => {
    assert.equal(formatAge(10_000, 'en'), 'now')
    assert.equal(formatAge(5 * 60_000 + 59_000, 'en'), '5 minutes ago')
    assert.equal(formatAge(3 * 3600_000, 'en'), '3 hours ago')
    assert.equal(formatAge(47 * 3600_000, 'en'), '47 hours ago')
    assert.equal(formatAge(3 * 24 * 3600_000, 'en'), '3 days ago')
    assert.equal(formatAge(5 * 60_000, 'uk'), '5 хвилин тому')
    assert.equal(formatAge(5 * 60_000, 'et'), '5 minuti eest')
  })

  it('treats a time in the future (a clock set back) as now', () => {
    assert.equal(formatAge(-3600_000, 'en'), 'now')
  })
})

describe('formatHours', () => {
  it('says a warning age in hours, or in days when whole days from two on', () => {
    assert.equal(formatHours(24, 'en'), '24 hours')
    assert.equal(formatHours(168, 'en'), '7 days')
    assert.equal(formatHours(12, 'uk'), '12 годин')
  })
})
