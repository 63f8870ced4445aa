import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { createDatabaseKeyStore, openStore, openTestStore, testEngine } from './index.ts'

const now = () => new Date('2026-06-01T00:00:00Z')

describe(`store on ${testEngine}`, () => {
  it('migrates a new database and opens it again without change', async () => {
    const store = await openTestStore()
    const meta = await store.db.selectFrom('meta').selectAll().execute()
    assert.deepEqual(
      meta.map((m) => m.key),
      ['polis.schema'],
    )
    await store.close()
  })

  it('seals keys: signs after reopening, refuses a wrong key-encryption key', async () => {
    const store = await openTestStore()
    const kek = new Uint8Array(32).fill(7)
    const keys = await createDatabaseKeyStore({ db: store.db, kek, now })
    const jwk = await keys.generate('issuer:test')
    assert.equal(jwk.crv, 'P-256')
    assert.equal('d' in jwk, false)
    const row = await store.db.selectFrom('keys').selectAll().executeTakeFirstOrThrow()
    assert.equal(row.encrypted_private_key.includes(jwk.x as string), false)

    const again = await createDatabaseKeyStore({ db: store.db, kek, now })
    const signature = await (await again.signer('issuer:test'))(new Uint8Array([1, 2, 3]))
    assert.equal(signature.length, 64)

    await assert.rejects(createDatabaseKeyStore({ db: store.db, kek: new Uint8Array(32).fill(8), now }), (e) =>
      isPolisError(e, 'ERR_KEY_DECRYPTION'),
    )
    await store.close()
  })

  it('seals other secrets bound to their label', async () => {
    const store = await openTestStore()
    const keys = await createDatabaseKeyStore({ db: store.db, kek: new Uint8Array(32).fill(7), now })
    const sealed = keys.seal('client secret', 'demo-bank.client')
    assert.equal(sealed.includes('client secret'), false)
    assert.equal(keys.unseal(sealed, 'demo-bank.client'), 'client secret')
    assert.throws(
      () => keys.unseal(sealed, 'demo-bank.jwks'),
      (e) => isPolisError(e, 'ERR_KEY_DECRYPTION'),
    )
    await store.close()
  })
})

describe('embedded database file', () => {
  it('refuses a file that is not a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polis-'))
    writeFileSync(join(dir, 'polis.sqlite'), 'this is not sqlite, just some bytes'.repeat(200))
    await assert.rejects(openStore({ dataDir: dir }), (e) => isPolisError(e, 'ERR_DATABASE_CORRUPT'))
  })

  it('keeps data across reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polis-'))
    const first = await openStore({ dataDir: dir })
    await first.db.insertInto('meta').values({ key: 'x', value: 'y' }).execute()
    await first.close()
    const second = await openStore({ dataDir: dir })
    const row = await second.db.selectFrom('meta').selectAll().where('key', '=', 'x').executeTakeFirst()
    assert.equal(row?.value, 'y')
    await second.close()
  })
})
