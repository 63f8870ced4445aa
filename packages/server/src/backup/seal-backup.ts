import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import type { Engine } from '@polis/store'
import { z } from 'zod'

/** The first line of every backup file; the number changes when the layout does. */
const magic = 'polis-backup/1'

/**
 * scrypt's cost as OWASP recommends it for a passphrase (N=2^17, r=8, p=1: 128 MiB, about
 * a third of a second); the parameters travel in the header so a later version may raise them.
 */
const defaultCost = { N: 2 ** 17, r: 8, p: 1 }

/** The clear header of a backup: what it is and how its key is derived, nothing secret. */
export const BackupHeader = z.strictObject({
  engine: z.enum(['sqlite', 'postgres']),
  created_at: z.iso.datetime(),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    salt: z.base64(),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  }),
  iv: z.base64(),
})
export type BackupHeader = z.infer<typeof BackupHeader>

/** What a backup holds once opened: the instance's key-encryption key and its database. */
export interface BackupContent {
  engine: Engine
  createdAt: Date
  /** The 32-byte key that seals the key store (and every other sealed secret) in the database. */
  kek: Uint8Array
  /** The database: an SQLite file, or PostgreSQL's plain dump, as bytes. */
  database: Uint8Array
}

function deriveKey(passphrase: string, kdf: BackupHeader['kdf']): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const salt = Buffer.from(kdf.salt, 'base64')
    const maxmem = 256 * kdf.N * kdf.r + 1024 * 1024
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

/**
 * Seals a backup under a passphrase: AES-256-GCM with a key derived by scrypt, the clear
 * header bound as associated data so that neither it nor the body can be changed unseen.
 * Layout: the magic line, the header as one JSON line, then ciphertext and the 16-byte tag.
 */
export async function sealBackup(content: BackupContent, options: { passphrase: string }): Promise<Buffer> {
  const header: BackupHeader = {
    engine: content.engine,
    created_at: content.createdAt.toISOString(),
    kdf: { name: 'scrypt', salt: randomBytes(16).toString('base64'), ...defaultCost },
    iv: randomBytes(12).toString('base64'),
  }
  const prefix = Buffer.from(`${magic}\n${JSON.stringify(header)}\n`)
  const cipher = createCipheriv(
    'aes-256-gcm',
    await deriveKey(options.passphrase, header.kdf),
    Buffer.from(header.iv, 'base64'),
  )
  cipher.setAAD(prefix)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(content.kek.length)
  const body = Buffer.concat([
    cipher.update(length),
    cipher.update(content.kek),
    cipher.update(content.database),
    cipher.final(),
    cipher.getAuthTag(),
  ])
  return Buffer.concat([prefix, body])
}

/** Reads the clear header of a backup without its passphrase; ERR_MALFORMED for a file that is not one. */
export function readBackupHeader(file: Uint8Array): { header: BackupHeader; bodyStart: number } {
  const bytes = Buffer.from(file)
  const first = bytes.indexOf(10)
  const second = first < 0 ? -1 : bytes.indexOf(10, first + 1)
  if (first < 0 || second < 0 || bytes.subarray(0, first).toString() !== magic) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the file is not a Polis backup' })
  }
  let json: unknown
  try {
    json = JSON.parse(bytes.subarray(first + 1, second).toString())
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the backup’s header is not JSON', cause })
  }
  const parsed = BackupHeader.safeParse(json)
  if (!parsed.success) throw new PolisError('ERR_MALFORMED', { detail: 'the backup’s header is not one Polis writes' })
  return { header: parsed.data, bodyStart: second + 1 }
}

/**
 * Opens a sealed backup. A wrong passphrase and any changed byte fail alike, with
 * ERR_BACKUP_PASSPHRASE, before anything is returned: GCM checks the whole file first.
 */
export async function openBackup(file: Uint8Array, options: { passphrase: string }): Promise<BackupContent> {
  const { header, bodyStart } = readBackupHeader(file)
  const bytes = Buffer.from(file)
  if (bytes.length - bodyStart < 4 + 16) throw new PolisError('ERR_MALFORMED', { detail: 'the backup is cut short' })
  let plain: Buffer
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      await deriveKey(options.passphrase, header.kdf),
      Buffer.from(header.iv, 'base64'),
      { authTagLength: 16 },
    )
    decipher.setAAD(bytes.subarray(0, bodyStart))
    decipher.setAuthTag(bytes.subarray(bytes.length - 16))
    plain = Buffer.concat([decipher.update(bytes.subarray(bodyStart, bytes.length - 16)), decipher.final()])
  } catch (cause) {
    throw new PolisError('ERR_BACKUP_PASSPHRASE', { cause })
  }
  const kekLength = plain.readUInt32BE(0)
  if (kekLength !== 32) throw new PolisError('ERR_MALFORMED', { detail: 'the backup’s key is not 32 bytes' })
  return {
    engine: header.engine,
    createdAt: new Date(header.created_at),
    kek: new Uint8Array(plain.subarray(4, 4 + kekLength)),
    database: new Uint8Array(plain.subarray(4 + kekLength)),
  }
}
