import assert from 'node:assert/strict'
import { generateKeyPairSync, sign } from 'node:crypto'
import { describe, it } from 'node:test'
import { derSignatureToRaw, PolisError, type PublicJwk } from '@polis/kernel'
import { openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts'
import { hashLeaf } from './hash-nodes.ts'
import { createEcdsaNoteSigner, openNote, parseVerifierKey, signNote } from './signed-note.ts'
import { formatTlogProof, parseTlogProof } from './tlog-proof.ts'

const refused = (code: string) => (error: unknown) => error instanceof PolisError && error.code === code

function ecdsaKey(name: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return createEcdsaNoteSigner({
    name,
    publicJwk: publicKey.export({ format: 'jwk' }) as PublicJwk,
    sign: async (data) => derSignatureToRaw(sign('sha256', data, privateKey)),
  })
}

describe('signed notes (c2sp.org/signed-note)', () => {
  // The example of the specification's "Verifier keys" section: an Ed25519 key and a note it signed.
  const specKey = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'
  const specNote =
    'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n'

  it('verifies the specification’s Ed25519 example, and refuses it altered', () => {
    const verifier = parseVerifierKey(specKey)
    assert.equal(verifier.keyId, 0x530d903a)
    assert.deepEqual(openNote(specNote, [verifier]).signedBy, ['example.com/foo'])
    assert.equal(openNote(specNote, [verifier]).text, 'This is an example message.\n')
    assert.throws(
      () => openNote(specNote.replace('example message', 'example massage'), [verifier]),
      refused('ERR_CHECKPOINT_INVALID'),
    )
  })

  it('refuses a verifier key whose ID does not match its key', () => {
    assert.throws(() => parseVerifierKey(specKey.replace('530d903a', '530d903b')), refused('ERR_MALFORMED'))
    assert.throws(() => parseVerifierKey('example.com/foo+530d903a'), refused('ERR_MALFORMED'))
  })

  it('signs with a P-256 key (type 0x02) and verifies with its verifier key alone', async () => {
    const { signer, verifierKey } = ecdsaKey('polis.example/log')
    const note = await signNote('hello\n', [signer])
    const opened = openNote(note, [parseVerifierKey(verifierKey)])
    assert.equal(opened.text, 'hello\n')
    assert.match(verifierKey, /^polis\.example\/log\+[0-9a-f]{8}\+Aj/)
  })

  it('ignores unknown keys, but refuses a note no known key signed or one a known key signed wrongly', async () => {
    const log = ecdsaKey('polis.example/log')
    const witness = ecdsaKey('witness.example/w1')
    const logVerifier = parseVerifierKey(log.verifierKey)
    const both = await signNote('size 3\n', [log.signer, witness.signer])
    assert.equal(openNote(both, [logVerifier]).otherSignatures.length, 1)
    assert.throws(() => openNote(both, [parseVerifierKey(ecdsaKey('polis.example/log').verifierKey)]))
    const forged = both.replace(/(— polis\.example\/log \S{12})\S/, (_, start) => `${start}A`)
    if (forged !== both) assert.throws(() => openNote(forged, [logVerifier]), refused('ERR_CHECKPOINT_INVALID'))
    assert.throws(() => openNote('size 3\n', [logVerifier]), refused('ERR_CHECKPOINT_INVALID'))
    assert.throws(
      () => openNote(both.replace('size 3', 'size\u00073'), [logVerifier]),
      refused('ERR_CHECKPOINT_INVALID'),
    )
  })
})

describe('checkpoints (c2sp.org/tlog-checkpoint) and proofs (c2sp.org/tlog-proof)', () => {
  const root = Buffer.from(hashLeaf(Buffer.from('x')))

  it('writes origin, size and base64 root, and reads them back signed', async () => {
    const { signer, verifierKey } = ecdsaKey('polis.example/log')
    const note = await signCheckpoint({ origin: 'polis.example/log', size: 20852163, root }, signer)
    assert.ok(note.startsWith(`polis.example/log\n20852163\n${root.toString('base64')}\n\n— polis.example/log `))
    const opened = openCheckpoint(note, parseVerifierKey(verifierKey))
    assert.equal(opened.size, 20852163)
    assert.deepEqual(Buffer.from(opened.root), root)
  })

  it('refuses a checkpoint of another origin, a changed size and a malformed body', async () => {
    const { signer, verifierKey } = ecdsaKey('polis.example/log')
    const verifier = parseVerifierKey(verifierKey)
    const other = await signCheckpoint({ origin: 'other.example/log', size: 1, root }, signer)
    assert.throws(() => openCheckpoint(other, verifier), refused('ERR_CHECKPOINT_INVALID'))
    const note = await signCheckpoint({ origin: 'polis.example/log', size: 5, root }, signer)
    assert.throws(() => openCheckpoint(note.replace('\n5\n', '\n6\n'), verifier), refused('ERR_CHECKPOINT_INVALID'))
    for (const text of [
      'o\n05\nAAAA\n',
      'o\n5\n',
      `o\n-1\n${root.toString('base64')}\n`,
      `\n1\n${root.toString('base64')}\n`,
    ]) {
      assert.throws(() => parseCheckpoint(text), refused('ERR_CHECKPOINT_INVALID'), text)
    }
  })

  it('writes and reads a tlog-proof, with and without extra data', () => {
    const proof = { index: 73894, path: [root, hashLeaf(Buffer.from('y'))], checkpoint: 'o\n1\nAA==\n\n— o AAAA\n' }
    assert.deepEqual(parseTlogProof(formatTlogProof(proof)), proof)
    const withExtra = { ...proof, index: 0, path: [], extra: Buffer.from('context') }
    assert.deepEqual(parseTlogProof(formatTlogProof(withExtra)), withExtra)
    assert.throws(() => parseTlogProof('c2sp.org/tlog-proof@v1\nindex 01\n\nx'), refused('ERR_MALFORMED'))
    assert.throws(() => parseTlogProof('c2sp.org/tlog-proof@v1\nindex 1\nAAAA'), refused('ERR_MALFORMED'))
  })
})
