import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { StatusType } from '@polis/documents'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { checkQrText } from './check-qr-text.ts'
import { loadTrust, type TrustState } from './load-trust.ts'
import { refreshTrust } from './refresh-trust.ts'
import { createTestCountry } from './testing/create-test-country.ts'
import type { CheckRecord } from './verifier-store.ts'

const now = new Date('2026-06-01T10:00:00Z')
let country: Awaited<ReturnType<typeof createTestCountry>>
let trust: TrustState

/** A log in memory that, like the real one, refuses a nonce it has seen. */
function memoryLog() {
  const records: CheckRecord[] = []
  const record = async (entry: CheckRecord) => {
    const replayed = entry.nonce !== undefined && records.some((r) => r.nonce === entry.nonce)
    records.push(replayed ? { ...entry, valid: false, code: 'ERR_PRESENTATION_REPLAYED' } : entry)
    return replayed ? ('replayed' as const) : ('recorded' as const)
  }
  return { records, record }
}

describe('checkQrText', () => {
  before(async () => {
    country = await createTestCountry(now)
    const { stored } = await refreshTrust({ stored: { statusLists: [] }, fetchText: country.fetchText, now })
    trust = await loadTrust(stored, now)
  })

  it('shows a valid code with its claims and issuer, and logs no personal data', async () => {
    const log = memoryLog()
    const verdict = await checkQrText({ text: await country.present(), trust, now, record: log.record })
    assert.ok(verdict.valid)
    assert.equal(verdict.documentType, 'id-card')
    assert.equal(verdict.issuer.name.en, 'Migration Service')
    assert.equal(verdict.claims.given_name, 'Olena')
    assert.equal(log.records.length, 1)
    const [entry] = log.records
    assert.deepEqual(Object.keys(entry ?? {}).sort(), ['at', 'code', 'documentType', 'nonce', 'valid', 'via'])
    assert.doesNotMatch(JSON.stringify(log.records), /Olena|Testenko|1990/)
  })

  it('refuses the same code shown a second time', async () => {
    const log = memoryLog()
    const text = await country.present()
    assert.equal((await checkQrText({ text, trust, now, record: log.record })).valid, true)
    const again = await checkQrText({ text, trust, now, record: log.record })
    assert.deepEqual(again, { valid: false, code: 'ERR_PRESENTATION_REPLAYED', checkedAt: now })
  })

  it('is never green when anything fails after the signatures verified', async () => {
    const verdict = await checkQrText({
      text: await country.present(),
      trust,
      now,
      record: async () => {
        throw new Error('IndexedDB is gone')
      },
    })
    assert.deepEqual(verdict, { valid: false, code: 'ERR_INTERNAL', checkedAt: now })
  })

  it('refuses everything without a trust list that verifies, asking for a refresh', async () => {
    const log = memoryLog()
    const text = await country.present()
    for (const state of [undefined, await loadTrust({ statusLists: [] }, now)]) {
      const verdict = await checkQrText({ text, trust: state, now, record: log.record })
      assert.deepEqual(verdict, { valid: false, code: 'ERR_STATUS_STALE', checkedAt: now })
    }
    assert.deepEqual(
      log.records.map((r) => [r.valid, r.code]),
      [
        [false, 'ERR_STATUS_STALE'],
        [false, 'ERR_STATUS_STALE'],
      ],
    )
  })

  it('refuses a revoked document and an old code with their reasons', async () => {
    const log = memoryLog()
    country.answers[country.statusUri] = () => country.statusList(StatusType.INVALID)
    const { stored } = await refreshTrust({ stored: { statusLists: [] }, fetchText: country.fetchText, now })
    const revoked = await checkQrText({
      text: await country.present(),
      trust: await loadTrust(stored, now),
      now,
      record: log.record,
    })
    assert.deepEqual(revoked, { valid: false, code: 'ERR_REVOKED', checkedAt: now })
    const old = await checkQrText({
      text: await country.present(new Date(now.getTime() - 10 * 60_000)),
      trust,
      now,
      record: log.record,
    })
    assert.deepEqual(old, { valid: false, code: 'ERR_PRESENTATION_EXPIRED', checkedAt: now })
  })

  it('refuses foreign and garbled text, and never shows any text as valid that it did not verify', async () => {
    const log = memoryLog()
    const foreign = await checkQrText({ text: 'WIFI:S:cafe;;', trust, now, record: log.record })
    assert.deepEqual(foreign, { valid: false, code: 'ERR_QR_FOREIGN', checkedAt: now })
    const garbled = await checkQrText({ text: 'PQ1:NOT BASE45', trust, now, record: log.record })
    assert.deepEqual(garbled, { valid: false, code: 'ERR_MALFORMED', checkedAt: now })
    const genuine = (await country.present()).slice(4)
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc
            .string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:') })
            .map((s) => `PQ1:${s}`),
          // The genuine code with one character changed.
          fc
            .tuple(fc.nat({ max: genuine.length - 1 }), fc.constantFrom(...'0123456789ABCDEF'))
            .map(([at, c]) => `PQ1:${genuine.slice(0, at)}${c}${genuine.slice(at + 1)}`),
        ),
        async (text) => {
          const verdict = await checkQrText({ text, trust, now, record: log.record })
          return verdict.valid === false || text === `PQ1:${genuine}`
        },
      ),
      { numRuns: fuzzRuns(150) },
    )
  })
})
