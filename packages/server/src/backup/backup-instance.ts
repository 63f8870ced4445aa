import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { backup } from 'node:sqlite'
import { gzipSync } from 'node:zlib'
import { type Config, PolisError } from '@polis/kernel'
import { createDatabaseKeyStore, openStore, type Store } from '@polis/store'
import { findKeyEncryptionKey } from '../platform/load-key-encryption-key.ts'
import { countHoldings, type InstanceHoldings } from './instance-holdings.ts'
import { runPostgresTool } from './run-postgres-tool.ts'
import { sealBackup } from './seal-backup.ts'

export interface BackupInstanceOptions {
  config: Config
  passphrase: string
  now: () => Date
}

/**
 * A consistent copy of the database as bytes: SQLite's online backup API (pages copied
 * while other processes go on writing), or pg_dump, which reads one snapshot.
 */
async function dumpDatabase(store: Store, config: Config): Promise<Uint8Array> {
  if (store.engine === 'postgres') {
    if (!config.DATABASE_URL) throw new PolisError('ERR_CONFIG_INVALID', { detail: 'DATABASE_URL is not set' })
    return runPostgresTool('pg_dump', {
      databaseUrl: config.DATABASE_URL,
      args: ['--format=plain', '--no-owner', '--no-privileges'],
    })
  }
  if (!store.sqlite) throw new PolisError('ERR_INTERNAL', { detail: 'the SQLite handle is missing' })
  // The copy holds personal data: a directory only this user reads, gone once read.
  const dir = mkdtempSync(join(tmpdir(), 'polis-backup-'))
  try {
    const path = join(dir, 'polis.sqlite')
    await backup(store.sqlite, path)
    return readFileSync(path)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Backs up an instance: its database and the key-encryption key that opens the key store
 * in it, sealed together under a passphrase (see sealBackup). Checks first that the key
 * opens the store, so that a backup that could never be restored is not written.
 */
export async function backupInstance(
  options: BackupInstanceOptions,
): Promise<{ file: Buffer; holdings: InstanceHoldings }> {
  const { config } = options
  const { key: kek } = findKeyEncryptionKey(config)
  if (!kek)
    throw new PolisError('ERR_CONFIG_INVALID', { detail: 'no key-encryption key: the instance was never started' })
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.POLIS_DATA_DIR, migrate: false })
  try {
    await createDatabaseKeyStore({ db: store.db, kek, now: options.now })
    const holdings = await countHoldings(store)
    const database = gzipSync(await dumpDatabase(store, config))
    const file = await sealBackup(
      { engine: store.engine, createdAt: options.now(), kek, database },
      { passphrase: options.passphrase },
    )
    return { file, holdings }
  } finally {
    await store.close()
  }
}
