import { readFileSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { type Config, PolisError, systemClock } from '@polis/kernel'
import { backupInstance } from '../backup/backup-instance.ts'
import type { InstanceHoldings } from '../backup/instance-holdings.ts'
import { restoreInstance } from '../backup/restore-instance.ts'
import type { Command } from './command.ts'

/** Shortest passphrase taken: scrypt slows guessing, it does not make a short passphrase long. */
const minPassphrase = 12

/** The passphrase from --passphrase-file (its first line), else POLIS_BACKUP_PASSPHRASE. */
function passphraseOf(file: string | undefined, config: Config): string {
  let passphrase = config.POLIS_BACKUP_PASSPHRASE
  if (file !== undefined) {
    try {
      passphrase = readFileSync(file, 'utf8').split(/\r?\n/)[0]
    } catch (cause) {
      throw new PolisError('ERR_NOT_FOUND', { detail: `cannot read the passphrase file ${file}`, cause })
    }
  }
  if (passphrase === undefined) {
    throw new PolisError('ERR_BAD_REQUEST', {
      detail: 'give a passphrase: --passphrase-file FILE or POLIS_BACKUP_PASSPHRASE',
    })
  }
  if (passphrase.length < minPassphrase) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: `the passphrase needs at least ${minPassphrase} characters` })
  }
  return passphrase
}

function summary(holdings: InstanceHoldings): string {
  return (
    `${holdings.citizens} citizens, ${holdings.documents} documents issued, ${holdings.applications} applications, ` +
    `${holdings.logEntries} log entries, ${holdings.statusLists} status lists, ${holdings.keys} keys`
  )
}

export const backupCommand: Command = {
  summary: 'Back up the instance (database and keys) into one file sealed with a passphrase',
  usage:
    'polis backup --to FILE [--passphrase-file FILE] [--json]\n' +
    '  A consistent copy while the server runs: SQLite’s online backup, or pg_dump on PostgreSQL.\n' +
    '  The file holds the key-encryption key too, sealed with the passphrase (AES-256-GCM, scrypt);\n' +
    '  the passphrase is the first line of --passphrase-file, or POLIS_BACKUP_PASSPHRASE.',
  async run({ args, config }) {
    const { values } = parseArgs({
      args,
      options: { to: { type: 'string' }, 'passphrase-file': { type: 'string' }, json: { type: 'boolean' } },
    })
    if (!values.to) throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis backup --to FILE' })
    const passphrase = passphraseOf(values['passphrase-file'], config)
    const holdings = await backupInstance({ config, to: values.to, passphrase, now: systemClock })
    const bytes = statSync(values.to).size
    console.log(
      values.json
        ? JSON.stringify({ file: values.to, bytes, ...holdings })
        : `Backed up ${summary(holdings)} to ${values.to} (${bytes} bytes).`,
    )
    return 0
  },
}

export const restoreCommand: Command = {
  summary: 'Restore a backup into an empty instance (stop its server first)',
  usage:
    'polis restore --from FILE [--passphrase-file FILE] [--force] [--json]\n' +
    '  Restores only into an instance that holds no data (ERR_RESTORE_NOT_EMPTY otherwise);\n' +
    '  --force replaces everything the instance holds. A wrong passphrase (ERR_BACKUP_PASSPHRASE),\n' +
    '  the other engine or another key-encryption key changes nothing. An instance without a\n' +
    '  key-encryption key gets the backup’s in its key file. Stop the server before, start it after.',
  async run({ args, config }) {
    const { values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        'passphrase-file': { type: 'string' },
        force: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    })
    if (!values.from) throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis restore --from FILE' })
    const passphrase = passphraseOf(values['passphrase-file'], config)
    const holdings = await restoreInstance({
      config,
      from: values.from,
      passphrase,
      force: values.force === true,
      now: systemClock,
    })
    console.log(values.json ? JSON.stringify(holdings) : `Restored ${summary(holdings)}.`)
    return 0
  },
}
