import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import type { PublicJwk } from '@polis/kernel'
import { openStore, testEngine } from '@polis/store'
import { createEcdsaNoteSigner } from '@polis/transparency-log'
import { newCliInstance, polisMain } from '../test/cli-instance.ts'

/** A fresh instance, with `polis log` run in it as a process and its own store to open. */
async function newInstance() {
  const { env, dir } = await newCliInstance('log')
  const polis = (args: string[], input = '') =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [polisMain, 'log', ...args], { env, cwd: dir, timeout: 60_000 })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => {
        stdout += chunk
      })
      child.stderr.on('data', (chunk) => {
        stderr += chunk
      })
      child.on('close', (code) => resolve({ code, stdout, stderr }))
      child.stdin.end(input)
    })
  const openOwnStore = () => openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.POLIS_DATA_DIR as string })
  return { dir, polis, openOwnStore }
}

const digest = 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg'
const entries = [
  {
    kind: 'exchange.request',
    at: '2026-11-27T12:00:00.000Z',
    actor: 'PL/GOV/address-service/portal',
    counterpart: 'PL/GOV/population/registry',
    service: 'person-residence',
    purpose: 'application:1001',
    citizen: 'UA-1990-0001',
    hashes: { request: digest },
  },
  {
    kind: 'document.issued',
    at: '2026-11-27T12:00:01.000Z',
    actor: 'agency:population',
    service: 'id-card',
    citizen: 'UA-1990-0001',
    hashes: { document: digest },
  },
  { kind: 'official.action', at: '2026-11-27T12:00:02.000Z', actor: 'official:clerk-7', purpose: 'application:1001' },
]
const jsonLines = (list: object[]) => list.map((e) => JSON.stringify(e)).join('\n')

describe(`polis log on ${testEngine}`, () => {
  it('appends, proves entries and checkpoints, verifies offline, and fails once one stored row is edited', async () => {
    const { dir, polis, openOwnStore } = await newInstance()
    const appended = await polis(['append'], jsonLines(entries))
    assert.equal(appended.code, 0, appended.stderr)
    assert.deepEqual(JSON.parse(appended.stdout), { first: 0, size: 3 })
    const [keyRun, proofRun] = await Promise.all([polis(['key']), polis(['proof', '--index', '1'])])
    const key = keyRun.stdout.trim()
    assert.match(key, /^localhost:8080\/log\+[0-9a-f]{8}\+/)
    const bundle = proofRun.stdout
    // The citizen is in the log only as a keyed hash.
    assert.doesNotMatch(bundle, /UA-1990-0001/)
    const { entry, proof } = JSON.parse(bundle) as { entry: object; proof: string }
    writeFileSync(join(dir, 'entry.json'), JSON.stringify(entry))
    writeFileSync(join(dir, 'entry.tlog-proof'), proof)
    writeFileSync(join(dir, 'log.vkey'), `${key}\n`)
    const stranger = createEcdsaNoteSigner({
      name: 'localhost:8080/log',
      publicJwk: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as PublicJwk,
      sign: async () => new Uint8Array(64),
    })
    const [ok, fromFiles, changed, wrongKey] = await Promise.all([
      polis(['verify', '--key', key], bundle),
      // The same from files: the entry as JSON, the proof as a .tlog-proof.
      polis(['verify', '--key-file', 'log.vkey', '--entry', 'entry.json', '--proof', 'entry.tlog-proof']),
      // An entry changed, and another log's key: each refused with what failed.
      polis(['verify', '--key', key], bundle.replace('"id-card"', '"passport"')),
      polis(['verify', '--key', stranger.verifierKey], bundle),
    ])
    assert.equal(ok.code, 0, ok.stdout + ok.stderr)
    assert.match(ok.stdout, /✓ checkpoint of localhost:8080\/log signed by its key: 3 entries/)
    assert.match(ok.stdout, /✓ entry 1 is in the log: document.issued at 2026-11-27T12:00:01.000Z/)
    assert.equal(fromFiles.code, 0, fromFiles.stdout)
    assert.equal(changed.code, 1)
    assert.match(changed.stdout, /✗ ERR_INCLUSION_PROOF_INVALID/)
    assert.equal(wrongKey.code, 1)
    assert.match(wrongKey.stdout, /✗ ERR_CHECKPOINT_INVALID/)

    // The log grows; the new checkpoint is proved to extend the one before.
    assert.equal((await polis(['append'], JSON.stringify(entries))).code, 0)
    assert.match((await polis(['checkpoint'])).stdout, /^localhost:8080\/log\n6\n/)
    const consistency = (await polis(['proof', '--old-size', '3'])).stdout
    const {
      old,
      new: newer,
      consistency: path,
    } = JSON.parse(consistency) as {
      old: string
      new: string
      consistency: string[]
    }
    writeFileSync(join(dir, 'old.checkpoint'), old)
    writeFileSync(join(dir, 'new.checkpoint'), newer)
    writeFileSync(join(dir, 'proof.txt'), path.join('\n'))
    const files = ['--old', 'old.checkpoint', '--new', 'new.checkpoint', '--consistency', 'proof.txt']
    const [extended, refused, extendedFromFiles, audit] = await Promise.all([
      polis(['verify', '--key', key], consistency),
      polis(['verify', '--key', key], JSON.stringify({ old, new: newer, consistency: [...path].reverse() })),
      polis(['verify', '--key', key, ...files]),
      polis(['audit']),
    ])
    assert.equal(extended.code, 0, extended.stdout + extended.stderr)
    assert.match(extended.stdout, /✓ the log of 6 entries extends the log of 3/)
    assert.equal(refused.code, 1)
    assert.match(refused.stdout, /✗ ERR_CONSISTENCY_PROOF_INVALID/)
    assert.equal(extendedFromFiles.code, 0)
    assert.equal(audit.code, 0, audit.stdout + audit.stderr)
    assert.match(audit.stdout, /✓ 6 entries make the roots of all 2 signed checkpoints/)

    // One stored row edited: the entry's proof and the audit both fail.
    const store = await openOwnStore()
    try {
      const row = await store.db
        .selectFrom('tlog_entries')
        .select('body')
        .where('idx', '=', 4)
        .executeTakeFirstOrThrow()
      const edited = row.body.replace('id-card', 'passport')
      assert.notEqual(edited, row.body)
      await store.db.updateTable('tlog_entries').set({ body: edited }).where('idx', '=', 4).execute()
    } finally {
      await store.close()
    }
    const [editedProof, audited] = await Promise.all([polis(['proof', '--index', '4']), polis(['audit'])])
    const verified = await polis(['verify', '--key', key], editedProof.stdout)
    assert.equal(verified.code, 1)
    assert.match(verified.stdout, /✗ ERR_INCLUSION_PROOF_INVALID/)
    assert.equal(audited.code, 1)
    assert.match(audited.stdout, /✗ entry 4 does not match its stored leaf hash/)
  })

  it('refuses a malformed entry and a verify without the log’s key', async () => {
    const { polis } = await newInstance()
    const [bad, keyless, unknown] = await Promise.all([
      polis(['append'], JSON.stringify({ kind: 'gossip', at: 'yesterday', actor: 'x' })),
      polis(['verify'], '{}'),
      polis(['nonsense']),
    ])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /ERR_MALFORMED/)
    assert.equal(keyless.code, 1)
    assert.match(keyless.stderr, /ERR_BAD_REQUEST/)
    assert.equal(unknown.code, 1)
  })
})
