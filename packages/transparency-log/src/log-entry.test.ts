import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { parseCheckpoint } from './checkpoint.ts'
import { decodeLogEntry, encodeLogEntry, hashContent, logEntryKinds, parseLogEntry, tagSubject } from './log-entry.ts'
import { parseVerifierKey } from './signed-note.ts'
import { parseTlogProof } from './tlog-proof.ts'

const label = fc.string({ minLength: 1, maxLength: 40 })
const digest = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => hashContent(bytes))
const entry = fc.record(
  {
    kind: fc.constantFrom(...logEntryKinds),
    at: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms).toISOString()),
    actor: label,
    counterpart: label,
    service: label,
    purpose: label,
    subject: digest,
    hashes: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), digest, { maxKeys: 4 }),
  },
  { requiredKeys: ['kind', 'at', 'actor', 'hashes'] },
)

/** Only stable, coded refusals: a parser never throws anything else at any input. */
const refusedOrRead = (read: () => unknown) => {
  try {
    read()
  } catch (error) {
    assert.ok(error instanceof PolisError, String(error))
  }
}

describe('log entries', () => {
  it('encode to the same bytes whatever the order of their fields, and read back as they were', () => {
    fc.assert(
      fc.property(entry, (value) => {
        const parsed = parseLogEntry(value)
        const bytes = encodeLogEntry(parsed)
        assert.deepEqual(decodeLogEntry(bytes), parsed)
        const shuffled = Object.fromEntries(Object.entries(value).reverse())
        shuffled.hashes = Object.fromEntries(Object.entries(value.hashes).reverse())
        assert.deepEqual(encodeLogEntry(parseLogEntry(shuffled)), bytes)
      }),
      { numRuns: fuzzRuns(300) },
    )
  })

  it('refuses an unknown field, kind or time, and a hash that is not a SHA-256', () => {
    const valid = { kind: 'official.action', at: '2026-11-27T12:00:00.000Z', actor: 'official:clerk-7', hashes: {} }
    parseLogEntry(valid)
    for (const bad of [
      { ...valid, citizen: 'UA-1' },
      { ...valid, kind: 'gossip' },
      { ...valid, at: '27.11.2026' },
      { ...valid, hashes: { document: 'abc' } },
      { ...valid, actor: '' },
    ]) {
      assert.throws(
        () => parseLogEntry(bad),
        (e: unknown) => e instanceof PolisError && e.code === 'ERR_MALFORMED',
      )
    }
  })

  it('tags a citizen by a keyed hash: stable under one key, another under another', () => {
    const key = Buffer.alloc(32, 1)
    const tag = tagSubject({ key, citizenId: 'UA-1990-0001' })
    assert.equal(tag, tagSubject({ key, citizenId: 'UA-1990-0001' }))
    assert.notEqual(tag, tagSubject({ key: Buffer.alloc(32, 2), citizenId: 'UA-1990-0001' }))
    assert.notEqual(tag, tagSubject({ key, citizenId: 'UA-1990-0002' }))
    assert.match(tag, /^[A-Za-z0-9_-]{43}$/)
  })

  it('reads any text as a checkpoint, a proof or a key only with a coded refusal (fuzzed)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .array(fc.oneof(fc.constantFrom('c2sp.org/tlog-proof@v1', 'index 3', '', 'AAAA', 'o', '5'), fc.string()), {
          maxLength: 8,
        })
        .map((lines) => lines.join('\n')),
    )
    fc.assert(
      fc.property(text, (input) => {
        refusedOrRead(() => parseCheckpoint(input))
        refusedOrRead(() => parseTlogProof(input))
        refusedOrRead(() => parseVerifierKey(input))
        refusedOrRead(() => decodeLogEntry(input))
      }),
      { numRuns: fuzzRuns(500) },
    )
  })
})
