import assert from 'node:assert/strict'
import { generateKeyPairSync, sign } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { derSignatureToRaw, PolisError, type PublicJwk } from '@polis/kernel'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { auditTransparencyLog } from './audit-transparency-log.ts'
import { openCheckpoint } from './checkpoint.ts'
import { computeRoot } from './compute-root.ts'
import { hashLeaf } from './hash-nodes.ts'
import { encodeLogEntry, hashContent, type LogEntry, parseLogEntry, tagSubject } from './log-entry.ts'
import { openTransparencyLog, type TransparencyLog } from './open-transparency-log.ts'
import { createEcdsaNoteSigner, parseVerifierKey } from './signed-note.ts'
import { parseTlogProof } from './tlog-proof.ts'
import { verifyConsistency } from './verify-consistency.ts'
import { verifyInclusion } from './verify-inclusion.ts'

const origin = 'polis.test/log'
const subjectKey = Buffer.alloc(32, 7)

function logKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return createEcdsaNoteSigner({
    name: origin,
    publicJwk: publicKey.export({ format: 'jwk' }) as PublicJwk,
    sign: async (data) => derSignatureToRaw(sign('sha256', data, privateKey)),
  })
}

/** An exchange message as a security server logs it: parties, service, purpose, hashes; the citizen keyed. */
function message(i: number): LogEntry {
  return parseLogEntry({
    kind: i % 2 ? 'exchange.response' : 'exchange.request',
    at: new Date(Date.UTC(2026, 10, 27, 12, 0, 0, i)).toISOString(),
    actor: 'PL/GOV/address-service/portal',
    counterpart: 'PL/GOV/population/registry',
    service: 'person-residence',
    purpose: `application:${1000 + (i % 7)}`,
    subject: tagSubject({ key: subjectKey, citizenId: `citizen-${i % 5}` }),
    hashes: { request: hashContent(`request ${i}`), response: hashContent(`response ${i}`) },
  })
}

/** Checks an entry's tlog-proof the way `polis log verify` does: key, checkpoint, path. */
function verifyEntryProof(entry: LogEntry, proofText: string, verifierKey: string): void {
  const proof = parseTlogProof(proofText)
  const checkpoint = openCheckpoint(proof.checkpoint, parseVerifierKey(verifierKey))
  verifyInclusion({
    leafHash: hashLeaf(encodeLogEntry(entry)),
    index: proof.index,
    size: checkpoint.size,
    path: proof.path,
    root: checkpoint.root,
  })
}

describe(`the transparency log on ${testEngine}`, () => {
  let store: Store
  let log: TransparencyLog
  let clock = Date.parse('2026-11-27T12:00:00Z')
  const key = logKey()
  const appended: LogEntry[] = []

  before(async () => {
    store = await openTestStore()
    log = await openTransparencyLog({
      store,
      origin,
      signer: key.signer,
      now: () => new Date(clock),
      checkpointEvery: { entries: 100, seconds: 60 },
    })
  })
  after(() => store.close())

  it('appends batches in one transaction each, and its root is the RFC root of every leaf', async () => {
    assert.deepEqual(await log.head(), { size: 0, root: computeRoot([]) })
    for (const batch of [1, 2, 5, 64, 131, 3]) {
      const entries = Array.from({ length: batch }, (_, i) => message(appended.length + i))
      const { first, size } = await log.append(entries)
      assert.equal(first, appended.length)
      appended.push(...entries)
      assert.equal(size, appended.length)
    }
    const head = await log.head()
    assert.equal(head.size, 206)
    assert.deepEqual(Buffer.from(head.root), computeRoot(appended.map((e) => hashLeaf(encodeLogEntry(e)))))
    assert.deepEqual(await log.getEntry(77), appended[77])
    await assert.rejects(log.getEntry(206), (e: unknown) => e instanceof PolisError && e.code === 'ERR_NOT_FOUND')
  })

  it('signs a checkpoint every 100 entries or 60 seconds, consistent with each one before', async () => {
    const verifier = parseVerifierKey(key.verifierKey)
    const rows = await store.db.selectFrom('tlog_checkpoints').select('note').orderBy('size').execute()
    const sizes = rows.map((row) => openCheckpoint(row.note, verifier).size)
    // The first batch signed the first; then at 72 + 131 = 203 (100 more); 206 is not due yet.
    assert.deepEqual(sizes, [1, 203])
    assert.equal(await log.checkpointIfDue(), undefined)
    clock += 61_000
    assert.equal((await log.checkpointIfDue())?.size, 206)
    const checkpoints = rows.map((row) => openCheckpoint(row.note, verifier))
    checkpoints.push(openCheckpoint((await log.latestCheckpoint())?.note ?? '', verifier))
    for (let i = 1; i < checkpoints.length; i++) {
      const older = checkpoints[i - 1] as (typeof checkpoints)[number]
      const newer = checkpoints[i] as (typeof checkpoints)[number]
      const path = await log.proveConsistency({ oldSize: older.size, newSize: newer.size })
      verifyConsistency({ oldSize: older.size, oldRoot: older.root, newSize: newer.size, newRoot: newer.root, path })
    }
  })

  it('proves every entry at every checkpointed size, offline with the key alone', async () => {
    const leaves = appended.map((e) => hashLeaf(encodeLogEntry(e)))
    for (const size of [1, 7, 64, 203, 206]) {
      const root = computeRoot(leaves.slice(0, size))
      for (let index = 0; index < size; index++) {
        const path = await log.proveInclusion({ index, size })
        verifyInclusion({ leafHash: leaves[index] as Uint8Array, index, size, path, root })
      }
    }
    const { entry, proof } = await log.proveEntry(150)
    verifyEntryProof(entry, proof, key.verifierKey)
    await assert.rejects(log.proveInclusion({ index: 206, size: 206 }))
    await assert.rejects(log.proveInclusion({ index: 0, size: 207 }))
  })

  it('serialises appends running at once: every index given once, none lost', async () => {
    const before = (await log.head()).size
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, k) => log.append(Array.from({ length: 10 }, (_, i) => message(1000 + k * 10 + i)))),
    )
    const firsts = results.map((r) => r.first).sort((a, b) => a - b)
    assert.deepEqual(
      firsts,
      Array.from({ length: 6 }, (_, k) => before + k * 10),
    )
    const rows = await store.db.selectFrom('tlog_entries').select('body').orderBy('idx').execute()
    const leaves = rows.map((row) => hashLeaf(Buffer.from(row.body)))
    assert.deepEqual(Buffer.from((await log.head()).root), computeRoot(leaves))
  })

  it('detects an entry altered, removed or reordered in the database', async () => {
    const { entry, proof } = await log.proveEntry(42)
    verifyEntryProof(entry, proof, key.verifierKey)
    const original = await store.db
      .selectFrom('tlog_entries')
      .select('body')
      .where('idx', '=', 42)
      .executeTakeFirstOrThrow()
    const edited = original.body.replace('application:', 'application:9')
    await store.db.updateTable('tlog_entries').set({ body: edited }).where('idx', '=', 42).execute()
    const altered = await log.proveEntry(42)
    assert.notDeepEqual(altered.entry, entry)
    assert.throws(
      () => verifyEntryProof(altered.entry, altered.proof, key.verifierKey),
      (e: unknown) => e instanceof PolisError && e.code === 'ERR_INCLUSION_PROOF_INVALID',
    )
    // Swapping two entries, each with its leaf hash, still breaks both proofs against the signed root.
    const other = await store.db
      .selectFrom('tlog_entries')
      .select('body')
      .where('idx', '=', 43)
      .executeTakeFirstOrThrow()
    await store.db.updateTable('tlog_entries').set({ body: other.body }).where('idx', '=', 42).execute()
    await store.db
      .updateTable('tlog_nodes')
      .set({ hash: hashLeaf(Buffer.from(other.body)) })
      .where('level', '=', 0)
      .where('idx', '=', 42)
      .execute()
    const swapped = await log.proveEntry(42)
    assert.throws(() => verifyEntryProof(swapped.entry, swapped.proof, key.verifierKey))
    const verifier = parseVerifierKey(key.verifierKey)
    const audit = await auditTransparencyLog({ store, verifier })
    assert.match(audit.problems.join('\n'), /the entries up to 203 do not make the root the log signed/)
    await store.db.updateTable('tlog_entries').set({ body: original.body }).where('idx', '=', 42).execute()
    await store.db
      .updateTable('tlog_nodes')
      .set({ hash: hashLeaf(Buffer.from(original.body)) })
      .where('level', '=', 0)
      .where('idx', '=', 42)
      .execute()
    const restored = await log.proveEntry(42)
    verifyEntryProof(restored.entry, restored.proof, key.verifierKey)
    assert.deepEqual((await auditTransparencyLog({ store, verifier })).problems, [])
    // An entry's body edited alone: its leaf hash no longer matches, nor the signed roots.
    await store.db.updateTable('tlog_entries').set({ body: other.body }).where('idx', '=', 42).execute()
    const edited42 = await auditTransparencyLog({ store, verifier })
    assert.equal(edited42.problems[0], 'entry 42 does not match its stored leaf hash')
    await store.db.updateTable('tlog_entries').set({ body: original.body }).where('idx', '=', 42).execute()
    // An entry removed.
    const removed = await store.db
      .selectFrom('tlog_entries')
      .selectAll()
      .where('idx', '=', 100)
      .executeTakeFirstOrThrow()
    await store.db.deleteFrom('tlog_entries').where('idx', '=', 100).execute()
    assert.match(
      (await auditTransparencyLog({ store, verifier })).problems.join('\n'),
      /entries 100 to 100 are missing/,
    )
    await store.db.insertInto('tlog_entries').values(removed).execute()
    const intact = await auditTransparencyLog({ store, verifier })
    assert.deepEqual(intact, { size: (await log.head()).size, checkpoints: intact.checkpoints, problems: [] })
  })

  it('appends beside an open transaction of the query builder without joining it', async () => {
    const before = (await log.head()).size
    let appended: Promise<{ first: number; size: number }> | undefined
    await assert.rejects(
      store.db.transaction().execute(async (trx) => {
        await trx.insertInto('meta').values({ key: 'tlog.test', value: '1' }).execute()
        appended = log.append([message(5000)])
        await new Promise((resolve) => setTimeout(resolve, 20))
        throw new Error('rolled back')
      }),
      /rolled back/,
    )
    assert.equal((await appended)?.size, before + 1)
    assert.equal((await log.head()).size, before + 1)
    assert.equal(
      await store.db.selectFrom('meta').selectAll().where('key', '=', 'tlog.test').executeTakeFirst(),
      undefined,
    )
  })

  it('keeps entries appended when the checkpoint cannot be signed, and signs it at the next call', async () => {
    const broken = await openTransparencyLog({
      store,
      origin,
      signer: { ...key.signer, sign: async () => Promise.reject(new Error('the signing service is down')) },
      now: () => new Date(clock),
      checkpointEvery: { entries: 1, seconds: 60 },
    })
    const { size } = await broken.append([message(6000)])
    assert.equal((await log.head()).size, size)
    assert.notEqual((await log.latestCheckpoint())?.size, size)
    assert.equal((await log.checkpointIfDue({ force: true }))?.size, size)
  })

  it('keeps no identifier of a citizen in clear', async () => {
    const rows = await store.db.selectFrom('tlog_entries').select(['body', 'subject']).execute()
    assert.ok(rows.every((row) => !row.body.includes('citizen-') && row.subject?.length === 43))
  })
})
