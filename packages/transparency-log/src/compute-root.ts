import { emptyRoot, type Hash, hashChildren, splitPoint } from './hash-nodes.ts'

/**
 * MTH(D[n]) of RFC 9162 section 2.1.1 straight from its definition, over leaf hashes
 * held in memory: the reference the stored tree is checked against, and an auditor's
 * way to recompute a whole log.
 */
export function computeRoot(leafHashes: readonly Hash[]): Hash {
  if (leafHashes.length === 0) return emptyRoot
  return rootOf(leafHashes, 0, leafHashes.length)
}

function rootOf(leaves: readonly Hash[], start: number, end: number): Hash {
  if (end - start === 1) return leaves[start] as Hash
  const middle = start + splitPoint(end - start)
  return hashChildren(rootOf(leaves, start, middle), rootOf(leaves, middle, end))
}
