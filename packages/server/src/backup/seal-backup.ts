import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from 'node:fs'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
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

/** The sealed content starts with the key-encryption key's length (4 bytes) and the key. */
const kekLength = 32
const keyPart = 4 + kekLength
const tagLength = 16

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

/** What a backup holds besides its database: the engine, when, and the key that opens the key store. */
export interface BackupSecrets {
  engine: Engine
  createdAt: Date
  /** The 32-byte key that seals the key store (and every other sealed secret) in the database. */
  kek: Uint8Array
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
 * Writes a backup sealed under a passphrase to `path`: AES-256-GCM with a key derived by
 * scrypt, the clear header bound as associated data so that neither it nor the body can
 * be changed unseen. Layout: the magic line, the header as one JSON line, then the
 * ciphertext of (key length, key, gzipped database) and the 16-byte tag. The database is
 * streamed through, never held whole in memory.
 */
export async function writeSealedBackup(
  options: BackupSecrets & { path: string; database: Readable; passphrase: string },
): Promise<void> {
  if (options.kek.length !== kekLength)
    throw new PolisError('ERR_CONFIG_INVALID', { detail: 'the key must be 32 bytes' })
  const header: BackupHeader = {
    engine: options.engine,
    created_at: options.createdAt.toISOString(),
    kdf: { name: 'scrypt', salt: randomBytes(16).toString('base64'), ...defaultCost },
    iv: randomBytes(12).toString('base64'),
  }
  const prefix = Buffer.from(`${magic}\n${JSON.stringify(header)}\n`)
  const key = await deriveKey(options.passphrase, header.kdf)
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'))
  cipher.setAAD(prefix)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(kekLength)
  await pipeline(
    options.database,
    createGzip(),
    async function* (source: AsyncIterable<Buffer>) {
      yield prefix
      yield cipher.update(Buffer.concat([length, options.kek]))
      for await (const chunk of source) yield cipher.update(chunk)
      yield cipher.final()
      yield cipher.getAuthTag()
    },
    createWriteStream(options.path, { mode: 0o600 }),
  )
}

/** Reads the clear header of a backup without its passphrase; ERR_MALFORMED for a file that is not one. */
export function readBackupHeader(path: string): { header: BackupHeader; prefix: Buffer } {
  let start: Buffer
  try {
    const fd = openSync(path, 'r')
    try {
      const buffer = Buffer.alloc(4096)
      start = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0))
    } finally {
      closeSync(fd)
    }
  } catch (cause) {
    throw new PolisError('ERR_NOT_FOUND', { detail: `cannot read ${path}`, cause })
  }
  const first = start.indexOf(10)
  const second = first < 0 ? -1 : start.indexOf(10, first + 1)
  if (first < 0 || second < 0 || start.subarray(0, first).toString() !== magic) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the file is not a Polis backup' })
  }
  let json: unknown
  try {
    json = JSON.parse(start.subarray(first + 1, second).toString())
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the backup’s header is not JSON', cause })
  }
  const parsed = BackupHeader.safeParse(json)
  if (!parsed.success) throw new PolisError('ERR_MALFORMED', { detail: 'the backup’s header is not one Polis writes' })
  return { header: parsed.data, prefix: Buffer.from(start.subarray(0, second + 1)) }
}

/**
 * Opens a sealed backup: decrypts its database, still gzipped, to `databasePath` and
 * returns the rest once the whole file is authenticated. A wrong passphrase and any changed
 * byte fail alike, with ERR_BACKUP_PASSPHRASE; nothing from a file that fails may be used,
 * and the caller removes what was written to `databasePath`. The key never touches the disk.
 */
export async function openSealedBackup(options: {
  path: string
  passphrase: string
  databasePath: string
}): Promise<BackupSecrets> {
  const { header, prefix } = readBackupHeader(options.path)
  const size = statSync(options.path).size
  if (size - prefix.length < keyPart + tagLength) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the backup is cut short' })
  }
  const tag = Buffer.alloc(tagLength)
  const fd = openSync(options.path, 'r')
  try {
    readSync(fd, tag, 0, tagLength, size - tagLength)
  } finally {
    closeSync(fd)
  }
  const decipher = createDecipheriv(
    'aes-256-gcm',
    await deriveKey(options.passphrase, header.kdf),
    Buffer.from(header.iv, 'base64'),
    { authTagLength: tagLength },
  )
  decipher.setAAD(prefix)
  decipher.setAuthTag(tag)
  let head = Buffer.alloc(0)
  let kek: Buffer | undefined
  await pipeline(
    createReadStream(options.path, { start: prefix.length, end: size - tagLength - 1 }),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        let plain = decipher.update(chunk)
        if (!kek) {
          head = Buffer.concat([head, plain])
          if (head.length < keyPart) continue
          kek = head.subarray(0, keyPart)
          plain = head.subarray(keyPart)
        }
        if (plain.length > 0) yield plain
      }
      try {
        yield decipher.final()
      } catch (cause) {
        throw new PolisError('ERR_BACKUP_PASSPHRASE', { cause })
      }
    },
    createWriteStream(options.databasePath, { mode: 0o600 }),
  )
  if (!kek || kek.readUInt32BE(0) !== kekLength) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the backup’s key is not 32 bytes' })
  }
  return { engine: header.engine, createdAt: new Date(header.created_at), kek: new Uint8Array(kek.subarray(4)) }
}
