import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { PolisError } from '@polis/kernel'
import { frontierKeys, growFrontier, type StoredNode } from './grow-tree.ts'
import type { Hash } from './hash-nodes.ts'

/** A batch made ready to store: rows and leaves computed before the write lock is taken. */
export interface PreparedBatch {
  rows: Array<{ kind: string; at: string; subject: string | null; body: string }>
  leaves: Hash[]
  at: string
}

/**
 * Appends a batch to a log in the embedded database with prepared statements, in one
 * synchronous transaction: measured at about 1.4 times fewer CPU seconds an entry than
 * the same rows sent through the query builder (the B-tree inserts are most of what is left). Answers undefined, writing nothing, when a transaction of the
 * query builder holds the connection: the caller then appends through the builder, which waits for it.
 */
export function createSqliteAppender(sqlite: DatabaseSync, headId: string) {
  let statements: Record<'bump' | 'readNode' | 'insertEntry' | 'insertNode' | 'setRoot', StatementSync> | undefined
  const prepare = () => {
    statements ??= {
      bump: sqlite.prepare('update tlog_heads set size = size + ? where id = ? returning size'),
      readNode: sqlite.prepare('select hash from tlog_nodes where level = ? and idx = ?'),
      insertEntry: sqlite.prepare('insert into tlog_entries (idx, kind, at, subject, body) values (?, ?, ?, ?, ?)'),
      insertNode: sqlite.prepare('insert into tlog_nodes (level, idx, hash) values (?, ?, ?)'),
      setRoot: sqlite.prepare('update tlog_heads set root = ?, updated_at = ? where id = ?'),
    }
    return statements
  }
  return (batch: PreparedBatch): { first: number; size: number } | undefined => {
    if (sqlite.isTransaction) return undefined
    const s = prepare()
    sqlite.exec('begin immediate')
    try {
      const locked = s.bump.get(batch.rows.length, headId)
      if (!locked) throw new PolisError('ERR_DATABASE_CORRUPT', { detail: 'the log has no head' })
      const size = Number(locked.size)
      const first = size - batch.rows.length
      const frontier: StoredNode[] = frontierKeys(first).map((key) => {
        const row = s.readNode.get(key.level, key.index)
        if (!(row?.hash instanceof Uint8Array)) {
          throw new PolisError('ERR_DATABASE_CORRUPT', { detail: `the log lacks node ${key.level}/${key.index}` })
        }
        return { ...key, hash: row.hash }
      })
      const { nodes, root } = growFrontier(frontier, first, batch.leaves)
      batch.rows.forEach((row, i) => {
        s.insertEntry.run(first + i, row.kind, row.at, row.subject, row.body)
      })
      for (const node of nodes) s.insertNode.run(node.level, node.index, node.hash)
      s.setRoot.run(root, batch.at, headId)
      sqlite.exec('commit')
      return { first, size }
    } catch (error) {
      if (sqlite.isTransaction) sqlite.exec('rollback')
      throw error
    }
  }
}
