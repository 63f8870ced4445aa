import { PolisError } from '@polis/kernel'
import { type Hash, hashChildren, isPowerOfTwo, sameHash } from './hash-nodes.ts'

export interface ConsistencyProofInput {
  oldSize: number
  oldRoot: Hash
  newSize: number
  newRoot: Hash
  path: readonly Hash[]
}

const odd = (n: number) => n % 2 === 1
const half = (n: number) => Math.floor(n / 2)

function fail(input: ConsistencyProofInput, why: string): PolisError {
  return new PolisError('ERR_CONSISTENCY_PROOF_INVALID', {
    detail: `the tree of ${input.newSize} does not extend the tree of ${input.oldSize}: ${why}`,
  })
}

/**
 * Checks that the tree of `newSize` leaves with `newRoot` extends the tree of `oldSize`
 * with `oldRoot`, nothing changed or removed, by RFC 9162 section 2.1.4.2;
 * ERR_CONSISTENCY_PROOF_INVALID otherwise.
 */
export function verifyConsistency(input: ConsistencyProofInput): void {
  const { oldSize, newSize } = input
  const sizesValid = Number.isSafeInteger(oldSize) && Number.isSafeInteger(newSize) && oldSize >= 0
  if (!sizesValid || oldSize > newSize) throw fail(input, 'the older tree is the larger')
  if (input.path.some((hash) => hash.length !== 32)) throw fail(input, 'a hash of the proof is not 32 bytes')
  if (oldSize === newSize) {
    if (input.path.length > 0) throw fail(input, 'a proof between equal sizes is empty')
    if (!sameHash(input.oldRoot, input.newRoot)) throw fail(input, 'two roots for one size')
    return
  }
  // Every tree extends the empty one.
  if (oldSize === 0) {
    if (input.path.length > 0) throw fail(input, 'a proof from the empty tree is empty')
    return
  }
  if (input.path.length === 0) throw fail(input, 'the proof is empty')
  const path = isPowerOfTwo(oldSize) ? [input.oldRoot, ...input.path] : [...input.path]
  let fn = oldSize - 1
  let sn = newSize - 1
  while (odd(fn)) {
    fn = half(fn)
    sn = half(sn)
  }
  let oldHash = path[0] as Hash
  let newHash = oldHash
  for (const hash of path.slice(1)) {
    if (sn === 0) throw fail(input, 'the proof is too long')
    if (odd(fn) || fn === sn) {
      oldHash = hashChildren(hash, oldHash)
      newHash = hashChildren(hash, newHash)
      while (!odd(fn) && fn !== 0) {
        fn = half(fn)
        sn = half(sn)
      }
    } else {
      newHash = hashChildren(newHash, hash)
    }
    fn = half(fn)
    sn = half(sn)
  }
  if (sn !== 0) throw fail(input, 'the proof is too short')
  if (!sameHash(oldHash, input.oldRoot)) throw fail(input, 'the older root differs')
  if (!sameHash(newHash, input.newRoot)) throw fail(input, 'the newer root differs')
}
