import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { redeemShareCode } from './redeem-share-code.ts'
import type { CheckRecord } from './verifier-store.ts'

const now = new Date('2026-06-01T10:00:00Z')
const issuer = { id: 'migration-service', name: { uk: 'ДМС', en: 'Migration Service', et: 'Migratsiooniamet' } }

function redeem(answer: () => Response | Promise<Response>) {
  const records: CheckRecord[] = []
  const requests: Array<{ url: string; body: unknown; language: string | null }> = []
  const verdict = redeemShareCode({
    code: '12345678',
    language: 'uk',
    trust: undefined,
    now,
    fetch: async (input, init) => {
      requests.push({
        url: String(input),
        body: JSON.parse(String(init?.body)),
        language: new Headers(init?.headers).get('accept-language'),
      })
      return answer()
    },
    record: async (record) => {
      records.push(record)
      return 'recorded'
    },
  })
  return { verdict, records, requests }
}

describe('redeemShareCode', () => {
  it('posts the code and shows what the platform disclosed, logging only the type', async () => {
    const { verdict, records, requests } = redeem(() =>
      Response.json({
        documentType: 'id-card',
        issuer,
        claims: { given_name: 'Olena', age_over_18: true },
        validUntil: '2027-06-01T00:00:00Z',
      }),
    )
    assert.deepEqual(await verdict, {
      valid: true,
      documentType: 'id-card',
      issuer,
      claims: { given_name: 'Olena', age_over_18: true },
      validUntil: new Date('2027-06-01T00:00:00Z'),
      checkedAt: now,
    })
    assert.deepEqual(requests, [{ url: '/api/share-codes/redeem', body: { code: '12345678' }, language: 'uk' }])
    assert.deepEqual(records, [
      { at: now.toISOString(), via: 'code', documentType: 'id-card', valid: true, code: undefined },
    ])
  })

  it('keeps the platform’s own message of a refusal', async () => {
    const { verdict } = redeem(() =>
      Response.json({ error: { code: 'ERR_SHARE_CODE_INVALID', message: 'Цей код невідомий.' } }, { status: 404 }),
    )
    assert.deepEqual(await verdict, {
      valid: false,
      code: 'ERR_SHARE_CODE_INVALID',
      message: 'Цей код невідомий.',
      checkedAt: now,
    })
  })

  it('refuses when offline, on an answer it cannot read, and on a document already expired', async () => {
    const offline = redeem(() => {
      throw new TypeError('Failed to fetch')
    })
    assert.deepEqual(await offline.verdict, {
      valid: false,
      code: 'ERR_STATUS_UNAVAILABLE',
      offline: true,
      checkedAt: now,
    })
    const garbled = redeem(() => Response.json({ documentType: 'id-card' }))
    assert.deepEqual(await garbled.verdict, { valid: false, code: 'ERR_MALFORMED', checkedAt: now })
    const html = redeem(() => new Response('<h1>Bad gateway</h1>', { status: 502 }))
    assert.equal((await html.verdict).valid, false)
    const expired = redeem(() =>
      Response.json({ documentType: 'id-card', issuer, claims: {}, validUntil: '2026-05-31T00:00:00Z' }),
    )
    assert.deepEqual(await expired.verdict, { valid: false, code: 'ERR_EXPIRED', checkedAt: now })
    assert.deepEqual(
      expired.records.map((r) => [r.valid, r.code]),
      [[false, 'ERR_EXPIRED']],
    )
  })
})
