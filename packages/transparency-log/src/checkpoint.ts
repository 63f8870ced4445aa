import { PolisError } from '@polis/kernel'
import type { Hash } from './hash-nodes.ts'
import { type NoteSigner, type NoteVerifier, openNote, signNote } from './signed-note.ts'

/** A log's tree head as c2sp.org/tlog-checkpoint writes it: who, how many leaves, which root. */
export interface Checkpoint {
  /** The log's identity, a schema-less URL such as `polis.example/log`; also its key's name. */
  origin: string
  size: number
  root: Hash
}

/** The note text of a checkpoint: origin, size and base64 root, a line each. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${Buffer.from(checkpoint.root).toString('base64')}\n`
}

/** Reads a checkpoint's note text; extension lines are allowed and ignored (the spec advises against them). */
export function parseCheckpoint(text: string): Checkpoint {
  const invalid = (detail: string) => new PolisError('ERR_CHECKPOINT_INVALID', { detail })
  const lines = text.split('\n')
  if (lines.length < 4 || lines.at(-1) !== '') throw invalid('a checkpoint has three lines at least')
  const [origin, sizeText, rootText] = lines as [string, string, string]
  if (origin.length === 0) throw invalid('the origin is empty')
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw invalid('the size is not a decimal number')
  }
  const root = Buffer.from(rootText, 'base64')
  if (root.length !== 32 || root.toString('base64') !== rootText) throw invalid('the root is not a base64 SHA-256')
  if (lines.slice(3, -1).some((line) => line.length === 0)) throw invalid('an extension line is empty')
  return { origin, size: Number(sizeText), root }
}

/** Signs a checkpoint into a signed note (c2sp.org/tlog-checkpoint). */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): Promise<string> {
  return signNote(formatCheckpoint(checkpoint), [signer])
}

/** The witnesses a verifier trusts and how many of them must have cosigned a checkpoint. */
export interface WitnessPolicy {
  /** Their cosigner keys (`parseVerifierKey` of type 0x04 vkeys). */
  verifiers: readonly NoteVerifier[]
  quorum: number
}

/**
 * Opens a signed checkpoint with the log's key and reads it; the origin must be the
 * key's name, as the spec advises, so that a checkpoint of another log is refused.
 * ERR_CHECKPOINT_INVALID otherwise. Given witnesses, at least `quorum` of them must have
 * cosigned it (ERR_COSIGNATURES_MISSING): a log that shows one history to some and
 * another to others would need the witnesses to sign both.
 */
export function openCheckpoint(
  note: string,
  verifier: NoteVerifier,
  witnesses?: WitnessPolicy,
): Checkpoint & { note: string; witnessedBy: string[] } {
  const opened = openNote(note, [verifier, ...(witnesses?.verifiers ?? [])])
  if (!opened.signedBy.includes(verifier.name)) {
    throw new PolisError('ERR_CHECKPOINT_INVALID', { detail: 'the log’s own key did not sign the checkpoint' })
  }
  const checkpoint = parseCheckpoint(opened.text)
  if (checkpoint.origin !== verifier.name) {
    throw new PolisError('ERR_CHECKPOINT_INVALID', { detail: `the checkpoint is of ${checkpoint.origin}` })
  }
  const witnessedBy = [...new Set(opened.signedBy.filter((name) => name !== verifier.name))]
  if (witnesses && witnessedBy.length < witnesses.quorum) {
    throw new PolisError('ERR_COSIGNATURES_MISSING', {
      detail: `${witnessedBy.length} of the ${witnesses.quorum} witnesses required cosigned the checkpoint of ${checkpoint.size}`,
    })
  }
  return { ...checkpoint, note, witnessedBy }
}
