import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { buildConsistencyProof, buildInclusionProof, nodesForInclusionProof } from './build-proofs.ts'
import { computeRoot } from './compute-root.ts'
import { appendLeaf, frontierKeys, rootOfFrontier, type StoredNode } from './grow-tree.ts'
import { emptyRoot, type Hash, hashChildren, hashLeaf } from './hash-nodes.ts'
import type { NodeKey, NodeLookup } from './tree-ranges.ts'
import { verifyConsistency } from './verify-consistency.ts'
import { rootFromInclusionProof, verifyInclusion } from './verify-inclusion.ts'

const hex = (hash: Hash) => Buffer.from(hash).toString('hex')
const fromHex = (text: string) => Buffer.from(text, 'hex')

/** A tree grown leaf by leaf as the store grows it, its perfect subtrees kept in a map. */
function growTree(leaves: Hash[]) {
  const nodes = new Map<string, Hash>()
  const frontier: StoredNode[] = []
  const roots = [emptyRoot]
  leaves.forEach((leaf, index) => {
    for (const node of appendLeaf(frontier, index, leaf)) nodes.set(`${node.level}/${node.index}`, node.hash)
    roots.push(rootOfFrontier(frontier))
  })
  const lookup: NodeLookup = (key: NodeKey) => {
    const hash = nodes.get(`${key.level}/${key.index}`)
    if (!hash) throw new Error(`no node ${key.level}/${key.index}`)
    return hash
  }
  return { lookup, roots, nodes }
}

const rejects = (code: string, run: () => void) =>
  assert.throws(run, (error: unknown) => error instanceof PolisError && error.code === code)

// The eight-leaf test tree of the Certificate Transparency reference code (RFC 6962):
// its leaf inputs, the roots of each prefix, and some of its audit paths and
// consistency proofs, as that code's tests state them.
const ctLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
const ctRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
]
const ctInclusion: Array<{ index: number; size: number; path: string[] }> = [
  { index: 0, size: 1, path: [] },
  {
    index: 0,
    size: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    path: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
]
const ctConsistency: Array<{ oldSize: number; newSize: number; path: string[] }> = [
  { oldSize: 1, newSize: 1, path: [] },
  {
    oldSize: 1,
    newSize: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    path: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    path: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
]

describe('the Merkle tree of RFC 9162 section 2.1', () => {
  const ct = growTree(ctLeaves.map((leaf) => hashLeaf(fromHex(leaf))))

  it('hashes the empty tree as SHA-256 of nothing (2.1.1)', () => {
    assert.equal(hex(computeRoot([])), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    assert.equal(hex(rootOfFrontier([])), hex(emptyRoot))
  })

  it('gives the CT reference roots for every prefix of its eight-leaf tree (2.1.1)', () => {
    ctRoots.forEach((root, i) => {
      assert.equal(hex(ct.roots[i + 1] as Hash), root, `size ${i + 1}`)
      assert.equal(hex(computeRoot(ctLeaves.slice(0, i + 1).map((l) => hashLeaf(fromHex(l))))), root)
    })
  })

  it('builds and verifies the CT reference audit paths (2.1.3)', () => {
    for (const vector of ctInclusion) {
      const path = buildInclusionProof({ index: vector.index, size: vector.size, lookup: ct.lookup })
      assert.deepEqual(path.map(hex), vector.path, `leaf ${vector.index} of ${vector.size}`)
      const leafHash = hashLeaf(fromHex(ctLeaves[vector.index] as string))
      verifyInclusion({ leafHash, index: vector.index, size: vector.size, path, root: ct.roots[vector.size] as Hash })
    }
  })

  it('builds and verifies the CT reference consistency proofs (2.1.4)', () => {
    for (const vector of ctConsistency) {
      const path = buildConsistencyProof({ oldSize: vector.oldSize, newSize: vector.newSize, lookup: ct.lookup })
      assert.deepEqual(path.map(hex), vector.path, `${vector.oldSize} to ${vector.newSize}`)
      verifyConsistency({
        oldSize: vector.oldSize,
        oldRoot: ct.roots[vector.oldSize] as Hash,
        newSize: vector.newSize,
        newRoot: ct.roots[vector.newSize] as Hash,
        path,
      })
    }
  })

  it('reads O(log n) stored nodes for a proof in a tree of a million leaves', () => {
    let most = 0
    for (const index of [0, 1, 524_287, 524_288, 999_999, 777_777]) {
      most = Math.max(most, nodesForInclusionProof({ index, size: 1_000_000 }).length)
    }
    assert.ok(most <= 40, `${most} nodes`)
    assert.deepEqual(frontierKeys(1_000_000).length, 7) // one per set bit of 1,000,000
  })
})

describe('proofs over random trees (property)', () => {
  const leaves = Array.from({ length: 70 }, (_, i) => hashLeaf(Buffer.from(`entry ${i}`)))
  const tree = growTree(leaves)

  it('grows the same root leaf by leaf as the definition gives', () => {
    for (let size = 0; size <= leaves.length; size++) {
      assert.equal(hex(tree.roots[size] as Hash), hex(computeRoot(leaves.slice(0, size))), `size ${size}`)
    }
  })

  it('verifies every leaf at every size, and stores two nodes a leaf', () => {
    for (let size = 1; size <= leaves.length; size++) {
      for (let index = 0; index < size; index++) {
        const path = buildInclusionProof({ index, size, lookup: tree.lookup })
        verifyInclusion({ leafHash: leaves[index] as Hash, index, size, path, root: tree.roots[size] as Hash })
      }
    }
    assert.equal(tree.nodes.size, 2 * leaves.length - 3) // 70 = 64 + 4 + 2: three roots not yet paired
  })

  const sizeAndIndex = fc
    .integer({ min: 1, max: leaves.length })
    .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })))

  it('refuses a changed leaf, a wrong index, another head, a truncated or extended path', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.integer({ min: 0, max: 1000 }), ([size, index], salt) => {
        const path = buildInclusionProof({ index, size, lookup: tree.lookup })
        const root = tree.roots[size] as Hash
        const leafHash = leaves[index] as Hash
        const refused = (input: { leafHash: Hash; index: number; size: number; path: Hash[] }) =>
          rejects('ERR_INCLUSION_PROOF_INVALID', () => verifyInclusion({ ...input, root }))
        refused({ leafHash: hashLeaf(Buffer.from(`changed ${salt}`)), index, size, path })
        if (size > 1) refused({ leafHash, index: (index + 1 + (salt % (size - 1))) % size, size, path })
        // The head of another size: a path proves a leaf against one root only.
        const other = tree.roots[size === leaves.length ? size - 1 : size + 1] as Hash
        if (size > 1) assert.throws(() => verifyInclusion({ leafHash, index, size, path, root: other }))
        if (path.length > 0) refused({ leafHash, index, size, path: path.slice(0, -1) })
        refused({ leafHash, index, size, path: [...path, leafHash] })
        assert.equal(rootFromInclusionProof({ leafHash, index: size, size, path }), undefined)
      }),
      { numRuns: fuzzRuns(300) },
    )
  })

  const twoSizes = fc
    .integer({ min: 1, max: leaves.length })
    .chain((newSize) => fc.tuple(fc.integer({ min: 0, max: newSize }), fc.constant(newSize)))

  it('proves every older size consistent with every newer one, and refuses a changed or truncated history', () => {
    fc.assert(
      fc.property(twoSizes, fc.integer({ min: 0, max: 1000 }), ([oldSize, newSize], salt) => {
        const path = buildConsistencyProof({ oldSize, newSize, lookup: tree.lookup })
        const oldRoot = tree.roots[oldSize] as Hash
        const newRoot = tree.roots[newSize] as Hash
        verifyConsistency({ oldSize, oldRoot, newSize, newRoot, path })
        const refused = (input: { oldSize: number; oldRoot: Hash; newSize: number; newRoot: Hash; path: Hash[] }) =>
          rejects('ERR_CONSISTENCY_PROOF_INVALID', () => verifyConsistency(input))
        if (oldSize === 0) return
        // An older head whose history differs: one leaf changed before the older size.
        const altered = [...leaves.slice(0, newSize)]
        altered[salt % oldSize] = hashLeaf(Buffer.from(`forged ${salt}`))
        refused({ oldSize, oldRoot: computeRoot(altered.slice(0, oldSize)), newSize, newRoot, path })
        refused({ oldSize, oldRoot, newSize, newRoot: computeRoot(altered), path })
        if (oldSize < newSize) {
          refused({ oldSize, oldRoot, newSize, newRoot, path: path.slice(0, -1) })
          refused({ oldSize, oldRoot, newSize, newRoot, path: [...path, newRoot] })
          refused({ oldSize, oldRoot, newSize, newRoot: tree.roots[newSize - 1] as Hash, path })
        }
        refused({ oldSize: newSize + 1, oldRoot, newSize, newRoot, path })
      }),
      { numRuns: fuzzRuns(300) },
    )
  })

  it('builds nodes the way the definition pairs them', () => {
    const [a, b] = leaves as [Hash, Hash]
    assert.equal(hex(tree.lookup({ level: 1, index: 0 })), hex(hashChildren(a, b)))
  })
})
