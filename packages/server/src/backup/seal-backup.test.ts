import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { openBackup, readBackupHeader, sealBackup } from './seal-backup.ts'

const content = {
  engine: 'sqlite' as const,
  createdAt: new Date('2026-11-27T12:00:00Z'),
  kek: new Uint8Array(randomBytes(32)),
  database: new Uint8Array(Buffer.from('the database, as bytes')),
}
const passphrase = 'a long passphrase for the test'
const refusedWith = (code: string) => (error: unknown) => isPolisError(error) && error.code === code

describe('a backup sealed under a passphrase (AES-256-GCM, key by scrypt)', () => {
  it('opens with its passphrase to what was sealed, and says only its engine and date in the clear', async () => {
    const file = await sealBackup(content, { passphrase })
    assert.deepEqual(await openBackup(file, { passphrase }), content)
    const { header } = readBackupHeader(file)
    assert.equal(header.engine, 'sqlite')
    assert.equal(header.kdf.N, 2 ** 17)
    assert.equal(file.indexOf(Buffer.from(content.kek)), -1)
    assert.equal(file.indexOf(Buffer.from('the database')), -1)
  })

  it('refuses a wrong passphrase, a changed header and a changed body alike, with ERR_BACKUP_PASSPHRASE', async () => {
    const file = await sealBackup(content, { passphrase })
    await assert.rejects(
      openBackup(file, { passphrase: 'another long passphrase' }),
      refusedWith('ERR_BACKUP_PASSPHRASE'),
    )
    const body = Buffer.from(file)
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 1
    await assert.rejects(openBackup(body, { passphrase }), refusedWith('ERR_BACKUP_PASSPHRASE'))
    // The engine said in the clear is bound to the ciphertext: changing it breaks the seal.
    const header = Buffer.from(file.toString('latin1').replace('"engine":"sqlite"', '"engine":"postgres"'), 'latin1')
    await assert.rejects(openBackup(header, { passphrase }), refusedWith('ERR_BACKUP_PASSPHRASE'))
  })

  it('calls a file that is not a backup malformed', async () => {
    await assert.rejects(openBackup(Buffer.from('SQLite format 3\0'), { passphrase }), refusedWith('ERR_MALFORMED'))
    await assert.rejects(openBackup(Buffer.from('polis-backup/1\n{}\n'), { passphrase }), refusedWith('ERR_MALFORMED'))
  })
})
