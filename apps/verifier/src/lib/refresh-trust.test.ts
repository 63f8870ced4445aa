import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { StatusType } from '@polis/documents'
import { isPolisError } from '@polis/kernel/errors'
import { createTestKey } from '@polis/trust/testing'
import { loadTrust } from './load-trust.ts'
import { refreshTrust } from './refresh-trust.ts'
import { createTestCountry } from './testing/create-test-country.ts'

const now = new Date('2026-06-01T10:00:00Z')
const later = new Date('2026-06-01T10:05:00Z')

describe('refreshTrust and loadTrust', () => {
  it('pins the anchor on first run and keeps only what verified, with when it was fetched', async () => {
    const country = await createTestCountry(now)
    const { stored, complete } = await refreshTrust({ stored: { statusLists: [] }, fetchText: country.fetchText, now })
    assert.equal(complete, true)
    assert.deepEqual(stored.anchor, country.anchor.publicJwk)
    assert.equal(stored.list?.fetchedAt, now.toISOString())
    assert.deepEqual(
      stored.statusLists.map((list) => [list.uri, list.fetchedAt]),
      [[country.statusUri, now.toISOString()]],
    )
    const state = await loadTrust(stored, later)
    assert.equal(state.problem, undefined)
    assert.deepEqual(
      state.trust?.issuers.map((issuer) => issuer.id),
      ['migration-service'],
    )
    assert.equal(state.statuses.size, 1)
    assert.deepEqual(state.listFetchedAt, now)
    assert.deepEqual(state.statusFetchedAt, now)
  })

  it('refuses a different anchor once one is pinned, whatever it signs', async () => {
    const country = await createTestCountry(now)
    const { stored } = await refreshTrust({ stored: { statusLists: [] }, fetchText: country.fetchText, now })
    const impostor = createTestKey()
    country.answers['/trust/anchor.jwk'] = () => JSON.stringify(impostor.publicJwk)
    country.answers['/trust/list'] = () => country.trustList(impostor)
    await assert.rejects(refreshTrust({ stored, fetchText: country.fetchText, now: later }), (error) =>
      isPolisError(error, 'ERR_UNTRUSTED_ISSUER'),
    )
  })

  it('refuses a trust list the pinned anchor did not sign', async () => {
    const country = await createTestCountry(now)
    country.answers['/trust/list'] = () => country.trustList(createTestKey())
    await assert.rejects(refreshTrust({ stored: { statusLists: [] }, fetchText: country.fetchText, now }), (error) =>
      isPolisError(error, 'ERR_SIGNATURE_INVALID'),
    )
  })

  it('keeps the older copy of a status list it cannot download, and says so', async () => {
    const country = await createTestCountry(now)
    const first = await refreshTrust({ stored: { statusLists: [] }, fetchText: country.fetchText, now })
    country.answers[country.statusUri] = () => {
      throw new Error('offline')
    }
    const second = await refreshTrust({ stored: first.stored, fetchText: country.fetchText, now: later })
    assert.equal(second.complete, false)
    assert.equal(second.stored.list?.fetchedAt, later.toISOString())
    assert.deepEqual(second.stored.statusLists, first.stored.statusLists)
    const state = await loadTrust(second.stored, later)
    assert.deepEqual(state.statusFetchedAt, now, 'the age shown is the oldest copy’s')
  })

  it('keeps the older status lists when the index is missing or malformed', async () => {
    const country = await createTestCountry(now)
    const first = await refreshTrust({ stored: { statusLists: [] }, fetchText: country.fetchText, now })
    country.answers['/status/lists'] = () => '{"lists": "nope"}'
    const second = await refreshTrust({ stored: first.stored, fetchText: country.fetchText, now: later })
    assert.equal(second.complete, false)
    assert.deepEqual(second.stored.statusLists, first.stored.statusLists)
  })

  it('reports stored data that no longer verifies, and offers no trust from it', async () => {
    const country = await createTestCountry(now)
    const { stored } = await refreshTrust({ stored: { statusLists: [] }, fetchText: country.fetchText, now })
    const tampered = { ...stored, list: { jws: `${stored.list?.jws}x`, fetchedAt: now.toISOString() } }
    const state = await loadTrust(tampered, later)
    assert.equal(state.trust, undefined)
    assert.ok(state.problem)
    const revoked = await country.statusList(StatusType.INVALID)
    const withForeignList = { ...stored, statusLists: [{ uri: 'x', jwt: `${revoked}x`, fetchedAt: now.toISOString() }] }
    assert.equal((await loadTrust(withForeignList, later)).statuses.size, 0, 'a list that fails is left out')
  })

  it('has nothing to trust before the first download', async () => {
    const state = await loadTrust({ statusLists: [] }, now)
    assert.equal(state.trust, undefined)
    assert.equal(state.problem, undefined)
    assert.equal(state.listFetchedAt, undefined)
  })
})
