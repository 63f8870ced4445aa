import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { isPolisError, loadConfig } from '@polis/kernel'
import { submitApplication } from '@polis/services'
import { openStore, testEngine } from '@polis/store'
import { sql } from 'kysely'
import { createPlatform } from '../platform/create-platform.ts'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { newCliInstance, runPolis } from '../test/cli-instance.ts'
import { type InstanceHoldings, listDataTables } from './instance-holdings.ts'
import { restoreInstance } from './restore-instance.ts'
import { writeSealedBackup } from './seal-backup.ts'

type Instance = Awaited<ReturnType<typeof newCliInstance>>

/** Runs `polis ARGS` and insists on exit 0. */
function polis(instance: Instance, args: string[], input = ''): string {
  const run = runPolis(instance, args, input)
  assert.equal(run.code, 0, `polis ${args[0]} ${args[1] ?? ''}: ${run.stderr}`)
  return run.stdout
}

/** The code of the error a failed `polis` printed. */
function refusal(instance: Instance, args: string[]): string {
  const run = runPolis(instance, args)
  assert.equal(run.code, 1, run.stdout)
  return (JSON.parse(run.stderr.trim().split('\n').at(-1) ?? '{}') as { error: { code: string } }).error.code
}

const openOwnStore = (instance: Instance) =>
  openStore({ databaseUrl: instance.env.DATABASE_URL, dataDir: instance.env.POLIS_DATA_DIR as string, migrate: false })

/** Every row of every table of the instance, each table's rows sorted: equal snapshots hold the same data. */
async function snapshot(instance: Instance): Promise<Map<string, string[]>> {
  const store = await openOwnStore(instance)
  try {
    const tables = new Map<string, string[]>()
    for (const table of await listDataTables(store)) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db)
      tables.set(
        table,
        rows.map((row) => JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? String(v) : v))).sort(),
      )
    }
    return tables
  } finally {
    await store.close()
  }
}

const entries = [
  { kind: 'official.action', at: '2026-11-27T12:00:00.000Z', actor: 'official:clerk-7', purpose: 'application:1' },
  { kind: 'document.issued', at: '2026-11-27T12:00:01.000Z', actor: 'agency:population', service: 'id-card' },
]

describe(`polis backup and polis restore on ${testEngine}`, () => {
  it('restores into an empty instance every citizen, document, application, log entry and status list, keys included', async () => {
    const source = await newCliInstance('backup')
    polis(source, ['seed', '--citizens', '30'])
    const citizens = JSON.parse(polis(source, ['citizens', '--json', '--limit', '30'])) as Array<{
      id: string
      birthDate: string
      documents: string[]
    }>
    const adults = citizens.filter((c) => c.birthDate < '2000-01-01' && c.documents.includes('id-card'))
    const [first, second] = adults
    assert.ok(first && second, 'two adults with an ID card')

    // Documents issued (each takes a status list entry), one revoked: a status list with a bit set.
    const kept = polis(source, ['issue', '--citizen', first.id, '--type', 'id-card']).trim()
    const revoked = polis(source, ['issue', '--citizen', second.id, '--type', 'id-card']).trim()
    polis(source, ['revoke', '--citizen', second.id, '--type', 'id-card'])
    // A rotated issuing key: what was signed before and after it must both survive.
    const rotation = JSON.parse(polis(source, ['keys', 'rotate', '--issuer', 'migration-service', '--json']))
    assert.equal(rotation.keyId, 'issuer:migration-service@2')
    const afterRotation = polis(source, ['issue', '--citizen', first.id, '--type', 'id-card']).trim()
    assert.notEqual(afterRotation.split('.')[0], kept.split('.')[0], 'signed with the new key')
    // Applications, as the portal submits them.
    const platform = await createPlatform({ config: loadConfig(source.env), warn: () => {} })
    try {
      const engine = createServiceEngine(platform)
      for (const citizen of [first, second]) {
        await submitApplication(engine.ports, {
          definition: engine.find('id-card-renewal'),
          citizenId: citizen.id,
          clientKey: `key-${randomUUID()}`,
          answers: { reason: 'expiring', centre_city: 'Ужгород', phone: '+380 50 123 4567' },
        })
      }
    } finally {
      await platform.close()
    }
    // Log entries and a signed checkpoint.
    polis(source, ['log', 'append'], entries.map((e) => JSON.stringify(e)).join('\n'))
    polis(source, ['log', 'checkpoint'])
    const logKey = polis(source, ['log', 'key']).trim()
    const proof = polis(source, ['log', 'proof', '--index', '1'])

    const passphraseFile = join(source.dir, 'passphrase')
    writeFileSync(passphraseFile, 'a long passphrase for the test\n', { mode: 0o600 })
    const backupFile = join(source.dir, 'instance.polis-backup')
    // No passphrase, or a short one, is refused before anything is written.
    const shortFile = join(source.dir, 'short')
    writeFileSync(shortFile, 'too short\n')
    assert.equal(refusal(source, ['backup', '--to', backupFile]), 'ERR_BAD_REQUEST')
    assert.equal(refusal(source, ['backup', '--to', backupFile, '--passphrase-file', shortFile]), 'ERR_BAD_REQUEST')
    assert.equal(existsSync(backupFile), false)
    const made = JSON.parse(
      polis(source, ['backup', '--to', backupFile, '--passphrase-file', passphraseFile, '--json']),
    ) as InstanceHoldings & { file: string; bytes: number }
    assert.ok(made.citizens === 30 && made.documents >= 2 && made.applications === 2 && made.logEntries >= 2)
    assert.ok(made.statusLists >= 1 && made.keys >= 1)
    // Nothing of the keys or the data is in the clear: the file is the header and ciphertext.
    const bytes = readFileSync(backupFile)
    assert.match(bytes.subarray(0, 15).toString(), /^polis-backup\/1\n/)
    assert.equal(bytes.indexOf(Buffer.from(String(source.env.POLIS_KEY_ENCRYPTION_KEY))), -1)
    assert.equal(bytes.indexOf(Buffer.from(first.id)), -1)

    // An empty instance with no key-encryption key of its own: restore gives it the backup's.
    const target = await newCliInstance('restore')
    delete target.env.POLIS_KEY_ENCRYPTION_KEY
    const keyFile = join(String(target.env.POLIS_DATA_DIR), 'key-encryption.key')
    const wrongFile = join(target.dir, 'wrong')
    writeFileSync(wrongFile, 'not the passphrase at all\n')
    assert.equal(
      refusal(target, ['restore', '--from', backupFile, '--passphrase-file', wrongFile]),
      'ERR_BACKUP_PASSPHRASE',
    )
    assert.equal(existsSync(keyFile), false, 'a refused restore writes nothing')
    // An instance sealed with another key cannot take these keys.
    const stranger = await newCliInstance('restore')
    stranger.env.POLIS_KEY_ENCRYPTION_KEY = randomBytes(32).toString('hex')
    const strangerRun = ['restore', '--from', backupFile, '--passphrase-file', passphraseFile]
    assert.equal(refusal(stranger, strangerRun), 'ERR_RESTORE_KEY_MISMATCH')

    const before = await snapshot(source)
    const restored = JSON.parse(
      polis(target, ['restore', '--from', backupFile, '--passphrase-file', passphraseFile, '--json']),
    ) as InstanceHoldings
    const { file: _file, bytes: _bytes, ...holdings } = made
    assert.deepEqual(restored, holdings)
    assert.equal(readFileSync(keyFile, 'utf8').trim(), source.env.POLIS_KEY_ENCRYPTION_KEY)
    const after = await snapshot(target)
    assert.deepEqual([...after.keys()], [...before.keys()])
    for (const [table, rows] of before) assert.deepEqual(after.get(table), rows, `every row of ${table}`)

    // A second restore finds the instance no longer empty.
    assert.equal(
      refusal(target, ['restore', '--from', backupFile, '--passphrase-file', passphraseFile]),
      'ERR_RESTORE_NOT_EMPTY',
    )

    // The restored log: recomputed from its rows, its checkpoints hold; a proof made there
    // verifies offline against the original instance's key, and so does the old one.
    assert.match(polis(target, ['log', 'audit']), /✓/)
    assert.equal(polis(target, ['log', 'key']).trim(), logKey)
    for (const bundle of [proof, polis(target, ['log', 'proof', '--index', '1'])]) {
      assert.match(polis(target, ['log', 'verify', '--key', logKey], bundle), /is in the log/)
    }
    // The keys came along: documents issued before verify (the revoked one as revoked), new ones are signed.
    for (const document of [kept, afterRotation]) assert.match(polis(target, ['verify'], document), /"valid": true/)
    assert.match(runPolis(target, ['verify'], revoked).stdout, /ERR_REVOKED/)
    const fresh = polis(target, ['issue', '--citizen', first.id, '--type', 'taxpayer-card']).trim()
    assert.match(polis(target, ['verify'], fresh), /"valid": true/)

    // A backup of the other engine is refused before anything changes.
    const otherEngine = join(stranger.dir, 'other-engine.polis-backup')
    await writeSealedBackup({
      path: otherEngine,
      engine: testEngine === 'sqlite' ? 'postgres' : 'sqlite',
      createdAt: new Date(),
      kek: randomBytes(32),
      database: Readable.from([Buffer.from('-- nothing')]),
      passphrase: 'a long passphrase for the test',
    })
    await assert.rejects(
      restoreInstance({
        config: loadConfig(stranger.env),
        from: otherEngine,
        passphrase: 'a long passphrase for the test',
        force: true,
        now: () => new Date(),
      }),
      (error) => isPolisError(error, 'ERR_BACKUP_ENGINE_MISMATCH'),
    )

    // --force replaces an instance that holds data, with the backup's content again.
    // The passphrase may come from the environment instead of a file.
    target.env.POLIS_BACKUP_PASSPHRASE = 'a long passphrase for the test'
    polis(target, ['restore', '--from', backupFile, '--force'])
    const forced = await snapshot(target)
    assert.deepEqual(forced.get('issued_credentials'), before.get('issued_credentials'))
  })
})
