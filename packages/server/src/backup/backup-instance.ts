import { createReadStream, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { backup } from 'node:sqlite'
import type { Readable } from 'node:stream'
import { type Config, PolisError } from '@polis/kernel'
import { createDatabaseKeyStore, openStore, type Store } from '@polis/store'
import { findKeyEncryptionKey } from '../platform/load-key-encryption-key.ts'
import { countHoldings, type InstanceHoldings } from './instance-holdings.ts'
import { runPostgresTool } from './run-postgres-tool.ts'
import { type BackupSecrets, writeSealedBackup } from './seal-backup.ts'

export interface BackupInstanceOptions {
  config: Config
  /** Where the backup goes; it appears there whole or not at all. */
  to: string
  passphrase: string
  now: () => Date
}

/**
 * Seals a consistent copy of the database to `path`: SQLite's online backup API (pages
 * copied while other processes go on writing) into a private file first, or pg_dump, which
 * reads one snapshot, streamed through.
 */
async function sealDatabase(store: Store, config: Config, sealing: (database: Readable) => Promise<void>) {
  if (store.engine === 'postgres') {
    if (!config.DATABASE_URL) throw new PolisError('ERR_CONFIG_INVALID', { detail: 'DATABASE_URL is not set' })
    return runPostgresTool('pg_dump', {
      databaseUrl: config.DATABASE_URL,
      args: ['--format=plain', '--no-owner', '--no-privileges'],
      output: sealing,
    })
  }
  if (!store.sqlite) throw new PolisError('ERR_INTERNAL', { detail: 'the SQLite handle is missing' })
  // The copy holds personal data: a directory only this user reads, gone once sealed.
  const dir = mkdtempSync(join(tmpdir(), 'polis-backup-'))
  try {
    const path = join(dir, 'polis.sqlite')
    await backup(store.sqlite, path)
    await sealing(createReadStream(path))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Backs up an instance: its database and the key-encryption key that opens the key store
 * in it, sealed together under a passphrase (see writeSealedBackup). Checks first that the
 * key opens the store, so that a backup that could never be restored is not written.
 */
export async function backupInstance(options: BackupInstanceOptions): Promise<InstanceHoldings> {
  const { config } = options
  const { key: kek } = findKeyEncryptionKey(config)
  if (!kek)
    throw new PolisError('ERR_CONFIG_INVALID', { detail: 'no key-encryption key: the instance was never started' })
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.POLIS_DATA_DIR, migrate: false })
  // Whole or not at all: a backup cut short by a full disk must not take the name of a good one.
  const partial = `${options.to}.partial`
  try {
    await createDatabaseKeyStore({ db: store.db, kek, now: options.now })
    const holdings = await countHoldings(store)
    const secrets: BackupSecrets = { engine: store.engine, createdAt: options.now(), kek }
    await sealDatabase(store, config, (database) =>
      writeSealedBackup({ ...secrets, path: partial, database, passphrase: options.passphrase }),
    )
    renameSync(partial, options.to)
    return holdings
  } finally {
    rmSync(partial, { force: true })
    await store.close()
  }
}
