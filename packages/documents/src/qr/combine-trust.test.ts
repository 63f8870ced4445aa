import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import { fullDate } from '../mdoc/full-date.ts'
import { combineTrust } from './combine-trust.ts'
import { issueQrCredential } from './issue-qr-credential.ts'
import { presentQr } from './present-qr.ts'
import { readStatusListToken, type StatusSnapshot } from './read-status-list-token.ts'
import { type QrTrust, readTrustList } from './read-trust-list.ts'
import { createQrTestIssuer, testStatusListId } from './testing.ts'
import { TrustRefusal } from './trust-refusal.ts'
import { verifyQrPresentation } from './verify-qr-presentation.ts'

// docs/federation.md: a verifier of one country (here "Homeland", HH) checks a document
// of another (Testland, ZZ) whose trust list it holds beside its own.
const now = new Date('2026-06-01T10:00:00Z')
const home = { code: 'HH', name: 'Homeland' }

let issuer: Awaited<ReturnType<typeof createQrTestIssuer>>
let holder: TestKey
let own: QrTrust
let credential: Uint8Array

const foreignTrust = async (options: Parameters<typeof issuer.signTrustList>[0] = {}) =>
  readTrustList(await issuer.signTrustList(options), issuer.anchor.publicJwk, now)

async function check(trust: QrTrust, at = now) {
  const text = await presentQr({ credential, disclose: ['given_name'], deviceSign: holder.sign, now })
  // The status list as a verifier kept it while the issuer was still trusted.
  const snapshot: StatusSnapshot = await readStatusListToken(await issuer.signStatusList({}), await foreignTrust())
  return verifyQrPresentation(text, {
    trust,
    statusOf: (listId) => (listId === testStatusListId ? snapshot : undefined),
    now: at,
  })
}

async function refusal(promise: Promise<unknown>, code: string): Promise<TrustRefusal> {
  const error = await promise.then(
    () => assert.fail('accepted'),
    (e: unknown) => e,
  )
  assert.ok(error instanceof TrustRefusal, String(error))
  assert.equal(error.code, code)
  return error
}

describe('another country’s documents, through its trust list (docs/federation.md)', () => {
  before(async () => {
    issuer = await createQrTestIssuer(now)
    holder = createTestKey()
    const homeAnchor = createTestKey()
    own = await readTrustList(
      await issuer.signTrustList({ country: home, empty: true, signer: homeAnchor }),
      homeAnchor.publicJwk,
      now,
    )
    credential = await issueQrCredential({
      documentType: 'id-card',
      claims: { given_name: 'Olena', birth_date: fullDate('1990-01-02') },
      deviceKey: holder.publicJwk,
      signingKey: issuer.signingKey,
      validUntil: new Date('2027-06-01T00:00:00Z'),
      status: { listId: testStatusListId, idx: 3 },
    })
  })

  it('accepts them and says which country issued them', async () => {
    const result = await check(combineTrust(own, [await foreignTrust()]))
    assert.deepEqual(result.issuer.country, { code: 'ZZ', name: 'Testland' })
    assert.equal(result.issuer.id, 'migration-service')
  })

  it('does not accept them from the own list alone', async () => {
    await assert.rejects(check(own), { code: 'ERR_UNTRUSTED_ISSUER' })
  })

  it('refuses an issuer its country withdrew, naming both', async () => {
    const withdrawn = await foreignTrust({ status: 'withdrawn' })
    assert.equal(withdrawn.issuers.length, 0)
    const error = await refusal(check(combineTrust(own, [withdrawn])), 'ERR_ISSUER_WITHDRAWN')
    assert.deepEqual(error.country, { code: 'ZZ', name: 'Testland' })
    assert.equal(error.issuer?.name.en, 'Migration Service')
    assert.match(error.message, /Testland \(ZZ\), issuer Migration Service/)
  })

  it('refuses them once their country’s list is past its validity, even while the own list is valid', async () => {
    const shortLived = await foreignTrust({ expiresAt: new Date(now.getTime() + 60_000) })
    const trust = combineTrust(own, [shortLived])
    await check(trust)
    const error = await refusal(check(trust, new Date(now.getTime() + 61_000)), 'ERR_TRUST_LIST_STALE')
    assert.equal(error.country.code, 'ZZ')
  })

  it('keeps the own list first when two lists name one country', async () => {
    const trust = combineTrust(own, [await foreignTrust({ country: home })])
    assert.equal(trust.certificates.size, 0)
    assert.deepEqual([...trust.countries.keys()], ['HH'])
  })
})
