import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { parseCheckpoint } from './checkpoint.ts'
import { type NoteVerifier, openNote } from './signed-note.ts'

type Db = Store['db']

/**
 * Keeps the cosignatures of the log's witnesses on a checkpoint the log signed: `note`
 * is that checkpoint's text with signature lines, of which those from the given
 * witnesses must verify (others are ignored, as c2sp.org/signed-note says). A witness's
 * newer cosignature of a size replaces its older one. ERR_COSIGNATURE_INVALID when the
 * text is not a checkpoint the log signed, or no known witness signed it.
 */
export async function keepCosignatures(options: {
  db: Db
  note: string
  witnesses: readonly NoteVerifier[]
  /** The note the log signed for a size, if any. */
  signedNote: (size: number) => Promise<string | undefined>
  now: () => Date
}): Promise<{ size: number; witnesses: string[] }> {
  const invalid = (detail: string, cause?: unknown) => new PolisError('ERR_COSIGNATURE_INVALID', { detail, cause })
  let opened: ReturnType<typeof openNote>
  try {
    opened = openNote(options.note, options.witnesses)
  } catch (cause) {
    throw invalid('no witness this log knows cosigned the note, or a cosignature does not verify', cause)
  }
  const { size } = parseCheckpoint(opened.text)
  const signed = await options.signedNote(size)
  if (!signed?.startsWith(`${opened.text}\n`)) throw invalid(`the log signed no such checkpoint of ${size}`)
  const at = options.now().toISOString()
  for (const [i, witness] of opened.signedBy.entries()) {
    const line = opened.signedLines[i] as string
    await options.db
      .insertInto('tlog_cosignatures')
      .values({ size, witness, line, received_at: at })
      .onConflict((c) => c.columns(['size', 'witness']).doUpdateSet({ line, received_at: at }))
      .execute()
  }
  return { size, witnesses: [...new Set(opened.signedBy)] }
}

/** The witnesses' signature lines of a checkpoint, each ending in a newline, to add to its note. */
export async function cosignatureLines(db: Db, size: number): Promise<string> {
  const rows = await db
    .selectFrom('tlog_cosignatures')
    .select('line')
    .where('size', '=', size)
    .orderBy('witness')
    .execute()
  return rows.map((row) => `${row.line}\n`).join('')
}
