import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { signCompactJws } from '@polis/documents'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import { checkQrText } from './check-qr-text.ts'
import { loadTrust } from './load-trust.ts'
import { refreshTrust } from './refresh-trust.ts'
import { createTestCountry } from './testing/create-test-country.ts'

// docs/federation.md: an Estonian verifier app learns Ukraine's anchor from its own
// instance's statement, signed by the Estonian anchor it pinned, and Ukraine's list and
// status lists from the copies its instance serves.
const now = new Date('2026-06-01T10:00:00Z')
const later = new Date('2026-06-01T10:01:00Z')
const statusCopy = '/trust/federation/UA/status/0b9e3c1a-5d2f-4e8a-9c7b-1f2e3d4c5b6a'

async function twoCountries() {
  const estonia = await createTestCountry(now, { country: { code: 'EE', name: 'Estonia' } })
  const ukraine = await createTestCountry(now, { country: { code: 'UA', name: 'Ukraine' } })
  const statement = (signer: TestKey = estonia.anchor, anchor: JsonWebKey = ukraine.anchor.publicJwk) =>
    signCompactJws({
      header: { alg: 'ES256', typ: 'trust-federation+jwt' },
      payload: {
        iat: now.getTime() / 1000,
        exp: now.getTime() / 1000 + 7 * 86400,
        countries: [
          { code: 'UA', name: 'Ukraine', list: '/trust/federation/UA/list', anchor: { sha256: 'ab', jwk: anchor } },
        ],
      },
      sign: signer.sign,
    })
  // Estonia's own lists would share the test list id; it publishes none here.
  estonia.answers['/status/lists'] = () => JSON.stringify({ lists: [] })
  estonia.answers['/trust/federation'] = () => statement()
  estonia.answers['/trust/federation/UA/list'] = () => ukraine.trustList()
  estonia.answers['/trust/federation/UA/status/lists'] = () =>
    JSON.stringify({ lists: [{ uri: `https://ee.test${statusCopy}`, issuer: 'UA' }] })
  estonia.answers[`https://ee.test${statusCopy}`] = () => ukraine.statusList()
  return { estonia, ukraine, statement }
}

async function checkIn(stored: Parameters<typeof loadTrust>[0], text: string) {
  return checkQrText({ text, trust: await loadTrust(stored, later), now: later, record: async () => 'recorded' })
}

describe('another country’s documents in the verifier app', () => {
  it('accepts a Ukrainian code through Estonia’s statement, and says Ukraine issued it', async () => {
    const { estonia, ukraine } = await twoCountries()
    const { stored, complete } = await refreshTrust({ stored: { statusLists: [] }, fetchText: estonia.fetchText, now })
    assert.equal(complete, true)
    assert.deepEqual(
      stored.federation?.countries.map((country) => [country.code, country.statusLists.length]),
      [['UA', 1]],
    )
    const verdict = await checkIn(stored, await ukraine.present(later))
    assert.equal(verdict.valid, true, JSON.stringify(verdict))
    assert.deepEqual(verdict.valid && verdict.country, { code: 'UA', name: 'Ukraine' })
    // Estonia's own documents say no country: they are the inspector's own.
    const own = await checkIn(stored, await estonia.present(later))
    assert.equal(own.valid ? own.country : 'refused', undefined)
  })

  it('refuses it, naming Ukraine and the issuer, once Ukraine’s list withdraws the issuer', async () => {
    const { estonia, ukraine } = await twoCountries()
    const first = await refreshTrust({ stored: { statusLists: [] }, fetchText: estonia.fetchText, now })
    estonia.answers['/trust/federation/UA/list'] = () => ukraine.trustList(ukraine.anchor, { withdrawn: true })
    const { stored } = await refreshTrust({ stored: first.stored, fetchText: estonia.fetchText, now: later })
    const verdict = await checkIn(stored, await ukraine.present(later))
    assert.equal(verdict.valid, false)
    assert.equal(!verdict.valid && verdict.code, 'ERR_ISSUER_WITHDRAWN')
    assert.deepEqual(!verdict.valid && verdict.about?.country, { code: 'UA', name: 'Ukraine' })
    assert.equal(!verdict.valid && verdict.about?.issuer?.id, 'migration-service')
  })

  it('trusts no other country on a statement its own anchor did not sign', async () => {
    const { estonia, ukraine, statement } = await twoCountries()
    estonia.answers['/trust/federation'] = () => statement(createTestKey())
    const { stored, complete } = await refreshTrust({ stored: { statusLists: [] }, fetchText: estonia.fetchText, now })
    assert.equal(complete, false)
    assert.equal(stored.federation, undefined)
    const verdict = await checkIn(stored, await ukraine.present(later))
    assert.equal(!verdict.valid && verdict.code, 'ERR_UNTRUSTED_ISSUER')
  })

  it('keeps no list that the anchor the statement names did not sign, nor one tampered with in storage', async () => {
    const { estonia, ukraine } = await twoCountries()
    estonia.answers['/trust/federation/UA/list'] = () => ukraine.trustList(createTestKey())
    const refused = await refreshTrust({ stored: { statusLists: [] }, fetchText: estonia.fetchText, now })
    assert.equal(refused.complete, false)
    assert.deepEqual(refused.stored.federation?.countries, [])

    estonia.answers['/trust/federation/UA/list'] = () => ukraine.trustList()
    const { stored } = await refreshTrust({ stored: { statusLists: [] }, fetchText: estonia.fetchText, now })
    const held = stored.federation?.countries[0]
    assert.ok(held)
    const tampered = {
      ...stored,
      federation: {
        jws: stored.federation?.jws ?? '',
        countries: [{ ...held, list: { ...held.list, jws: `${held.list.jws}x` } }],
      },
    }
    const verdict = await checkIn(tampered, await ukraine.present(later))
    assert.equal(!verdict.valid && verdict.code, 'ERR_UNTRUSTED_ISSUER')
  })
})
