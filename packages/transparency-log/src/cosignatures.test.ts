import assert from 'node:assert/strict'
import { generateKeyPairSync, sign } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { derSignatureToRaw, PolisError, type PublicJwk } from '@polis/kernel'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { openCheckpoint, parseCheckpoint } from './checkpoint.ts'
import { hashContent, parseLogEntry } from './log-entry.ts'
import { openTransparencyLog, type TransparencyLog } from './open-transparency-log.ts'
import {
  cosignatureTime,
  createEcdsaNoteSigner,
  createEd25519Cosigner,
  openNote,
  parseVerifierKey,
  signNote,
} from './signed-note.ts'
import { verifyEntryProof } from './verify-log-proofs.ts'

const refused = (code: string) => (error: unknown) => error instanceof PolisError && error.code === code
const origin = 'polis.test/log'
const at = new Date('2026-11-27T12:00:00Z')

function logKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return createEcdsaNoteSigner({
    name: origin,
    publicJwk: publicKey.export({ format: 'jwk' }) as PublicJwk,
    sign: async (data) => derSignatureToRaw(sign('sha256', data, privateKey)),
  })
}

const witness = (name: string) =>
  createEd25519Cosigner({ name, privateKey: generateKeyPairSync('ed25519').privateKey, now: () => at })

/** The witness's cosignature line alone, as a witness hands it to the log. */
async function cosign(note: string, cosigner: ReturnType<typeof witness>) {
  const text = parseCheckpoint(openNote(note, [parseVerifierKey(key.verifierKey)]).text)
  return signNote(`${text.origin}\n${text.size}\n${Buffer.from(text.root).toString('base64')}\n`, [cosigner.signer])
}

const key = logKey()

describe('Ed25519 cosignatures (c2sp.org/tlog-cosignature)', () => {
  it('signs `cosignature/v1`, the time and the checkpoint, under a type 0x04 key with the spec’s key ID', async () => {
    const w = witness('witness.test/w1')
    assert.match(w.verifierKey, /^witness\.test\/w1\+[0-9a-f]{8}\+B/)
    const note = await signNote('polis.test/log\n3\nKjJDLB6iJjeOgVZRvqSFkfKnWgzh9r7CjBMluW0Mh3o=\n', [w.signer])
    const verifier = parseVerifierKey(w.verifierKey)
    assert.deepEqual(openNote(note, [verifier]).signedBy, ['witness.test/w1'])
    const line = note.split('\n').at(-2) as string
    // Key ID (4) || timestamp (8, big-endian seconds) || Ed25519 signature (64).
    assert.equal(Buffer.from(line.split(' ').at(-1) as string, 'base64').length, 76)
    assert.equal(cosignatureTime(line)?.toISOString(), at.toISOString())
    // The signature commits to the time: another time in the line breaks it.
    const bytes = Buffer.from(line.split(' ').at(-1) as string, 'base64')
    bytes.writeBigUInt64BE(BigInt(at.getTime() / 1000 + 1), 4)
    const moved = note.replace(line, `— witness.test/w1 ${bytes.toString('base64')}`)
    assert.throws(() => openNote(moved, [verifier]), refused('ERR_CHECKPOINT_INVALID'))
  })

  it('a verifier that requires witnesses refuses a checkpoint without a quorum of them', async () => {
    const [w1, w2] = [witness('witness.test/w1'), witness('witness.test/w2')]
    const text = 'polis.test/log\n3\nKjJDLB6iJjeOgVZRvqSFkfKnWgzh9r7CjBMluW0Mh3o=\n'
    const logOnly = await signNote(text, [key.signer])
    const both = await signNote(text, [key.signer, w1.signer, w2.signer])
    const verifier = parseVerifierKey(key.verifierKey)
    const verifiers = [parseVerifierKey(w1.verifierKey), parseVerifierKey(w2.verifierKey)]
    assert.deepEqual(openCheckpoint(logOnly, verifier).witnessedBy, [])
    assert.throws(
      () => openCheckpoint(logOnly, verifier, { verifiers, quorum: 1 }),
      refused('ERR_COSIGNATURES_MISSING'),
    )
    assert.deepEqual(openCheckpoint(both, verifier, { verifiers, quorum: 2 }).witnessedBy, [
      'witness.test/w1',
      'witness.test/w2',
    ])
    // Witnesses alone, without the log's own signature, are not a checkpoint of the log.
    const witnessesOnly = await signNote(text, [w1.signer, w2.signer])
    assert.throws(
      () => openCheckpoint(witnessesOnly, verifier, { verifiers, quorum: 1 }),
      refused('ERR_CHECKPOINT_INVALID'),
    )
  })
})

describe(`a log keeps and serves its witnesses' cosignatures, on ${testEngine}`, () => {
  let store: Store
  let log: TransparencyLog
  const w1 = witness('witness.test/w1')
  const stranger = witness('witness.test/stranger')

  before(async () => {
    store = await openTestStore()
    log = await openTransparencyLog({ store, origin, signer: key.signer, now: () => at })
  })
  after(() => store.close())

  it('keeps a known witness’s cosignature of a signed checkpoint, and proofs carry it', async () => {
    const entry = parseLogEntry({
      kind: 'document.issued',
      at: at.toISOString(),
      actor: 'agency:population',
      hashes: { credential: hashContent('c1') },
    })
    await log.append([entry])
    const checkpoint = await log.latestCheckpoint()
    assert.equal(checkpoint?.size, 1)
    const witnesses = [parseVerifierKey(w1.verifierKey)]
    assert.deepEqual(await log.addCosignatures({ note: await cosign(checkpoint?.note ?? '', w1), witnesses }), {
      size: 1,
      witnesses: ['witness.test/w1'],
    })
    const served = await log.latestCheckpoint()
    assert.equal(served?.note.split('\n').filter((line) => line.startsWith('— ')).length, 2)
    const { proof } = await log.proveEntry(0)
    const verified = verifyEntryProof({
      entry,
      proof,
      verifier: parseVerifierKey(key.verifierKey),
      witnesses: { verifiers: witnesses, quorum: 1 },
    })
    assert.deepEqual(verified.witnessedBy, ['witness.test/w1'])
  })

  it('refuses a cosignature from a witness it does not know, or of a checkpoint it never signed', async () => {
    const checkpoint = await log.latestCheckpoint()
    const witnesses = [parseVerifierKey(w1.verifierKey)]
    await assert.rejects(
      log.addCosignatures({ note: await cosign(checkpoint?.note ?? '', stranger), witnesses }),
      refused('ERR_COSIGNATURE_INVALID'),
    )
    const forged = await signNote('polis.test/log\n1\nKjJDLB6iJjeOgVZRvqSFkfKnWgzh9r7CjBMluW0Mh3o=\n', [w1.signer])
    await assert.rejects(log.addCosignatures({ note: forged, witnesses }), refused('ERR_COSIGNATURE_INVALID'))
    const rows = await store.db.selectFrom('tlog_cosignatures').select('witness').execute()
    assert.deepEqual(
      rows.map((row) => row.witness),
      ['witness.test/w1'],
    )
  })
})
