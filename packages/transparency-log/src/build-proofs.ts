import type { Hash } from './hash-nodes.ts'
import {
  consistencyRanges,
  hashRange,
  inclusionRanges,
  type NodeKey,
  type NodeLookup,
  nodesFor,
} from './tree-ranges.ts'

/** The audit path of leaf `index` in the tree of `size` leaves (RFC 9162 section 2.1.3.1). */
export function buildInclusionProof(options: { index: number; size: number; lookup: NodeLookup }): Hash[] {
  return inclusionRanges(options.index, options.size).map((range) => hashRange(range, options.lookup))
}

/** The stored nodes `buildInclusionProof` reads: O(log² n) at worst, fetched in one query. */
export function nodesForInclusionProof(options: { index: number; size: number }): NodeKey[] {
  return nodesFor(inclusionRanges(options.index, options.size))
}

/** The consistency proof from the tree of `oldSize` leaves to the tree of `newSize` (RFC 9162 section 2.1.4.1). */
export function buildConsistencyProof(options: { oldSize: number; newSize: number; lookup: NodeLookup }): Hash[] {
  return consistencyRanges(options.oldSize, options.newSize).map((range) => hashRange(range, options.lookup))
}

/** The stored nodes `buildConsistencyProof` reads. */
export function nodesForConsistencyProof(options: { oldSize: number; newSize: number }): NodeKey[] {
  return nodesFor(consistencyRanges(options.oldSize, options.newSize))
}
