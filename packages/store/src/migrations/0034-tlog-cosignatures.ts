import type { Kysely } from 'kysely'
import type { Engine } from '../engine.ts'

/**
 * Witnesses' cosignatures of the log's checkpoints (c2sp.org/tlog-cosignature): one
 * signature line a witness and checkpoint, served with the checkpoint so that a
 * verifier can require a quorum of witnesses besides the log's own key.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('tlog_cosignatures')
    .addColumn('size', engine === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('witness', 'text', (c) => c.notNull())
    // The note's signature line, verbatim: `— <witness> base64(key ID || time || signature)`.
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tlog_cosignatures_key', ['size', 'witness'])
    .execute()
}
