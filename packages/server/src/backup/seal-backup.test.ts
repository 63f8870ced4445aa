import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { isPolisError } from '@polis/kernel'
import { openSealedBackup, readBackupHeader, writeSealedBackup } from './seal-backup.ts'

const dir = mkdtempSync(join(tmpdir(), 'polis-seal-'))
const secrets = { engine: 'sqlite' as const, createdAt: new Date('2026-11-27T12:00:00.000Z'), kek: randomBytes(32) }
// Larger than a stream's chunk, so that the key and the database arrive in pieces.
const database = Buffer.concat([Buffer.from('the database, as bytes '), randomBytes(200_000)])
const passphrase = 'a long passphrase for the test'
const refusedWith = (code: string) => (error: unknown) => isPolisError(error) && error.code === code

async function sealed(name: string): Promise<string> {
  const path = join(dir, name)
  await writeSealedBackup({ ...secrets, path, database: Readable.from([database]), passphrase })
  return path
}

describe('a backup sealed under a passphrase (AES-256-GCM, key by scrypt)', () => {
  it('opens with its passphrase to what was sealed, and says only its engine and date in the clear', async () => {
    const path = await sealed('good')
    const databasePath = join(dir, 'good.database')
    const opened = await openSealedBackup({ path, passphrase, databasePath })
    assert.deepEqual(opened, { ...secrets, kek: new Uint8Array(secrets.kek) })
    assert.deepEqual(gunzipSync(readFileSync(databasePath)), database)
    const { header } = readBackupHeader(path)
    assert.equal(header.engine, 'sqlite')
    assert.equal(header.kdf.N, 2 ** 17)
    const file = readFileSync(path)
    assert.equal(file.indexOf(secrets.kek), -1)
    assert.equal(file.indexOf(Buffer.from('the database')), -1)
  })

  it('refuses a wrong passphrase, a changed header and a changed body alike, with ERR_BACKUP_PASSPHRASE', async () => {
    const path = await sealed('tampered')
    const databasePath = join(dir, 'tampered.database')
    await assert.rejects(
      openSealedBackup({ path, passphrase: 'another long passphrase', databasePath }),
      refusedWith('ERR_BACKUP_PASSPHRASE'),
    )
    const file = readFileSync(path)
    const body = Buffer.from(file)
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 1
    writeFileSync(join(dir, 'body'), body)
    await assert.rejects(
      openSealedBackup({ path: join(dir, 'body'), passphrase, databasePath }),
      refusedWith('ERR_BACKUP_PASSPHRASE'),
    )
    // The engine said in the clear is bound to the ciphertext: changing it breaks the seal.
    writeFileSync(join(dir, 'header'), Buffer.from(file.toString('latin1').replace('"sqlite"', '"postgres"'), 'latin1'))
    await assert.rejects(
      openSealedBackup({ path: join(dir, 'header'), passphrase, databasePath }),
      refusedWith('ERR_BACKUP_PASSPHRASE'),
    )
  })

  it('calls a file that is not a backup malformed, and a missing one not found', async () => {
    const databasePath = join(dir, 'none.database')
    writeFileSync(join(dir, 'sqlite'), 'SQLite format 3\0')
    writeFileSync(join(dir, 'short'), 'polis-backup/1\n{}\n')
    for (const name of ['sqlite', 'short']) {
      await assert.rejects(
        openSealedBackup({ path: join(dir, name), passphrase, databasePath }),
        refusedWith('ERR_MALFORMED'),
      )
    }
    await assert.rejects(
      openSealedBackup({ path: join(dir, 'absent'), passphrase, databasePath }),
      refusedWith('ERR_NOT_FOUND'),
    )
    assert.equal(existsSync(databasePath), false)
  })
})
