import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import {
  createEcdsaNoteSigner,
  parseLogEntry,
  parseVerifierKey,
  signCheckpoint,
  verifyCheckpointConsistency,
  verifyEntryProof,
} from '@polis/transparency-log'
import { openPlatformLog, type PlatformLog } from '../cli/open-platform-log.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { tendTransparencyLog } from './start-transparency-logging.ts'

const main = new URL('../main.ts', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'polis-witness-'))
const keyFile = join(dir, 'witness.json')
const stateFile = join(dir, 'witness.state.json')

/** `polis log …` as its own process: the witness shares nothing with the log but HTTP. */
function polisLog(args: string[]) {
  return new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, [main, 'log', ...args], {
      env: { PATH: process.env.PATH, POLIS_DATA_DIR: join(dir, 'unused') },
      cwd: dir,
      timeout: 60_000,
    })
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stdout += chunk
    })
    child.on('close', (code) => resolve({ code, stdout }))
  })
}

const entry = (i: number) =>
  parseLogEntry({
    kind: 'document.issued',
    at: new Date(Date.UTC(2026, 5, 1, 10, 0, i)).toISOString(),
    actor: 'agency:population',
    service: 'id-card',
    hashes: {},
  })

let t: Awaited<ReturnType<typeof createTestPlatform>>
let platformLog: PlatformLog
let witnessKey: string
before(async () => {
  const made = await polisLog(['witness-key', '--name', 'witness.test/w1', '--out', keyFile])
  assert.equal(made.code, 0, made.stdout)
  witnessKey = made.stdout.trim()
  t = await createTestPlatform({ citizens: 5, listen: true, env: () => ({ POLIS_LOG_WITNESSES: witnessKey }) })
  platformLog = await openPlatformLog(t.platform)
  await platformLog.log.append([entry(0), entry(1), entry(2)])
})
after(() => t?.close())

const get = (path: string) => t.app.request(path)
const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code
const witnessOnce = () => polisLog(['witness', '--log', t.origin, '--key', keyFile, '--state', stateFile, '--once'])
const keptSize = () => (JSON.parse(readFileSync(stateFile, 'utf8')) as { size: number }).size

/** A checkpoint the operator signs with the log's own key over a root of its choosing: a fork. */
async function forkedCheckpoint(size: number): Promise<string> {
  const publicJwk = await t.platform.keys.findPublicKey('transparency-log')
  assert.ok(publicJwk)
  const { signer } = createEcdsaNoteSigner({
    name: platformLog.log.origin,
    publicJwk,
    sign: await t.platform.keys.signer('transparency-log'),
  })
  return signCheckpoint({ origin: platformLog.log.origin, size, root: randomBytes(32) }, signer)
}

describe(`the transparency log over HTTP, and its witness, on ${testEngine}`, () => {
  it('serves the checkpoint, entries and proofs that check offline, and refuses bad sizes with stable codes', async () => {
    const verifier = parseVerifierKey(platformLog.verifierKey)
    const checkpoint = await get('/log/checkpoint')
    assert.equal(checkpoint.status, 200)
    assert.match(checkpoint.headers.get('content-type') ?? '', /^text\/plain/)
    assert.equal(checkpoint.headers.get('cache-control'), 'public, max-age=5')
    const note = await checkpoint.text()
    assert.match(note, /\n3\n/)

    const read = await get('/log/entries/1')
    assert.equal(read.headers.get('cache-control'), 'public, max-age=31536000, immutable')
    assert.deepEqual(await read.json(), entry(1))

    const proof = (await (await get('/log/proof/2')).json()) as { entry: unknown; proof: string }
    assert.equal(verifyEntryProof({ ...proof, verifier }).index, 2)
    const pinned = await get('/log/proof/0?size=3')
    assert.equal(pinned.status, 200)
    assert.equal(
      verifyEntryProof({ ...((await pinned.json()) as { entry: unknown; proof: string }), verifier }).index,
      0,
    )

    for (const [path, code] of [
      ['/log/entries/3', 'ERR_LOG_SIZE_INVALID'],
      ['/log/entries/-1', 'ERR_BAD_REQUEST'],
      ['/log/entries/1x', 'ERR_BAD_REQUEST'],
      ['/log/proof/3', 'ERR_LOG_SIZE_INVALID'],
      ['/log/proof/0?size=2', 'ERR_LOG_SIZE_INVALID'],
      ['/log/proof/0?size=01', 'ERR_BAD_REQUEST'],
      ['/log/consistency?from=4', 'ERR_LOG_SIZE_INVALID'],
      ['/log/consistency?from=3&to=1', 'ERR_LOG_SIZE_INVALID'],
      ['/log/consistency', 'ERR_BAD_REQUEST'],
    ] as const) {
      const response = await get(path)
      assert.equal(response.status, 400, path)
      assert.equal(await codeOf(response), code, path)
    }

    // The log grows; once ten seconds have passed, housekeeping signs the quiet tail too.
    await platformLog.log.append([entry(3), entry(4)])
    assert.equal((await platformLog.log.latestCheckpoint())?.size, 3)
    await tendTransparencyLog(t.platform, platformLog)
    assert.equal((await platformLog.log.latestCheckpoint())?.size, 3, 'not due yet')
    t.now.advance(11)
    await tendTransparencyLog(t.platform, platformLog)
    assert.equal((await platformLog.log.latestCheckpoint())?.size, 5)
    const consistency = await get('/log/consistency?from=3&to=5')
    assert.equal(consistency.status, 200)
    const bundle = (await consistency.json()) as { old: string; new: string; consistency: string[] }
    assert.equal(verifyCheckpointConsistency({ ...bundle, verifier }).new.size, 5)

    const spec = (await (await get('/openapi.json')).json()) as { paths: Record<string, unknown> }
    for (const path of ['/log/checkpoint', '/log/entries/{index}', '/log/proof/{index}', '/log/consistency']) {
      assert.ok(spec.paths[path], path)
    }
  })

  it('keeps a cosignature only from a configured witness', async () => {
    const text = (await (await get('/log/checkpoint')).text()).split('\n\n')[0]
    const forged = await t.app.request('/log/cosignature', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: `${text}\n\n— witness.test/w1 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n`,
    })
    assert.equal(forged.status, 400)
    assert.equal(await codeOf(forged), 'ERR_COSIGNATURE_INVALID')
  })

  it('a witness in its own process cosigns each checkpoint consistent with the last it saw', async () => {
    const first = await witnessOnce()
    assert.equal(first.code, 0, first.stdout)
    assert.match(first.stdout, /cosigned .* at 5 \(from 0\)/)
    assert.equal(keptSize(), 5)
    const served = await (await get('/log/checkpoint')).text()
    assert.match(served, /\n— witness\.test\/w1 /)

    // The proof now carries the cosignature, and polis log verify can require it.
    const proof = await (await get('/log/proof/4')).text()
    writeFileSync(join(dir, 'proof.json'), proof)
    const entryFile = join(dir, 'entry.json')
    const proofFile = join(dir, 'entry.tlog-proof')
    const bundle = JSON.parse(proof) as { entry: unknown; proof: string }
    writeFileSync(entryFile, JSON.stringify(bundle.entry))
    writeFileSync(proofFile, bundle.proof)
    const verify = (...extra: string[]) =>
      polisLog(['verify', '--key', platformLog.verifierKey, '--entry', entryFile, '--proof', proofFile, ...extra])
    const required = await verify('--witness-key', witnessKey)
    assert.equal(required.code, 0, required.stdout)
    assert.match(required.stdout, /cosigned by witness\.test\/w1/)

    // Grown, then witnessed again: from 5 to 6 through the consistency proof.
    await platformLog.log.append([entry(5)])
    await platformLog.log.checkpointIfDue({ force: true })
    const second = await witnessOnce()
    assert.equal(second.code, 0, second.stdout)
    assert.match(second.stdout, /at 6 \(from 5\)/)
    assert.equal(keptSize(), 6)

    // The checkpoint of 5 without its cosignature (as served before the witness came) is refused when witnesses are required.
    const bare = bundle.proof.replace(/— witness\.test\/w1 .*\n/, '')
    writeFileSync(proofFile, bare)
    const missing = await verify('--witness-key', witnessKey)
    assert.equal(missing.code, 1)
    assert.match(missing.stdout, /ERR_COSIGNATURES_MISSING/)
  })

  it('a witness refuses a rewritten history, and keeps what it saw', async () => {
    // Another root for the size the witness saw, signed with the log's own key.
    await t.platform.store.db
      .updateTable('tlog_checkpoints')
      .set({ note: await forkedCheckpoint(6) })
      .where('size', '=', 6)
      .execute()
    const sameSize = await witnessOnce()
    assert.equal(sameSize.code, 1, sameSize.stdout)
    assert.match(sameSize.stdout, /ERR_CONSISTENCY_PROOF_INVALID/)
    assert.equal(keptSize(), 6)

    // A longer log whose root does not extend the one the witness saw.
    await platformLog.log.append([entry(6), entry(7)])
    await t.platform.store.db
      .insertInto('tlog_checkpoints')
      .values({ size: 8, root: randomBytes(32), note: await forkedCheckpoint(8), signed_at: t.now().toISOString() })
      .execute()
    const rewritten = await witnessOnce()
    assert.equal(rewritten.code, 1, rewritten.stdout)
    assert.match(rewritten.stdout, /ERR_CONSISTENCY_PROOF_INVALID: .*does not extend the tree of 6/)
    assert.equal(keptSize(), 6)
    const cosigned = await t.platform.store.db.selectFrom('tlog_cosignatures').select('size').orderBy('size').execute()
    assert.deepEqual(
      cosigned.map((row) => Number(row.size)),
      [5, 6],
    )
  })
})
