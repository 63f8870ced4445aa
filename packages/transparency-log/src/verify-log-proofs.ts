import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { type Checkpoint, openCheckpoint, type WitnessPolicy } from './checkpoint.ts'
import { hashLeaf } from './hash-nodes.ts'
import { encodeLogEntry, type LogEntry, parseLogEntry } from './log-entry.ts'
import type { NoteVerifier } from './signed-note.ts'
import { parseTlogProof } from './tlog-proof.ts'
import { verifyConsistency } from './verify-consistency.ts'
import { verifyInclusion } from './verify-inclusion.ts'

/** An entry with its c2sp.org/tlog-proof, as `polis log proof --index` prints it. */
export const EntryProofBundle = z.object({ entry: z.unknown(), proof: z.string().min(1) }).strict()
export type EntryProofBundle = z.infer<typeof EntryProofBundle>

/** Two checkpoints and the consistency proof between them, as `polis log proof --old-size` prints it. */
export const ConsistencyProofBundle = z
  .object({ old: z.string().min(1), new: z.string().min(1), consistency: z.array(z.string()) })
  .strict()
export type ConsistencyProofBundle = z.infer<typeof ConsistencyProofBundle>

/** What an entry's proof established. */
export interface VerifiedEntry {
  entry: LogEntry
  index: number
  checkpoint: Checkpoint
  /** The witnesses whose cosignatures of the checkpoint were checked. */
  witnessedBy: string[]
}

/**
 * Checks offline that an entry is in the log: the checkpoint is signed by the log's key,
 * and the entry's leaf with the audit path leads to its root. Throws
 * ERR_CHECKPOINT_INVALID or ERR_INCLUSION_PROOF_INVALID (ERR_MALFORMED for unreadable input);
 * given witnesses, ERR_COSIGNATURES_MISSING when too few of them cosigned the checkpoint.
 */
export function verifyEntryProof(options: {
  entry: unknown
  proof: string
  verifier: NoteVerifier
  witnesses?: WitnessPolicy
}): VerifiedEntry {
  const entry = parseLogEntry(options.entry)
  const proof = parseTlogProof(options.proof)
  const { witnessedBy, ...checkpoint } = openCheckpoint(proof.checkpoint, options.verifier, options.witnesses)
  verifyInclusion({
    leafHash: hashLeaf(encodeLogEntry(entry)),
    index: proof.index,
    size: checkpoint.size,
    path: proof.path,
    root: checkpoint.root,
  })
  return { entry, index: proof.index, checkpoint, witnessedBy }
}

function decodeHashes(lines: readonly string[]): Buffer[] {
  return lines.map((line) => {
    const hash = Buffer.from(line, 'base64')
    if (hash.length !== 32 || hash.toString('base64') !== line) {
      throw new PolisError('ERR_MALFORMED', { detail: 'a consistency proof holds base64 SHA-256 hashes' })
    }
    return hash
  })
}

/**
 * Checks offline that the newer checkpoint extends the older one: both signed by the
 * log's key, and the proof leads from one root to the other (RFC 9162 section 2.1.4.2).
 * Given witnesses, the newer must be cosigned by enough of them.
 */
export function verifyCheckpointConsistency(options: {
  old: string
  new: string
  consistency: readonly string[]
  verifier: NoteVerifier
  witnesses?: WitnessPolicy
}): { old: Checkpoint; new: Checkpoint & { witnessedBy: string[] } } {
  const older = openCheckpoint(options.old, options.verifier)
  const newer = openCheckpoint(options.new, options.verifier, options.witnesses)
  verifyConsistency({
    oldSize: older.size,
    oldRoot: older.root,
    newSize: newer.size,
    newRoot: newer.root,
    path: decodeHashes(options.consistency),
  })
  return { old: older, new: newer }
}
