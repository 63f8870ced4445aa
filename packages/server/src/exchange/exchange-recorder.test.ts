import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ExchangeRecord } from '@polis/exchange'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { exchangeRecorder } from './build-security-server.ts'

let store: Store
before(async () => {
  store = await openTestStore()
})
after(() => store?.close())

const recordOf = (n: number, side: ExchangeRecord['side']): ExchangeRecord => ({
  side,
  id: `message-${n}`,
  client: `UA/GOV/0000${n}/benefits`,
  service: 'UA/GOV/00015622/population/records',
  issue: n % 2 === 0 ? `service:case-${n}` : undefined,
  requestHash: `hash-${n}`,
  status: 200 + n,
  fault: n % 3 === 0 ? 'ERR_EXCHANGE_ACCESS_DENIED' : undefined,
  at: new Date(Date.UTC(2026, 10, 28, 12, 0, n)).toISOString(),
})

describe(`the exchange's records on ${testEngine}`, () => {
  it('keeps every field of each record, whether alone or with others of its moment, the same count again or not', async () => {
    const record = exchangeRecorder(store)('GOV/00015622/ss-migration')
    const moments = [[1], [2, 3, 4], [5, 6, 7], [8]]
    for (const moment of moments) {
      await Promise.all(moment.map((n) => record(recordOf(n, n % 2 === 0 ? 'provider' : 'consumer'))))
    }
    const rows = await store.db.selectFrom('exchange_records').selectAll().orderBy('message_id').execute()
    assert.deepEqual(
      rows.map((row) => ({
        side: row.side,
        server: row.server,
        id: row.message_id,
        client: row.client,
        service: row.service,
        issue: row.issue ?? undefined,
        requestHash: row.request_hash,
        status: Number(row.status),
        fault: row.fault ?? undefined,
        at: row.at,
        logged: row.log_index,
      })),
      moments.flat().map((n) => {
        const { side, ...rest } = recordOf(n, n % 2 === 0 ? 'provider' : 'consumer')
        return { side, server: 'GOV/00015622/ss-migration', ...rest, logged: null }
      }),
    )
    // Keys in the order of the records' times.
    const keys = await store.db.selectFrom('exchange_records').select(['id', 'at']).orderBy('id').execute()
    assert.deepEqual(
      keys.map((k) => k.at),
      [...keys.map((k) => k.at)].sort(),
    )
  })
})
