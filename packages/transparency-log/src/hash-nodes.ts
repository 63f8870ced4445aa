import { hash } from 'node:crypto'

/** A SHA-256 hash: the leaves, nodes and roots of the tree. */
export type Hash = Uint8Array

const leafPrefix = Buffer.from([0x00])
// One-shot hashing of one buffer is twice as fast as a streaming hash: a node's input is
// assembled in this scratch buffer (hashing is synchronous, so nothing else can be using it).
const nodeInput = Buffer.alloc(65, 0x01)
/**
 * SHA-256 of `input`, as bytes. Node's one-shot hash answers a Buffer in three times the
 * time it answers a `binary` (latin1) string, one character a byte, read back losslessly.
 */
const sha256 = (input: Uint8Array): Hash => Buffer.from(hash('sha256', input, 'binary'), 'binary')

/** The hash of a leaf, `SHA-256(0x00 || entry)` (RFC 9162 section 2.1.1). */
export function hashLeaf(entry: Uint8Array): Hash {
  return sha256(Buffer.concat([leafPrefix, entry]))
}

/** The hash of an interior node, `SHA-256(0x01 || left || right)` (RFC 9162 section 2.1.1). */
export function hashChildren(left: Hash, right: Hash): Hash {
  if (left.length !== 32 || right.length !== 32) throw new RangeError('a node joins two SHA-256 hashes')
  nodeInput.set(left, 1)
  nodeInput.set(right, 33)
  return sha256(nodeInput)
}

/** The root of the empty tree: the hash of nothing (RFC 9162 section 2.1.1). */
export const emptyRoot: Hash = sha256(Buffer.alloc(0))

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
