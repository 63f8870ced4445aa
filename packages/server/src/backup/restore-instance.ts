import { timingSafeEqual } from 'node:crypto'
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { type Config, PolisError } from '@polis/kernel'
import { createDatabaseKeyStore, openStore, type Store } from '@polis/store'
import { sql } from 'kysely'
import { findKeyEncryptionKey } from '../platform/load-key-encryption-key.ts'
import { countHoldings, type InstanceHoldings, isEmptyInstance } from './instance-holdings.ts'
import { runPostgresTool } from './run-postgres-tool.ts'
import { openSealedBackup } from './seal-backup.ts'

export interface RestoreInstanceOptions {
  config: Config
  /** The backup file, as `polis backup` wrote it. */
  from: string
  passphrase: string
  /** Replace an instance that holds data; without it only an empty instance is restored into. */
  force: boolean
  now: () => Date
}

/**
 * Before the dump, the tables of the schema go, in the same transaction as the dump's
 * statements: a database migrated by a newer Polis than the backup's would otherwise
 * keep tables that the restored migration history says are still to be made.
 */
const dropTables = `DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE %I CASCADE', t.tablename);
  END LOOP;
END $$;
`

/** The database of an opened backup, as it was dumped: `databasePath` holds it gzipped. */
async function* readDatabase(databasePath: string): AsyncGenerator<Buffer> {
  const gunzip = createGunzip()
  const reading = pipeline(createReadStream(databasePath), gunzip)
  for await (const chunk of gunzip) yield chunk
  await reading
}

async function loadPostgres(url: string, databasePath: string): Promise<void> {
  await runPostgresTool('psql', {
    databaseUrl: url,
    args: ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1'],
    input: Readable.from(
      (async function* () {
        yield Buffer.from(dropTables)
        yield* readDatabase(databasePath)
      })(),
    ),
  })
}

/**
 * Puts the backed-up SQLite file in place of the instance's: the WAL is folded into the
 * file first and removed, and the new file arrives by a rename, so that nothing half
 * written is ever read as the instance's database.
 */
async function loadSqlite(options: {
  store: Store
  dataDir: string
  databasePath: string
  /** Closes the store, after the WAL is folded in and before the file is replaced. */
  close: () => Promise<void>
}): Promise<void> {
  const { store, dataDir, databasePath } = options
  const path = join(dataDir, 'polis.sqlite')
  const incoming = `${path}.restoring`
  try {
    await pipeline(readDatabase(databasePath), createWriteStream(incoming, { mode: 0o600 }))
    await sql`pragma wal_checkpoint(truncate)`.execute(store.db)
    await options.close()
    rmSync(`${path}-wal`, { force: true })
    rmSync(`${path}-shm`, { force: true })
    renameSync(incoming, path)
  } finally {
    rmSync(incoming, { force: true })
  }
}

/**
 * Restores a backup into this instance. Everything that could refuse is checked before
 * anything changes: the passphrase (ERR_BACKUP_PASSPHRASE), the engine
 * (ERR_BACKUP_ENGINE_MISMATCH), the key-encryption key (ERR_RESTORE_KEY_MISMATCH when the
 * instance has another; written to the instance's key file when it has none) and that
 * the instance is empty (ERR_RESTORE_NOT_EMPTY, unless `force`). The restored database is
 * migrated to this version's schema and its key store opened before this returns.
 */
export async function restoreInstance(options: RestoreInstanceOptions): Promise<InstanceHoldings> {
  const { config } = options
  // The database waits, still sealed by gzip only, in a directory only this user reads.
  const dir = mkdtempSync(join(tmpdir(), 'polis-restore-'))
  try {
    const databasePath = join(dir, 'database.gz')
    const content = await openSealedBackup({ path: options.from, passphrase: options.passphrase, databasePath })
    const engine = config.DATABASE_URL ? 'postgres' : 'sqlite'
    if (content.engine !== engine) {
      throw new PolisError('ERR_BACKUP_ENGINE_MISMATCH', {
        detail: `the backup is of ${content.engine}, this instance runs on ${engine}`,
      })
    }
    const configured = findKeyEncryptionKey(config)
    if (configured.key && !timingSafeEqual(configured.key, content.kek)) {
      throw new PolisError('ERR_RESTORE_KEY_MISMATCH')
    }

    const target = { databaseUrl: config.DATABASE_URL, dataDir: config.POLIS_DATA_DIR }
    const store = await openStore({ ...target, migrate: false })
    let open = true
    try {
      if (!options.force && !(await isEmptyInstance(store))) throw new PolisError('ERR_RESTORE_NOT_EMPTY')
      if (!configured.key) {
        mkdirSync(dirname(configured.file), { recursive: true })
        writeFileSync(configured.file, `${Buffer.from(content.kek).toString('hex')}\n`, { mode: 0o600 })
      }
      if (engine === 'postgres' && config.DATABASE_URL) {
        await loadPostgres(config.DATABASE_URL, databasePath)
      } else {
        const close = async () => {
          open = false
          await store.close()
        }
        await loadSqlite({ store, dataDir: config.POLIS_DATA_DIR, databasePath, close })
      }
    } finally {
      if (open) await store.close()
    }

    const restored = await openStore(target)
    try {
      await createDatabaseKeyStore({ db: restored.db, kek: content.kek, now: options.now })
      return await countHoldings(restored)
    } finally {
      await restored.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
