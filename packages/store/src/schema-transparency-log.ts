/**
 * The transparency log (migration 0029): its entries, the perfect subtrees of its
 * Merkle tree, its head and its signed checkpoints. Sizes and indexes are bigint on
 * PostgreSQL, which `pg` reads as strings: the log parses them at its edge.
 */
export interface TransparencyLogTables {
  tlog_entries: TlogEntryTable
  tlog_nodes: TlogNodeTable
  tlog_heads: TlogHeadTable
  tlog_checkpoints: TlogCheckpointTable
  tlog_cosignatures: TlogCosignatureTable
}

/** One logged entry: its place, the bytes its leaf hashes, and columns to find it by. */
export interface TlogEntryTable {
  idx: number | string
  kind: string
  at: string
  /** The keyed hash of the citizen it concerns, or null. */
  subject: string | null
  /** The entry as logged (canonical JSON): the leaf is SHA-256(0x00 || body). */
  body: string
}

/** The hash of the perfect subtree of 2^level leaves from idx * 2^level; level 0 holds the leaf hashes. */
export interface TlogNodeTable {
  level: number
  idx: number | string
  hash: Uint8Array
}

/** The log's current size and root: one row, locked by every append. */
export interface TlogHeadTable {
  id: string
  size: number | string
  root: Uint8Array
  updated_at: string
}

/** A signed tree head, as a c2sp.org/tlog-checkpoint note. */
export interface TlogCheckpointTable {
  size: number | string
  root: Uint8Array
  note: string
  signed_at: string
}

/** A witness's cosignature of a checkpoint (migration 0034): its note signature line. */
export interface TlogCosignatureTable {
  size: number | string
  witness: string
  line: string
  received_at: string
}
