import { createHash } from 'node:crypto'

/** A SHA-256 hash: the leaves, nodes and roots of the tree. */
export type Hash = Uint8Array

const leafPrefix = Buffer.from([0x00])
const nodePrefix = Buffer.from([0x01])

/** The hash of a leaf, `SHA-256(0x00 || entry)` (RFC 9162 section 2.1.1). */
export function hashLeaf(entry: Uint8Array): Hash {
  return createHash('sha256').update(leafPrefix).update(entry).digest()
}

/** The hash of an interior node, `SHA-256(0x01 || left || right)` (RFC 9162 section 2.1.1). */
export function hashChildren(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(nodePrefix).update(left).update(right).digest()
}

/** The root of the empty tree: the hash of nothing (RFC 9162 section 2.1.1). */
export const emptyRoot: Hash = createHash('sha256').digest()

/** The largest power of two strictly below `n` (n > 1): where the RFC splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/** True when `n` is 1, 2, 4, 8, ...; sizes go beyond 2^32, so no bitwise operators. */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false
  let k = 1
  while (k < n) k *= 2
  return k === n
}

/** Constant-length comparison of two hashes. */
export function sameHash(a: Hash, b: Hash): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0
}
