import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { frozenClock, isPolisError, type SigningKey } from '@polis/kernel'
import { createStatusList } from './create-status-list.ts'
import { createStatusListCache } from './create-status-list-cache.ts'
import { createTestIssuer } from './create-test-issuer.ts'
import { setStatus } from './set-status.ts'
import { signStatusListToken } from './sign-status-list-token.ts'
import { StatusType } from './status-list.ts'

const uri = 'https://status.polis.example/lists/1'
const ours = await createTestIssuer()
const theirs = await createTestIssuer()
const is = (code: Parameters<typeof isPolisError>[1]) => (e: unknown) => isPolisError(e, code)

/** A Status Provider that signs the current list afresh on every fetch, and counts fetches. */
function setUp(token: { ttlSeconds?: number; validitySeconds?: number } = {}, cache = {}) {
  const clock = frozenClock('2026-06-01T00:00:00Z')
  const list = createStatusList({ size: 100, bits: 2 })
  const provider: { fetches: number; failWith?: Error; signingKey: SigningKey; sub?: string } = {
    fetches: 0,
    signingKey: ours.signingKey,
  }
  const statusOf = createStatusListCache({
    fetchToken: async (requested) => {
      provider.fetches++
      if (provider.failWith) throw provider.failWith
      const signed = { uri: provider.sub ?? requested, list, signingKey: provider.signingKey, now: clock() }
      return signStatusListToken({ ...signed, ...token })
    },
    trust: ours.anchors,
    now: clock,
    ...cache,
  })
  assert.equal(typeof statusOf, 'function')
  return { clock, list, provider, statusOf, ref: (idx: number) => ({ uri, idx }) }
}

describe('createStatusListCache (draft-ietf-oauth-status-list-20, sections 8.3 and 13.7)', () => {
  it('fetches once within ttl, then again after it, and sees a revocation made meanwhile', async () => {
    const { clock, list, provider, statusOf, ref } = setUp({ ttlSeconds: 60 })
    assert.equal(await statusOf(ref(3)), StatusType.VALID)
    setStatus(list, 3, StatusType.INVALID)
    clock.advance(59)
    assert.equal(await statusOf(ref(3)), StatusType.VALID)
    assert.equal(provider.fetches, 1)
    clock.advance(1)
    assert.equal(await statusOf(ref(3)), StatusType.INVALID)
    assert.equal(provider.fetches, 2)
  })

  it('section 11.3: refuses a list signed by another authority than the credential issuer', async () => {
    const { statusOf, ref } = setUp()
    const signer = ours.signingKey.chain[0] as Uint8Array
    const subject = new (await import('node:crypto')).X509Certificate(Buffer.from(signer)).subject
    assert.equal(await statusOf({ ...ref(1), issuerSubject: subject }), StatusType.VALID)
    await assert.rejects(statusOf({ ...ref(1), issuerSubject: 'C=ZZ\nCN=Someone Else' }), is('ERR_STATUS_UNAVAILABLE'))
  })

  it('shares one fetch among concurrent look-ups of a URI', async () => {
    const { provider, statusOf, ref } = setUp({ ttlSeconds: 60 })
    const statuses = await Promise.all(Array.from({ length: 100 }, (_, idx) => statusOf(ref(idx))))
    assert.deepEqual(new Set(statuses), new Set([StatusType.VALID]))
    assert.equal(provider.fetches, 1)
  })

  it('section 11.5: bounds ttl by maxAgeSeconds above and minAgeSeconds below', async () => {
    const long = setUp({ ttlSeconds: 86_400 }, { maxAgeSeconds: 300 })
    await long.statusOf(long.ref(0))
    long.clock.advance(299)
    await long.statusOf(long.ref(0))
    assert.equal(long.provider.fetches, 1)
    long.clock.advance(1)
    await long.statusOf(long.ref(0))
    assert.equal(long.provider.fetches, 2)

    const short = setUp({ ttlSeconds: 1 }, { minAgeSeconds: 10 })
    await short.statusOf(short.ref(0))
    short.clock.advance(9)
    await short.statusOf(short.ref(0))
    assert.equal(short.provider.fetches, 1)
    short.clock.advance(1)
    await short.statusOf(short.ref(0))
    assert.equal(short.provider.fetches, 2)
  })

  it('keeps a token without ttl for maxAgeSeconds (default 300), and never past its exp', async () => {
    const plain = setUp()
    await plain.statusOf(plain.ref(0))
    plain.clock.advance(299)
    await plain.statusOf(plain.ref(0))
    assert.equal(plain.provider.fetches, 1)
    plain.clock.advance(1)
    await plain.statusOf(plain.ref(0))
    assert.equal(plain.provider.fetches, 2)

    const expiring = setUp({ ttlSeconds: 3600, validitySeconds: 120 })
    await expiring.statusOf(expiring.ref(0))
    expiring.clock.advance(119)
    await expiring.statusOf(expiring.ref(0))
    assert.equal(expiring.provider.fetches, 1)
    expiring.clock.advance(1)
    await expiring.statusOf(expiring.ref(0))
    assert.equal(expiring.provider.fetches, 2)
  })

  it('answers ERR_STATUS_UNAVAILABLE when the fetch fails, remembers it for retryAfterSeconds, then retries', async () => {
    const { clock, provider, statusOf, ref } = setUp({ ttlSeconds: 60 }, { retryAfterSeconds: 2 })
    provider.failWith = new Error('connection refused')
    await assert.rejects(statusOf(ref(0)), is('ERR_STATUS_UNAVAILABLE'))
    await assert.rejects(statusOf(ref(0)), is('ERR_STATUS_UNAVAILABLE'))
    assert.equal(provider.fetches, 1)
    delete provider.failWith
    clock.advance(2)
    assert.equal(await statusOf(ref(0)), StatusType.VALID)
    assert.equal(provider.fetches, 2)
  })

  it('section 8.3: a token that does not verify gives ERR_STATUS_UNAVAILABLE with the reason as cause', async () => {
    const foreign = setUp()
    foreign.provider.signingKey = theirs.signingKey
    await assert.rejects(
      foreign.statusOf(foreign.ref(0)),
      (e) => is('ERR_STATUS_UNAVAILABLE')(e) && e instanceof Error && isPolisError(e.cause, 'ERR_UNTRUSTED_ISSUER'),
    )
    const moved = setUp()
    moved.provider.sub = `${uri}/other`
    await assert.rejects(
      moved.statusOf(moved.ref(0)),
      (e) => is('ERR_STATUS_UNAVAILABLE')(e) && e instanceof Error && isPolisError(e.cause, 'ERR_MALFORMED'),
    )
  })

  it('keeps at most maxEntries lists, dropping the oldest', async () => {
    const { provider, statusOf } = setUp({ ttlSeconds: 60 }, { maxEntries: 1 })
    const other = `${uri}/2`
    await statusOf({ uri, idx: 0 })
    await statusOf({ uri: other, idx: 0 })
    await statusOf({ uri: other, idx: 1 })
    assert.equal(provider.fetches, 2)
    await statusOf({ uri, idx: 0 })
    assert.equal(provider.fetches, 3)
  })

  it('section 8.3 step 6: rejects an index outside the list with ERR_MALFORMED', async () => {
    const { statusOf, ref } = setUp()
    await assert.rejects(statusOf(ref(100)), is('ERR_MALFORMED'))
    await assert.rejects(statusOf(ref(-1)), is('ERR_MALFORMED'))
  })

  it('refuses inconsistent bounds with ERR_CONFIG_INVALID', () => {
    const base = { fetchToken: async () => '', trust: ours.anchors, now: () => new Date() }
    assert.throws(() => createStatusListCache({ ...base, minAgeSeconds: 600 }), is('ERR_CONFIG_INVALID'))
    assert.throws(() => createStatusListCache({ ...base, maxEntries: 0 }), is('ERR_CONFIG_INVALID'))
  })
})
