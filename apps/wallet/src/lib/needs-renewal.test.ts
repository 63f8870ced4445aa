import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { needsRenewal } from './needs-renewal.ts'

const now = new Date('2026-06-01T00:00:00Z')

describe('renewal before expiry', () => {
  it('renews when a document expires within 30 days, or has expired', () => {
    assert.equal(needsRenewal([{ expiresAt: '2026-06-20T00:00:00Z' }], now), true)
    assert.equal(needsRenewal([{ expiresAt: '2026-05-01T00:00:00Z' }], now), true)
  })

  it('leaves documents alone that are valid for longer, or have no expiry', () => {
    assert.equal(needsRenewal([{ expiresAt: '2026-08-01T00:00:00Z' }, { expiresAt: undefined }], now), false)
    assert.equal(needsRenewal([], now), false)
  })
})
