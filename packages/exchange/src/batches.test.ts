import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import {
  type CheckedSignatures,
  createBatchSigner,
  signBatch,
  signTogether,
  verifyBatch,
  verifyInBatch,
} from './batches.ts'

const member = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const signer = 'UA/GOV/00032684'
const expected = () => ({ signer, publicKey: member.publicKey, checked: new Map() as CheckedSignatures })
const refused = (error: unknown) => isPolisError(error) && error.code === 'ERR_EXCHANGE_SIGNATURE'

describe('batch signatures (one signature over an RFC 9162 tree of the messages signed together)', () => {
  it('checks a batch signed whole over exactly its messages, in their order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        async (digests, at) => {
          const signature = await signBatch(digests, { key: member.privateKey, signer })
          await verifyBatch(signature, digests, expected())
          // The same root as the signature over a tree whose messages are checked each alone.
          const [alone] = await signTogether(digests, { key: member.privateKey, signer })
          await verifyBatch(alone?.signature as string, digests, expected())
          const i = at % digests.length
          const changed = [
            digests.filter((_, j) => j !== i),
            [...digests, 'slipped in'],
            digests.map((digest, j) => (j === i ? `${digest}!` : digest)),
            ...(digests.length > 1 ? [[...digests.slice(1), digests[0] as string]] : []),
          ]
          for (const other of changed) await assert.rejects(verifyBatch(signature, other, expected()), refused)
          await assert.rejects(verifyBatch(signature, digests, { ...expected(), signer: 'UA/GOV/1' }), refused)
        },
      ),
      { numRuns: fuzzRuns(20) },
    )
  })

  it('lets each message of a batch be checked on its own, the signature checked once for the batch', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 40 }),
        async (digests) => {
          const signed = await signTogether(digests, { key: member.privateKey, signer })
          assert.equal(new Set(signed.map((s) => s.signature)).size, 1)
          const check = expected()
          for (const [i, digest] of digests.entries())
            await verifyInBatch(signed[i] as (typeof signed)[number], digest, check)
          assert.equal(check.checked.size, 1)
        },
      ),
      { numRuns: fuzzRuns(20) },
    )
  })

  it('refuses a digest not signed, another message’s place, a signature of another member or another batch', async () => {
    const signed = await signTogether(['a', 'b', 'c'], { key: member.privateKey, signer })
    const [first, second] = signed as [(typeof signed)[number], (typeof signed)[number]]
    await assert.rejects(verifyInBatch(first, 'x', expected()), refused)
    await assert.rejects(verifyInBatch(second, 'a', expected()), refused)
    await assert.rejects(verifyInBatch({ ...first, index: 1 }, 'a', expected()), refused)
    await assert.rejects(verifyInBatch({ ...first, index: 3 }, 'a', expected()), refused)
    await assert.rejects(verifyInBatch({ ...first, proof: [] }, 'a', expected()), refused)
    await assert.rejects(verifyInBatch(first, 'a', { ...expected(), signer: 'UA/GOV/00015622' }), refused)
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    await assert.rejects(verifyInBatch(first, 'a', { ...expected(), publicKey: stranger.publicKey }), refused)
    const [other] = await signTogether(['a', 'z'], { key: member.privateKey, signer })
    await assert.rejects(verifyInBatch({ ...first, signature: other?.signature as string }, 'a', expected()), refused)
    // A signature remembered for one root does not pass another's.
    const check = expected()
    await verifyInBatch(first, 'a', check)
    await assert.rejects(verifyInBatch({ ...first, proof: [...first.proof].reverse() }, 'a', check), refused)
  })

  it('signs the answers of one moment together, in trees of at most 1,024', async () => {
    const batchSigner = createBatchSigner({ key: member.privateKey, signer })
    const digests = Array.from({ length: 1030 }, (_, i) => `answer-${i}`)
    const signed = await Promise.all(digests.map((digest) => batchSigner.sign(digest)))
    assert.deepEqual(
      [...new Set(signed.map((s) => `${s.signature.slice(-16)} ${s.size}`))].map((key) => key.split(' ')[1]),
      ['1024', '6'],
    )
    const check = expected()
    for (const [i, digest] of digests.entries())
      await verifyInBatch(signed[i] as (typeof signed)[number], digest, check)
    assert.equal(check.checked.size, 2)
  })

  it('checks a batch’s signature once for messages checked at the same moment, and a message led elsewhere on its own', async () => {
    const digests = Array.from({ length: 8 }, (_, i) => `request hash ${i}`)
    const signed = await signTogether(digests, { key: member.privateKey, signer })
    const check = expected()
    const checks: string[] = []
    const set = check.checked.set.bind(check.checked)
    check.checked.set = (key, value) => {
      checks.push(key)
      return set(key, value)
    }
    // A path changed on the way: its root is another, which the signature does not cover.
    const led = { ...(signed[3] as (typeof signed)[number]), index: 2 }
    const outcomes = await Promise.allSettled(
      digests.map((digest, i) => verifyInBatch(i === 3 ? led : (signed[i] as (typeof signed)[number]), digest, check)),
    )
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'],
    )
    assert.ok(refused((outcomes[3] as PromiseRejectedResult).reason))
    assert.equal(checks.length, 2, 'one check for the batch’s root, one for the root the changed path leads to')
  })
})
