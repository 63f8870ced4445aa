import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { createDatabaseKeyStore, type DatabaseKeyStore, openTestStore, type Store, testEngine } from '@polis/store'
import fc from 'fast-check'
import {
  checkClientRegistration,
  createClientCache,
  findClient,
  findClientMetadata,
  registerClient,
  revokeClient,
} from './clients.ts'

let store: Store
let keys: DatabaseKeyStore
const now = new Date('2026-11-28T09:00:00Z')
before(async () => {
  store = await openTestStore()
  keys = await createDatabaseKeyStore({ db: store.db, kek: randomBytes(32), now: () => now })
})
after(() => store?.close())

const shop = {
  name: 'City Library',
  purpose: { uk: 'Видача книжок', en: 'Lending books', et: 'Raamatute laenutus' },
  redirectUris: ['https://library.example/callback'],
}

/** A fresh P-256 key pair as WebCrypto exports it: the public JWK carries `key_ops` and `ext` too. */
async function p256() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  return {
    publicJwk: (await crypto.subtle.exportKey('jwk', pair.publicKey)) as Record<string, unknown>,
    privateJwk: (await crypto.subtle.exportKey('jwk', pair.privateKey)) as Record<string, unknown>,
  }
}

const problemsOf = (registration: unknown) => {
  const checked = checkClientRegistration(registration)
  return checked.ok ? {} : checked.problems
}

describe(`registering Polis ID's clients, on ${testEngine}`, () => {
  it('takes exact https addresses, and http on the machine itself only', () => {
    assert.deepEqual(problemsOf(shop), {})
    assert.deepEqual(problemsOf({ ...shop, redirectUris: ['http://localhost:3000/cb'] }), {})
    assert.deepEqual(problemsOf({ ...shop, redirectUris: ['http://127.0.0.1/cb', 'http://127.0.0.1/b'] }), {})
    for (const uri of [
      'http://library.example/callback',
      'https://library.example/callback#top',
      'https://user:pw@library.example/callback',
      'library.example/callback',
      'javascript:alert(1)',
    ]) {
      assert.ok(problemsOf({ ...shop, redirectUris: [uri] }).redirectUris, uri)
    }
    assert.ok(problemsOf({ ...shop, postLogoutRedirectUris: ['http://library.example/out'] }).postLogoutRedirectUris)
    assert.ok(problemsOf({ ...shop, redirectUris: [] }).redirectUris)
  })

  it('says every problem at once, each under its field', async () => {
    const problems = problemsOf({
      name: ' ',
      purpose: { uk: 'Видача книжок', en: '', et: 'Raamatute laenutus' },
      redirectUris: ['http://library.example/cb'],
      scopes: ['openid', 'everything'],
    })
    assert.deepEqual(Object.keys(problems).sort(), ['name', 'purpose', 'redirectUris', 'scopes'])
    const { privateJwk } = await p256()
    const keyAndName = problemsOf({ ...shop, name: '', jwks: { keys: [privateJwk] } })
    assert.deepEqual(Object.keys(keyAndName).sort(), ['jwks', 'name'])
  })

  it('keeps only the public part of ES256 keys, and refuses a private key without storing or repeating it', async () => {
    const { publicJwk, privateJwk } = await p256()
    const checked = checkClientRegistration({ ...shop, jwks: { keys: [{ ...publicJwk, kid: 'k1', use: 'sig' }] } })
    assert.ok(checked.ok)
    assert.deepEqual(Object.keys(checked.client.jwks?.keys[0] ?? {}).sort(), ['crv', 'kid', 'kty', 'use', 'x', 'y'])

    const leaked = problemsOf({ ...shop, jwks: { keys: [privateJwk] } })
    assert.ok(leaked.jwks)
    assert.ok(!leaked.jwks.includes(String(privateJwk.d)), 'the private part is not in the problem')
    await assert.rejects(
      registerClient({ store, sealer: keys, now, registration: { ...shop, jwks: { keys: [privateJwk] } } }),
      (error) => isPolisError(error) && error.code === 'ERR_CLIENT_REGISTRATION' && error.field === 'jwks',
    )
    const stored = await store.db.selectFrom('id_clients').select('jwks').execute()
    assert.ok(stored.every((row) => !row.jwks?.includes(String(privateJwk.d))))

    const other = (await p256()).publicJwk
    for (const wrong of [
      { kty: 'RSA', n: 'AQAB', e: 'AQAB' },
      { ...publicJwk, crv: 'P-384' },
      { ...publicJwk, x: other.x },
      { ...publicJwk, use: 'enc' },
      { ...publicJwk, alg: 'RS256' },
      { ...publicJwk, k: 'c2VjcmV0' },
    ]) {
      assert.ok(problemsOf({ ...shop, jwks: { keys: [wrong] } }).jwks, JSON.stringify(Object.keys(wrong)))
    }
    const twice = {
      keys: [
        { ...publicJwk, kid: 'same' },
        { ...other, kid: 'same' },
      ],
    }
    assert.ok(problemsOf({ ...shop, jwks: twice }).jwks)
  })

  it('keeps officials’ roles and multi-host clients from third parties (OpenID Connect Core 8.1)', () => {
    assert.ok(problemsOf({ ...shop, scopes: ['openid', 'office'] }).scopes)
    assert.deepEqual(problemsOf({ ...shop, scopes: ['openid', 'office'], subjectType: 'public' }), {})
    const twoSites = ['https://library.example/cb', 'https://books.example/cb']
    assert.ok(problemsOf({ ...shop, redirectUris: twoSites }).redirectUris)
    assert.ok(problemsOf({ ...shop, redirectUris: ['http://localhost:9/a', 'http://localhost:10/a'] }).redirectUris)
    assert.deepEqual(
      problemsOf({ ...shop, redirectUris: ['https://library.example/a', 'https://library.example/b'] }),
      {},
    )
  })

  it('forgets a client revoked in this process at once, in every cache of it', async () => {
    const client = await registerClient({ store, sealer: keys, now, registration: shop, registeredBy: 'operator' })
    const cache = createClientCache(store, keys)
    assert.equal((await cache.summary(client.clientId))?.name, 'City Library')
    assert.ok(await cache.metadata(client.clientId))
    await revokeClient(store, { clientId: client.clientId, by: 'operator', reason: 'Closed down', now })
    assert.equal(await cache.summary(client.clientId), undefined)
    assert.equal(await cache.metadata(client.clientId), undefined)
  })

  it('never throws on any input, and what it takes is stored as it was checked', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const checked = checkClientRegistration(input)
        if (checked.ok) assert.ok(checked.client.redirectUris.length >= 1)
        else assert.ok(Object.keys(checked.problems).length >= 1)
      }),
      { numRuns: fuzzRuns(300) },
    )
    fc.assert(
      fc.property(
        fc.record({ name: fc.string(), redirectUris: fc.array(fc.webUrl({ withFragments: true }), { maxLength: 3 }) }),
        (input) => {
          const checked = checkClientRegistration(input)
          if (!checked.ok) return
          for (const uri of checked.client.redirectUris) assert.ok(!uri.includes('#') && uri.startsWith('https://'))
        },
      ),
      { numRuns: fuzzRuns(300) },
    )
  })

  it('revokes a client with a reason, once, after which Polis ID knows it no more', async () => {
    const client = await registerClient({ store, sealer: keys, now, registration: shop, registeredBy: 'official:1' })
    assert.ok(client.clientSecret)
    assert.ok(await findClientMetadata(store, keys, client.clientId))
    await assert.rejects(
      revokeClient(store, { clientId: client.clientId, by: 'official:2', reason: 'no', now }),
      (error) => isPolisError(error) && error.code === 'ERR_BAD_REQUEST' && error.field === 'reason',
    )
    const revoke = () =>
      revokeClient(store, { clientId: client.clientId, by: 'official:2', reason: 'Contract ended', now })
    assert.equal(await revoke(), 'revoked')
    assert.equal(await revoke(), 'already-revoked')
    assert.equal(await revokeClient(store, { clientId: 'c-unknown', by: 'operator', reason: 'Typo', now }), 'unknown')
    assert.equal(await findClientMetadata(store, keys, client.clientId), undefined)
    const record = await findClient(store, client.clientId)
    assert.equal(record?.registeredBy, 'official:1')
    assert.equal(record?.revokedBy, 'official:2')
    assert.equal(record?.revocationReason, 'Contract ended')
    assert.equal(record?.revokedAt, now.toISOString())
  })

  it("does not revoke the platform's own clients, so the office stays open to put things right", async () => {
    const portal = await registerClient({
      store,
      sealer: keys,
      now,
      registeredBy: 'platform',
      registration: { ...shop, name: 'Portal', subjectType: 'public' },
    })
    assert.equal(
      await revokeClient(store, { clientId: portal.clientId, by: 'operator', reason: 'By mistake', now }),
      'platform-own',
    )
    assert.ok(await findClientMetadata(store, keys, portal.clientId))
    assert.equal((await findClient(store, portal.clientId))?.platformOwn, true)
  })
})
