/**
 * Between two security servers, messages travel in batches. The messages a consumer's
 * server has for one provider's server at one moment go in one request over the
 * kept-alive TLS connection; their answers come back on it, each as soon as it is ready.
 *
 * One signature covers a batch, as X-Road's batch signatures do: the member signs the
 * root of an RFC 9162 Merkle tree over the digests signed together. A request batch
 * arrives whole, and the provider's server checks it whole, from all its digests. An
 * answer travels alone, so it carries its place and audit path in its tree, and is
 * checked, and could be kept as evidence, on its own. Under load a signature and its
 * check are paid once a batch, not once a message; alone, a message is a batch of one.
 */
import type { KeyObject } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import {
  buildInclusionProof,
  computeRoot,
  frontierKeys,
  hashChildren,
  hashLeaf,
  rootFromInclusionProof,
  rootOfFrontier,
} from '@polis/transparency-log'
import type { JWK } from 'jose'
import { z } from 'zod'
import { signDigest, verifyDigest } from './messages.ts'

/** What proves one digest signed: the batch's signature, and the digest's place and audit path in its tree. */
export interface BatchSignature {
  /** A compact JWS (ES256) over the tree's root, base64url. */
  signature: string
  size: number
  index: number
  /** The audit path, leaf's sibling first, each hash base64url. */
  proof: string[]
}

const batchTyp = 'polis-exchange-batch+jws'
/** The most leaves a signed tree has: a message's audit path is then at most ten hashes. */
const largestTree = 1024
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const leafOf = (digest: string) => hashLeaf(Buffer.from(digest, 'utf8'))

/** Signs digests together: one signature over their tree's root, and each digest's place and path in the tree. */
export async function signTogether(
  digests: readonly string[],
  options: { key: CryptoKey | KeyObject; signer: string },
): Promise<BatchSignature[]> {
  const leaves = digests.map(leafOf)
  // Each perfect subtree once, level by level: the audit paths are read from them.
  const levels: Uint8Array[][] = [leaves]
  for (let level = levels[0] as Uint8Array[]; level.length > 1; ) {
    const up: Uint8Array[] = []
    for (let i = 0; i + 1 < level.length; i += 2)
      up.push(hashChildren(level[i] as Uint8Array, level[i + 1] as Uint8Array))
    levels.push(up)
    level = up
  }
  const lookup = ({ level, index }: { level: number; index: number }) => {
    const hash = levels[level]?.[index]
    if (!hash) throw new RangeError(`no subtree ${level}/${index}`)
    return hash
  }
  // The root folded from the perfect subtrees already made, not hashed over again.
  const root = rootOfFrontier(frontierKeys(leaves.length).map((node) => ({ ...node, hash: lookup(node) })))
  const signature = await signDigest(b64(root), options.key, options.signer, { typ: batchTyp })
  return leaves.map((_, index) => ({
    signature,
    size: leaves.length,
    index,
    proof: buildInclusionProof({ index, size: leaves.length, lookup }).map(b64),
  }))
}

/** Signs digests as one batch, checked whole (verifyBatch): one signature over their tree's root. */
export function signBatch(
  digests: readonly string[],
  options: { key: CryptoKey | KeyObject; signer: string },
): Promise<string> {
  return signDigest(b64(computeRoot(digests.map(leafOf))), options.key, options.signer, { typ: batchTyp })
}

/**
 * Checks a batch signed whole: the signature is the member's, over the root of exactly
 * these digests in this order (one added, left out, changed or moved changes the root).
 * ERR_EXCHANGE_SIGNATURE otherwise.
 */
export function verifyBatch(
  signature: string,
  digests: readonly string[],
  expected: { signer: string; publicKey: CryptoKey | KeyObject | JWK },
): Promise<void> {
  if (digests.length === 0 || digests.length > largestTree) {
    return Promise.reject(new PolisError('ERR_EXCHANGE_SIGNATURE', { detail: 'a batch of 1 to 1024 messages' }))
  }
  return verifyDigest(signature, b64(computeRoot(digests.map(leafOf))), { ...expected, typ: batchTyp })
}

/**
 * Signs digests as they come, those asked for in one turn of the event loop together
 * when the turn ends: a server signing its answers pays one signature a moment, not one an answer.
 */
export function createBatchSigner(options: { key: CryptoKey | KeyObject; signer: string }) {
  let waiting: Array<{ digest: string; resolve(signed: BatchSignature): void; reject(error: unknown): void }> = []
  return {
    sign(digest: string): Promise<BatchSignature> {
      return new Promise((resolve, reject) => {
        if (waiting.length === 0) {
          setImmediate(() => {
            const all = waiting
            waiting = []
            // A tree of at most `largestTree` leaves: a batch's place is read back within that bound.
            for (let start = 0; start < all.length; start += largestTree) {
              const now = all.slice(start, start + largestTree)
              signTogether(
                now.map((w) => w.digest),
                options,
              ).then(
                (signed) => {
                  for (const [i, w] of now.entries()) w.resolve(signed[i] as BatchSignature)
                },
                (error: unknown) => {
                  for (const w of now) w.reject(error)
                },
              )
            }
          })
        }
        waiting.push({ digest, resolve, reject })
      })
    },
  }
}

/**
 * The signature checks of one stream of batches, each by the root it covers and the
 * signature: the messages of a batch, checked at once, share one check in flight.
 */
export type CheckedSignatures = Map<string, Promise<void>>

/**
 * Checks that `digest` is one of a batch its member signed: its audit path leads to the
 * root the signature covers, and the signature is the member's. `checked` holds the
 * checks of signatures already made or in flight (root and signature), so that each
 * message of a batch costs a few hashes and the batch one signature check, even when its
 * messages are checked at the same moment. ERR_EXCHANGE_SIGNATURE otherwise.
 */
export async function verifyInBatch(
  batch: BatchSignature,
  digest: string,
  expected: { signer: string; publicKey: CryptoKey | KeyObject | JWK; checked: CheckedSignatures },
): Promise<void> {
  let root: Uint8Array | undefined
  try {
    root = rootFromInclusionProof({
      leafHash: leafOf(digest),
      index: batch.index,
      size: batch.size,
      path: batch.proof.map((hash) => Buffer.from(hash, 'base64url')),
    })
  } catch {
    // A malformed path: refused below.
  }
  if (!root) throw new PolisError('ERR_EXCHANGE_SIGNATURE', { detail: 'not in the signed batch' })
  const rootText = b64(root)
  // By root and signature: a message whose path leads elsewhere is checked on its own, and fails on its own.
  const key = `${rootText} ${batch.signature}`
  let check = expected.checked.get(key)
  if (!check) {
    check = verifyDigest(batch.signature, rootText, { ...expected, typ: batchTyp })
    expected.checked.set(key, check)
  }
  await check
}

const hash = z.string().regex(/^[A-Za-z0-9_-]{43}$/)
/** A message's place in its batch's tree, as it travels. */
export const BatchPlace = z.object({
  size: z.number().int().min(1).max(largestTree),
  index: z.number().int().min(0),
  proof: z.array(hash).max(11),
})

const optionalText = z.string().min(1).max(2048).optional()
/** A consumer's server's batch as the provider's server reads it: the messages and the member's one signature. */
export const RequestBatch = z.object({
  signature: z.string().max(2048),
  messages: z
    .array(
      z.object({
        id: z.string(),
        sentAt: z.string().max(40),
        client: z.string().max(512),
        service: z.string().max(512),
        method: z.string().regex(/^[A-Z]{1,10}$/),
        path: z.string().max(8192),
        userId: optionalText,
        issue: optionalText,
        contentType: z.string().min(1).max(256).optional(),
        /** The body, base64. */
        body: z.string(),
      }),
    )
    .min(1)
    .max(largestTree),
})
export type RequestBatch = z.infer<typeof RequestBatch>

/**
 * One answer of a batch as the provider's server streams it, a JSON line each: the
 * service's answer signed in a batch of its own (the answers ready together), or a
 * fault, not signed, with X-Road's error type.
 */
export const BatchAnswer = z.object({
  index: z.number().int().min(0),
  status: z.number().int().min(100).max(599),
  contentType: z.string().max(256).optional(),
  body: z.string(),
  requestHash: z.string().max(128).optional(),
  error: z.string().max(256).optional(),
  signed: z.object({ signature: z.string().max(2048), ...BatchPlace.shape }).optional(),
})
export type BatchAnswer = z.infer<typeof BatchAnswer>
/** An answer's header as it travels in a frame, its body the bytes after it. */
export const AnswerHeader = BatchAnswer.omit({ body: true })
export type AnswerHeader = z.infer<typeof AnswerHeader>
/** An answer as the provider's door has it, before the wire: its body the bytes themselves. */
export type ProviderLine = Omit<BatchAnswer, 'body'> & { body: Uint8Array }
