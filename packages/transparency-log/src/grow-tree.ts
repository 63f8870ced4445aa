import { emptyRoot, type Hash, hashChildren } from './hash-nodes.ts'
import { type NodeKey, subtreesOf } from './tree-ranges.ts'

/** A perfect subtree with its hash. */
export interface StoredNode extends NodeKey {
  hash: Hash
}

/**
 * The perfect subtrees a tree of `size` leaves ends in, left to right (one a set bit of
 * the size): all an append needs to know of the tree before it.
 */
export function frontierKeys(size: number): NodeKey[] {
  return size === 0 ? [] : subtreesOf({ start: 0, end: size })
}

/**
 * Adds the leaf at `index` (the tree's size before it) to the frontier, in place, and
 * returns the nodes it completes, the leaf first: what an append stores.
 */
export function appendLeaf(frontier: StoredNode[], index: number, leafHash: Hash): StoredNode[] {
  let node: StoredNode = { level: 0, index, hash: leafHash }
  const made = [node]
  for (;;) {
    const left = frontier.at(-1)
    if (!left || left.level !== node.level) break
    frontier.pop()
    node = { level: node.level + 1, index: left.index / 2, hash: hashChildren(left.hash, node.hash) }
    made.push(node)
  }
  frontier.push(node)
  return made
}

/** The root of the tree a frontier ends: its subtrees folded from the right. */
export function rootOfFrontier(frontier: readonly StoredNode[]): Hash {
  const last = frontier.at(-1)
  if (!last) return emptyRoot
  let hash = last.hash
  for (let i = frontier.length - 2; i >= 0; i--) hash = hashChildren((frontier[i] as StoredNode).hash, hash)
  return hash
}

/** Adds a batch of leaves from index `first` to the frontier: the nodes to store, and the new root. */
export function growFrontier(
  frontier: StoredNode[],
  first: number,
  leaves: readonly Hash[],
): { nodes: StoredNode[]; root: Hash } {
  const nodes: StoredNode[] = []
  leaves.forEach((leaf, i) => {
    for (const node of appendLeaf(frontier, first + i, leaf)) nodes.push(node)
  })
  return { nodes, root: rootOfFrontier(frontier) }
}
