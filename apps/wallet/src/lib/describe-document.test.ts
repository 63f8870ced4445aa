import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fingerprintOf, sizeOf } from './describe-document.ts'

describe('a document described to the citizen', () => {
  it('shows the first 16 hex digits of the SHA-256 in groups of four', () => {
    const sha256 = Buffer.from('3f2a9c01deadbeef0011223344556677', 'hex').toString('base64url')
    assert.equal(fingerprintOf(sha256), '3f2a 9c01 dead beef')
  })

  it('writes sizes in the citizen’s language', () => {
    assert.equal(sizeOf(512, 'en'), '512 bytes')
    assert.equal(sizeOf(12_345, 'en'), '12.3 kB')
    assert.equal(sizeOf(4_100_000, 'en'), '4.1 MB')
    assert.match(sizeOf(12_345, 'uk'), /^12,3\s?кБ$/)
    assert.match(sizeOf(12_345, 'et'), /^12,3\s?kB$/)
  })
})
