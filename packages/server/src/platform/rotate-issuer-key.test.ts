import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { readTrustList } from '@polis/documents/qr'
import { isPolisError, type PublicJwk } from '@polis/kernel'
import { testEngine } from '@polis/store'
import { createIssuer } from '../issuance/create-issuer.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { createVerifier } from '../verification/create-verifier.ts'
import { anchorJwk, buildTrustList, getSignedTrustList } from './build-trust-list.ts'
import { createPlatform } from './create-platform.ts'
import { reloadIssuerKeys } from './reload-issuer-keys.ts'
import { rotateIssuerKey } from './rotate-issuer-key.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 20 })
})
after(() => t?.close())

const holderKey = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as PublicJwk
const agency = 'migration-service'
const day = 86_400

/** The first certificate of an SD-JWT's x5c header: who signed it. */
function signerOf(credential: string): string {
  const header = JSON.parse(Buffer.from(credential.split('.')[0] ?? '', 'base64url').toString()) as { x5c: string[] }
  return header.x5c[0] ?? ''
}

/** The instance as a process started after the rotation sees it: the same database, trust loaded anew. */
const restarted = () =>
  createPlatform({ config: t.platform.config, store: t.platform.store, now: t.now, exchange: 'off', warn: () => {} })

describe(`rotating an issuing agency's key, on ${testEngine}`, () => {
  it('signs new documents with the new key while documents issued before still verify, until the old certificate expires', async () => {
    const citizen = t.holding('id-card')
    const issue = (issuer: ReturnType<typeof createIssuer>) =>
      issuer.issue({ citizenId: citizen, documentType: 'id-card', format: 'dc+sd-jwt', holderKey: holderKey() })
    const old = await issue(t.issuer)
    t.now.advance(30 * day)
    assert.ok(old.expiresAt > t.now(), 'the old document is still in force')

    const rotated = await rotateIssuerKey(t.platform, { agency })
    assert.equal(rotated.keyId, `issuer:${agency}@2`)
    assert.equal(rotated.stillTrusted, 1)
    // A running process goes on with the old key until it reloads (its housekeeping does).
    assert.equal(signerOf((await issue(t.issuer)).credential), signerOf(old.credential))
    await reloadIssuerKeys(t.platform)
    const after = t.platform
    const fresh = await issue(t.issuer)
    assert.notEqual(signerOf(fresh.credential), signerOf(old.credential), 'the new document is signed with the new key')
    assert.equal(after.trust.signingKeys.get(agency)?.id, rotated.keyId)
    // A process started now loads the same.
    const started = await restarted()
    assert.equal(started.trust.signingKeys.get(agency)?.id, rotated.keyId)
    assert.deepEqual(buildTrustList(started).entities, buildTrustList(after).entities)

    // Both on the trust list, the signing one first; both documents verify.
    const entity = buildTrustList(after).entities.find((e) => e.id === agency)
    assert.deepEqual(
      entity?.certificates.map((c) => c.x5c),
      [signerOf(fresh.credential), signerOf(old.credential)],
    )
    const verifier = createVerifier(after)
    for (const document of [old, fresh]) {
      const result = await verifier.verify({ input: document.credential })
      assert.equal(result.valid, true, JSON.stringify(result))
    }
    // The old document's status changes as before, in a list now signed with the new key.
    await createIssuer(after).changeStatus({ status: old.status, to: 'revoked', reason: 'test' })
    await assert.rejects(verifier.verify({ input: old.credential }), (error) => isPolisError(error, 'ERR_REVOKED'))

    // Once the old certificate has expired it leaves the trust list; the new one stays.
    t.now.advance(5 * 365 * day)
    await reloadIssuerKeys(t.platform)
    const later = t.platform
    const certificates = buildTrustList(later).entities.find((e) => e.id === agency)?.certificates ?? []
    assert.deepEqual(
      certificates.map((c) => c.x5c),
      [signerOf(fresh.credential)],
    )
    await assert.rejects(rotateIssuerKey(later, { agency: 'no-such-agency' }), (error) =>
      isPolisError(error, 'ERR_BAD_REQUEST'),
    )
  })

  it('withdraws a compromised key’s earlier certificates at once: verifiers refuse what it signed, and take what the new key signs', async () => {
    const own = await createTestPlatform({ citizens: 20 })
    try {
      const citizen = own.holding('id-card')
      const issue = () =>
        own.issuer.issue({ citizenId: citizen, documentType: 'id-card', format: 'dc+sd-jwt', holderKey: holderKey() })
      const stolen = await issue()
      const verifier = createVerifier(own.platform)
      assert.equal((await verifier.verify({ input: stolen.credential })).valid, true)

      const rotated = await rotateIssuerKey(own.platform, { agency, compromised: true })
      assert.deepEqual([rotated.withdrawn, rotated.stillTrusted], [1, 0])
      await reloadIssuerKeys(own.platform)
      // Online: what the withdrawn certificate signed is refused, naming the issuer; the new key's is taken.
      await assert.rejects(
        verifier.verify({ input: stolen.credential }),
        (error) => isPolisError(error, 'ERR_ISSUER_CERTIFICATE_WITHDRAWN') && /migration/i.test(String(error.detail)),
      )
      const reissued = await issue()
      assert.notEqual(signerOf(reissued.credential), signerOf(stolen.credential))
      assert.equal((await verifier.verify({ input: reissued.credential })).valid, true)

      // The trust list marks the old certificate withdrawn; a verifier reading it (the app, another country) never trusts it.
      const entity = buildTrustList(own.platform).entities.find((e) => e.id === agency)
      assert.deepEqual(
        entity?.certificates.map((c) => [c.x5c, 'status' in c ? c.status : 'trusted']),
        [
          [signerOf(reissued.credential), 'trusted'],
          [signerOf(stolen.credential), 'withdrawn'],
        ],
      )
      const read = await readTrustList(await getSignedTrustList(own.platform), anchorJwk(own.platform), own.now())
      const stolenSha = [...read.withdrawn.values()].find((c) => c.certificateWithdrawn)?.sha256
      assert.ok(stolenSha && !read.certificates.has(stolenSha))
      assert.ok(
        read.issuers.some((i) => i.id === agency),
        'the issuer itself stays trusted',
      )
      // A process started now knows the withdrawal too.
      const started = await createPlatform({
        config: own.platform.config,
        store: own.platform.store,
        now: own.now,
        exchange: 'off',
        warn: () => {},
      })
      await assert.rejects(createVerifier(started).verify({ input: stolen.credential }), (error) =>
        isPolisError(error, 'ERR_ISSUER_CERTIFICATE_WITHDRAWN'),
      )
    } finally {
      await own.close()
    }
  })
})
