import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { createSqliteAppender, type PreparedBatch } from './append-on-sqlite.ts'
import {
  buildConsistencyProof,
  buildInclusionProof,
  nodesForConsistencyProof,
  nodesForInclusionProof,
} from './build-proofs.ts'
import { signCheckpoint } from './checkpoint.ts'
import { frontierKeys, growFrontier } from './grow-tree.ts'
import { emptyRoot, type Hash, hashLeaf } from './hash-nodes.ts'
import { cosignatureLines, keepCosignatures } from './keep-cosignatures.ts'
import { decodeLogEntry, encodeLogEntry, type LogEntry } from './log-entry.ts'
import type { NoteSigner, NoteVerifier } from './signed-note.ts'
import { formatTlogProof } from './tlog-proof.ts'
import type { NodeKey, NodeLookup } from './tree-ranges.ts'

export interface OpenTransparencyLogOptions {
  store: Store
  /** The log's identity on its checkpoints, e.g. `polis.example/log`: the signer's key name. */
  origin: string
  /** Signs checkpoints (`createEcdsaNoteSigner` over a platform key). */
  signer: NoteSigner
  now: () => Date
  /** A checkpoint once this many entries were added since the last, or this many seconds passed. */
  checkpointEvery?: { entries: number; seconds: number }
}

/** A signed checkpoint as the log keeps it. */
export interface StoredCheckpoint {
  size: number
  root: Hash
  /** The c2sp.org/tlog-checkpoint signed note, with the cosignatures of witnesses received so far. */
  note: string
  signedAt: string
}

/** The log's tree head: how many entries, and the root over them. */
export interface TreeHead {
  size: number
  root: Hash
}

/** An append-only Merkle log kept in the store (RFC 9162 tree, C2SP checkpoints). */
export interface TransparencyLog {
  origin: string
  /** Appends entries in one transaction, in order; answers the first one's index and the new size. */
  append(entries: readonly LogEntry[]): Promise<{ first: number; size: number }>
  head(): Promise<TreeHead>
  /** The entry at `index`; ERR_NOT_FOUND past the end. */
  getEntry(index: number): Promise<LogEntry>
  /** The audit path of entry `index` in the tree of `size` entries (any size the log has had). */
  proveInclusion(options: { index: number; size: number }): Promise<Hash[]>
  /** The proof that the tree of `newSize` extends the tree of `oldSize`. */
  proveConsistency(options: { oldSize: number; newSize: number }): Promise<Hash[]>
  /** Signs a checkpoint of the current head when one is due (or `force`d and the log grew); answers it or undefined. */
  checkpointIfDue(options?: { force?: boolean }): Promise<StoredCheckpoint | undefined>
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>
  findCheckpoint(size: number): Promise<StoredCheckpoint | undefined>
  /**
   * Keeps witnesses' cosignatures (c2sp.org/tlog-cosignature) of a checkpoint the log
   * signed, given as its note with their signature lines; only those of `witnesses`
   * are kept, and served with the checkpoint from then on. ERR_COSIGNATURE_INVALID.
   */
  addCosignatures(options: {
    note: string
    witnesses: readonly NoteVerifier[]
  }): Promise<{ size: number; witnesses: string[] }>
  /**
   * An entry with its c2sp.org/tlog-proof against the latest checkpoint, one signed now
   * if none covers it yet: all a verifier needs offline besides the log's key.
   */
  proveEntry(index: number): Promise<{ entry: LogEntry; proof: string }>
}

const headId = 'log'

/** node:sqlite reads bytes as a Uint8Array and pg as a Buffer: the log hands out Buffers either way. */
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
/** Rows a statement: far under both engines' limit on parameters. */
const rowsPerInsert = 1000

/** Opens the log kept in the store, creating its head on first use. */
export async function openTransparencyLog(options: OpenTransparencyLogOptions): Promise<TransparencyLog> {
  const { store, origin, signer, now } = options
  const { db } = store
  const every = options.checkpointEvery ?? { entries: 1000, seconds: 10 }
  if (signer.name !== origin) {
    throw new PolisError('ERR_CONFIG_INVALID', { detail: 'the log signs its checkpoints under its origin' })
  }
  await db
    .insertInto('tlog_heads')
    .values({ id: headId, size: 0, root: emptyRoot, updated_at: now().toISOString() })
    .onConflict((c) => c.column('id').doNothing())
    .execute()

  const toCheckpoint = async (row: { size: number | string; root: Uint8Array; note: string; signed_at: string }) => ({
    size: Number(row.size),
    root: asBuffer(row.root),
    note: `${row.note}${await cosignatureLines(db, Number(row.size))}`,
    signedAt: row.signed_at,
  })

  // The log only grows: a size once seen stays valid, and proofs up to it need not read the head.
  let knownSize = 0

  async function head(): Promise<TreeHead> {
    const row = await db.selectFrom('tlog_heads').select(['size', 'root']).where('id', '=', headId).executeTakeFirst()
    if (!row) throw new PolisError('ERR_DATABASE_CORRUPT', { detail: 'the log has no head' })
    knownSize = Math.max(knownSize, Number(row.size))
    return { size: Number(row.size), root: asBuffer(row.root) }
  }

  /** The stored nodes a proof needs, read in one query. */
  async function readNodes(keys: NodeKey[], from: Pick<Store, 'db'>['db'] = db): Promise<NodeLookup> {
    const found = new Map<string, Hash>()
    if (keys.length > 0) {
      const rows = await from
        .selectFrom('tlog_nodes')
        .select(['level', 'idx', 'hash'])
        .where((eb) =>
          eb(
            eb.refTuple('level', 'idx'),
            'in',
            keys.map((key) => eb.tuple(key.level, key.index)),
          ),
        )
        .execute()
      for (const row of rows) found.set(`${row.level}/${Number(row.idx)}`, asBuffer(row.hash))
    }
    return (key) => {
      const hash = found.get(`${key.level}/${key.index}`)
      if (!hash)
        throw new PolisError('ERR_DATABASE_CORRUPT', { detail: `the log lacks node ${key.level}/${key.index}` })
      return hash
    }
  }

  async function assertSize(size: number): Promise<void> {
    if (Number.isSafeInteger(size) && size >= 0 && size <= knownSize) return
    const current = (await head()).size
    if (!(Number.isSafeInteger(size) && size >= 0 && size <= current)) {
      throw new PolisError('ERR_NOT_FOUND', { detail: `the log has ${current} entries, not ${size}` })
    }
  }

  async function findCheckpoint(size: number): Promise<StoredCheckpoint | undefined> {
    const row = await db.selectFrom('tlog_checkpoints').selectAll().where('size', '=', size).executeTakeFirst()
    return row ? toCheckpoint(row) : undefined
  }

  async function latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const row = await db.selectFrom('tlog_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst()
    return row ? toCheckpoint(row) : undefined
  }

  async function checkpointIfDue(due: { force?: boolean } = {}): Promise<StoredCheckpoint | undefined> {
    const current = await head()
    const last = await latestCheckpoint()
    if (last && current.size <= last.size) return undefined
    const waited = last ? now().getTime() - Date.parse(last.signedAt) : Number.POSITIVE_INFINITY
    const grown = current.size - (last?.size ?? 0)
    if (last && !due.force && grown < every.entries && waited < every.seconds * 1000) return undefined
    const note = await signCheckpoint({ origin, size: current.size, root: current.root }, signer)
    await db
      .insertInto('tlog_checkpoints')
      .values({ size: current.size, root: current.root, note, signed_at: now().toISOString() })
      .onConflict((c) => c.column('size').doNothing())
      .execute()
    // Another process may have signed this size first: its checkpoint is the one kept.
    return findCheckpoint(current.size)
  }

  async function getEntry(index: number): Promise<LogEntry> {
    const row = Number.isSafeInteger(index)
      ? await db.selectFrom('tlog_entries').select('body').where('idx', '=', index).executeTakeFirst()
      : undefined
    if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: `no log entry ${index}` })
    return decodeLogEntry(row.body)
  }

  async function proveInclusion(at: { index: number; size: number }): Promise<Hash[]> {
    await assertSize(at.size)
    if (!(Number.isSafeInteger(at.index) && at.index >= 0 && at.index < at.size)) {
      throw new PolisError('ERR_NOT_FOUND', { detail: `no entry ${at.index} in the tree of ${at.size}` })
    }
    const lookup = await readNodes(nodesForInclusionProof(at))
    return buildInclusionProof({ ...at, lookup })
  }

  const appendOnSqlite = store.sqlite ? createSqliteAppender(store.sqlite, headId) : undefined

  /** The append on either engine through the query builder, in one transaction. */
  async function appendThroughBuilder(batch: PreparedBatch): Promise<{ first: number; size: number }> {
    return db.transaction().execute(async (tx) => {
      // Taking the head row first serialises appends across processes: the second waits here.
      const locked = await tx
        .updateTable('tlog_heads')
        .set((eb) => ({ size: eb('size', '+', batch.rows.length) }))
        .where('id', '=', headId)
        .returning('size')
        .executeTakeFirst()
      if (!locked) throw new PolisError('ERR_DATABASE_CORRUPT', { detail: 'the log has no head' })
      const size = Number(locked.size)
      const first = size - batch.rows.length
      if (batch.rows.length === 0) return { first, size }
      const keys = frontierKeys(first)
      const lookup = await readNodes(keys, tx)
      const { nodes, root } = growFrontier(
        keys.map((key) => ({ ...key, hash: lookup(key) })),
        first,
        batch.leaves,
      )
      for (let from = 0; from < batch.rows.length; from += rowsPerInsert) {
        await tx
          .insertInto('tlog_entries')
          .values(batch.rows.slice(from, from + rowsPerInsert).map((row, i) => ({ idx: first + from + i, ...row })))
          .execute()
      }
      for (let from = 0; from < nodes.length; from += rowsPerInsert) {
        await tx
          .insertInto('tlog_nodes')
          .values(
            nodes
              .slice(from, from + rowsPerInsert)
              .map((node) => ({ level: node.level, idx: node.index, hash: node.hash })),
          )
          .execute()
      }
      await tx.updateTable('tlog_heads').set({ root, updated_at: batch.at }).where('id', '=', headId).execute()
      return { first, size }
    })
  }

  return {
    origin,
    head,
    getEntry,
    findCheckpoint,
    latestCheckpoint,
    checkpointIfDue,
    proveInclusion,

    addCosignatures(given) {
      return keepCosignatures({
        db,
        ...given,
        now,
        signedNote: async (size) =>
          (await db.selectFrom('tlog_checkpoints').select('note').where('size', '=', size).executeTakeFirst())?.note,
      })
    },

    async append(entries) {
      const at = now().toISOString()
      const bodies = entries.map((entry) => encodeLogEntry(entry))
      const rows = entries.map((entry, i) => ({
        kind: entry.kind,
        at: entry.at,
        subject: entry.subject ?? null,
        body: (bodies[i] as Buffer).toString('utf8'),
      }))
      const batch = { rows, leaves: bodies.map((body) => hashLeaf(body)), at }
      const result = (rows.length > 0 ? appendOnSqlite?.(batch) : undefined) ?? (await appendThroughBuilder(batch))
      knownSize = Math.max(knownSize, result.size)
      // The entries are in whatever happens to the signature: a caller must not append them
      // twice, and a checkpoint not signed now is signed by the next call that finds it due.
      if (entries.length > 0) await checkpointIfDue().catch(() => undefined)
      return result
    },

    async proveConsistency(sizes) {
      await assertSize(sizes.newSize)
      if (!(Number.isSafeInteger(sizes.oldSize) && sizes.oldSize >= 0 && sizes.oldSize <= sizes.newSize)) {
        throw new PolisError('ERR_NOT_FOUND', { detail: `no tree of ${sizes.oldSize} before ${sizes.newSize}` })
      }
      const lookup = await readNodes(nodesForConsistencyProof(sizes))
      return buildConsistencyProof({ ...sizes, lookup })
    },

    async proveEntry(index) {
      const entry = await getEntry(index)
      let checkpoint = await latestCheckpoint()
      if (!checkpoint || checkpoint.size <= index) checkpoint = await checkpointIfDue({ force: true })
      if (!checkpoint) throw new PolisError('ERR_INTERNAL', { detail: 'no checkpoint covers the entry' })
      const path = await proveInclusion({ index, size: checkpoint.size })
      return { entry, proof: formatTlogProof({ index, path, checkpoint: checkpoint.note }) }
    },
  }
}
