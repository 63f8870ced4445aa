import { PolisError } from '@polis/kernel'
import { type Hash, hashChildren, sameHash } from './hash-nodes.ts'

export interface InclusionProofInput {
  leafHash: Hash
  index: number
  size: number
  /** The audit path, leaf's sibling first. */
  path: readonly Hash[]
}

const odd = (n: number) => n % 2 === 1
const half = (n: number) => Math.floor(n / 2)

/**
 * The root an audit path leads to from a leaf, by RFC 9162 section 2.1.3.2, or
 * undefined when the path cannot belong to that index and size (too short or too long).
 */
export function rootFromInclusionProof(input: InclusionProofInput): Hash | undefined {
  const { index, size } = input
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return undefined
  if (input.leafHash.length !== 32) return undefined
  let fn = index
  let sn = size - 1
  let hash = input.leafHash
  for (const sibling of input.path) {
    if (sibling.length !== 32 || sn === 0) return undefined
    if (odd(fn) || fn === sn) {
      hash = hashChildren(sibling, hash)
      while (!odd(fn) && fn !== 0) {
        fn = half(fn)
        sn = half(sn)
      }
    } else {
      hash = hashChildren(hash, sibling)
    }
    fn = half(fn)
    sn = half(sn)
  }
  return sn === 0 ? hash : undefined
}

/** Checks that a leaf is at `index` in the tree of `size` leaves with `root`; ERR_INCLUSION_PROOF_INVALID otherwise. */
export function verifyInclusion(input: InclusionProofInput & { root: Hash }): void {
  const computed = rootFromInclusionProof(input)
  if (!computed) {
    throw new PolisError('ERR_INCLUSION_PROOF_INVALID', {
      detail: `the path does not fit leaf ${input.index} of a tree of ${input.size}`,
    })
  }
  if (!sameHash(computed, input.root)) {
    throw new PolisError('ERR_INCLUSION_PROOF_INVALID', {
      detail: `leaf ${input.index} and its path lead to another root than the tree of ${input.size} has`,
    })
  }
}
