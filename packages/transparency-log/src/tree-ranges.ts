import { type Hash, hashChildren, isPowerOfTwo, splitPoint } from './hash-nodes.ts'

/**
 * A perfect subtree: the `2^level` leaves from `index * 2^level` on. These are the only
 * nodes a log stores; every other hash the RFC asks for is combined from a few of them.
 */
export interface NodeKey {
  level: number
  index: number
}

/** The leaves `start` (included) to `end` (excluded), whose hash is MTH(D[start:end]). */
export interface LeafRange {
  start: number
  end: number
}

/** Answers the stored hash of a perfect subtree; throws when it has none. */
export type NodeLookup = (key: NodeKey) => Hash

function eachSubtree(start: number, end: number, visit: (key: NodeKey) => void): void {
  const n = end - start
  if (isPowerOfTwo(n) && start % n === 0) {
    visit({ level: Math.log2(n), index: start / n })
    return
  }
  const k = splitPoint(n)
  eachSubtree(start, start + k, visit)
  eachSubtree(start + k, end, visit)
}

/**
 * The perfect subtrees, left to right, that MTH(D[start:end]) is made of under the RFC's
 * split (RFC 9162 section 2.1.1). The ranges the proofs name break into at most one a level.
 */
export function subtreesOf(range: LeafRange): NodeKey[] {
  if (!(range.end > range.start)) throw new RangeError('an empty range has no subtrees')
  const keys: NodeKey[] = []
  eachSubtree(range.start, range.end, (key) => keys.push(key))
  return keys
}

/** MTH(D[start:end]) from the stored perfect subtrees, by the RFC's recursion. */
export function hashRange(range: LeafRange, lookup: NodeLookup): Hash {
  const n = range.end - range.start
  if (!(n > 0)) throw new RangeError('an empty range has no hash')
  if (isPowerOfTwo(n) && range.start % n === 0) return lookup({ level: Math.log2(n), index: range.start / n })
  const middle = range.start + splitPoint(n)
  return hashChildren(
    hashRange({ start: range.start, end: middle }, lookup),
    hashRange({ start: middle, end: range.end }, lookup),
  )
}

/**
 * The ranges whose hashes form the audit path of leaf `index` in the tree of `size`
 * leaves, leaf's sibling first: PATH(m, D[n]) of RFC 9162 section 2.1.3.1.
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) {
    throw new RangeError(`no leaf ${index} in a tree of ${size}`)
  }
  const path: LeafRange[] = []
  let start = 0
  let end = size
  while (end - start > 1) {
    const middle = start + splitPoint(end - start)
    if (index < middle) {
      path.push({ start: middle, end })
      end = middle
    } else {
      path.push({ start, end: middle })
      start = middle
    }
  }
  return path.reverse()
}

/**
 * The ranges whose hashes prove the tree of `oldSize` leaves a prefix of the tree of
 * `newSize`: PROOF(m, D[n]) by SUBPROOF of RFC 9162 section 2.1.4.1. Empty when
 * `oldSize` is 0 or equals `newSize`, as the RFC's verification expects.
 */
export function consistencyRanges(oldSize: number, newSize: number): LeafRange[] {
  if (!(Number.isSafeInteger(oldSize) && Number.isSafeInteger(newSize) && oldSize >= 0 && oldSize <= newSize)) {
    throw new RangeError(`no consistency proof from ${oldSize} to ${newSize}`)
  }
  if (oldSize === 0 || oldSize === newSize) return []
  const path: LeafRange[] = []
  let start = 0
  let end = newSize
  // SUBPROOF's flag: true while the old tree is still a left part of the subtree in hand.
  let whole = true
  while (oldSize !== end) {
    const middle = start + splitPoint(end - start)
    if (oldSize <= middle) {
      path.push({ start: middle, end })
      end = middle
    } else {
      path.push({ start, end: middle })
      start = middle
      whole = false
    }
  }
  if (!whole) path.push({ start, end })
  return path.reverse()
}

/** Every stored node a set of ranges needs, each once: what a proof reads from storage. */
export function nodesFor(ranges: LeafRange[]): NodeKey[] {
  const seen = new Map<string, NodeKey>()
  for (const range of ranges) {
    for (const key of subtreesOf(range)) seen.set(`${key.level}/${key.index}`, key)
  }
  return [...seen.values()]
}
