import type { Store } from '@polis/store'
import { openCheckpoint } from './checkpoint.ts'
import { appendLeaf, rootOfFrontier, type StoredNode } from './grow-tree.ts'
import { hashLeaf, sameHash } from './hash-nodes.ts'
import type { NoteVerifier } from './signed-note.ts'

/** What an audit of the stored log found. */
export interface LogAudit {
  /** Entries read. */
  size: number
  /** Signed checkpoints whose roots the entries were checked against. */
  checkpoints: number
  /** What does not hold, first found first (at most 20); empty when the log is intact. */
  problems: string[]
}

const chunk = 5000
const maxProblems = 20

/**
 * Recomputes the whole tree from the stored entries and checks it against every signed
 * checkpoint and the stored leaf hashes: an entry altered, removed, inserted or moved
 * in the database, even with its hashes rewritten, shows as a root that is not the one
 * the log signed. Reads every entry once, in chunks.
 */
export async function auditTransparencyLog(options: { store: Store; verifier: NoteVerifier }): Promise<LogAudit> {
  const { db } = options.store
  const problems: string[] = []
  const report = (problem: string) => {
    if (problems.length < maxProblems) problems.push(problem)
  }
  const signed = new Map<number, Uint8Array>()
  for (const row of await db.selectFrom('tlog_checkpoints').select(['size', 'note']).orderBy('size').execute()) {
    try {
      const checkpoint = openCheckpoint(row.note, options.verifier)
      if (checkpoint.size !== Number(row.size))
        report(`the checkpoint stored at size ${row.size} is of size ${checkpoint.size}`)
      signed.set(checkpoint.size, checkpoint.root)
    } catch {
      report(`the checkpoint at size ${row.size} is not validly signed by the log's key`)
    }
  }
  const frontier: StoredNode[] = []
  let size = 0
  const checkRoot = () => {
    const root = signed.get(size)
    if (root && !sameHash(root, rootOfFrontier(frontier))) {
      report(`the entries up to ${size} do not make the root the log signed at that size`)
    }
  }
  for (;;) {
    const rows = await db
      .selectFrom('tlog_entries as e')
      .leftJoin('tlog_nodes as n', (join) => join.onRef('n.idx', '=', 'e.idx').on('n.level', '=', 0))
      .select(['e.idx', 'e.body', 'n.hash'])
      .where('e.idx', '>=', size)
      .orderBy('e.idx')
      .limit(chunk)
      .execute()
    for (const row of rows) {
      const index = Number(row.idx)
      if (index !== size) {
        report(`entries ${size} to ${index - 1} are missing`)
        return { size, checkpoints: signed.size, problems }
      }
      const leaf = hashLeaf(Buffer.from(row.body, 'utf8'))
      if (!row.hash || !sameHash(leaf, row.hash)) report(`entry ${index} does not match its stored leaf hash`)
      appendLeaf(frontier, index, leaf)
      size++
      checkRoot()
    }
    if (rows.length < chunk) break
  }
  const last = Math.max(0, ...signed.keys())
  if (last > size) report(`the log signed ${last} entries but holds ${size}`)
  const head = await db.selectFrom('tlog_heads').select(['size', 'root']).executeTakeFirst()
  if (head && (Number(head.size) !== size || !sameHash(head.root, rootOfFrontier(frontier)))) {
    report('the head does not match the entries')
  }
  return { size, checkpoints: signed.size, problems }
}
