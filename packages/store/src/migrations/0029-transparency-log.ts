import { type Kysely, sql } from 'kysely'
import type { Engine } from '../engine.ts'

/**
 * The transparency log: entries, the perfect subtrees of its Merkle tree (two rows an
 * entry at most: any proof reads O(log n) of them, never the leaves), its head and its
 * signed checkpoints. Rows are only ever inserted; the head row is the append lock.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const bigint = engine === 'postgres' ? 'bigint' : 'integer'
  const bytes = engine === 'postgres' ? 'bytea' : 'blob'
  await db.schema
    .createTable('tlog_entries')
    .addColumn('idx', bigint, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .execute()
  // A citizen's entries, for the Data Tracker.
  await db.schema.createIndex('tlog_entries_by_subject').on('tlog_entries').columns(['subject', 'idx']).execute()
  let nodes = db.schema
    .createTable('tlog_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', bigint, (c) => c.notNull())
    .addColumn('hash', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('tlog_nodes_key', ['level', 'idx'])
  // The key is the only way in: SQLite keeps such a table in its key's order, no rowid beside.
  if (engine === 'sqlite') nodes = nodes.modifyEnd(sql`without rowid`)
  await nodes.execute()
  await db.schema
    .createTable('tlog_heads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('size', bigint, (c) => c.notNull())
    .addColumn('root', bytes, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('tlog_checkpoints')
    .addColumn('size', bigint, (c) => c.primaryKey())
    .addColumn('root', bytes, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute()
}
