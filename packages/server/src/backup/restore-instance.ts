import { timingSafeEqual } from 'node:crypto'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { type Config, PolisError } from '@polis/kernel'
import { createDatabaseKeyStore, openStore, type Store } from '@polis/store'
import { sql } from 'kysely'
import { findKeyEncryptionKey } from '../platform/load-key-encryption-key.ts'
import { countHoldings, type InstanceHoldings, isEmptyInstance } from './instance-holdings.ts'
import { runPostgresTool } from './run-postgres-tool.ts'
import { openBackup } from './seal-backup.ts'

export interface RestoreInstanceOptions {
  config: Config
  /** The backup file's bytes, as `polis backup` wrote them. */
  file: Uint8Array
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

async function loadPostgres(url: string, dump: Uint8Array): Promise<void> {
  const script = Buffer.concat([Buffer.from(dropTables), dump])
  await runPostgresTool('psql', {
    databaseUrl: url,
    args: ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1'],
    input: script,
  })
}

/**
 * Puts the backed-up SQLite file in place of the instance's: the WAL is folded into the
 * file first and removed, and the new file arrives by a rename, so that nothing half
 * written is ever read as the instance's database.
 */
async function loadSqlite(store: Store, dataDir: string, database: Uint8Array): Promise<void> {
  await sql`pragma wal_checkpoint(truncate)`.execute(store.db)
  await store.close()
  const path = join(dataDir, 'polis.sqlite')
  const incoming = `${path}.restoring`
  writeFileSync(incoming, database, { mode: 0o600 })
  rmSync(`${path}-wal`, { force: true })
  rmSync(`${path}-shm`, { force: true })
  renameSync(incoming, path)
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
  const content = await openBackup(options.file, { passphrase: options.passphrase })
  const engine = config.DATABASE_URL ? 'postgres' : 'sqlite'
  if (content.engine !== engine) {
    throw new PolisError('ERR_BACKUP_ENGINE_MISMATCH', {
      detail: `the backup is of ${content.engine}, this instance runs on ${engine}`,
    })
  }
  const configured = findKeyEncryptionKey(config)
  if (configured.key && !timingSafeEqual(configured.key, content.kek)) throw new PolisError('ERR_RESTORE_KEY_MISMATCH')
  const database = gunzipSync(content.database)

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
      await loadPostgres(config.DATABASE_URL, database)
    } else {
      open = false
      await loadSqlite(store, config.POLIS_DATA_DIR, database)
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
}
