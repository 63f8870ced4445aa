export { auditTransparencyLog, type LogAudit } from './audit-transparency-log.ts'
export { buildConsistencyProof, buildInclusionProof } from './build-proofs.ts'
export {
  type Checkpoint,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type WitnessPolicy,
} from './checkpoint.ts'
export { computeRoot } from './compute-root.ts'
export { frontierKeys, rootOfFrontier } from './grow-tree.ts'
export { emptyRoot, type Hash, hashChildren, hashLeaf } from './hash-nodes.ts'
export {
  decodeLogEntry,
  encodeLogEntry,
  hashContent,
  LogEntry,
  logEntryKinds,
  parseLogEntry,
  tagSubject,
} from './log-entry.ts'
export {
  type OpenTransparencyLogOptions,
  openTransparencyLog,
  type StoredCheckpoint,
  type TransparencyLog,
  type TreeHead,
} from './open-transparency-log.ts'
export {
  cosignatureTime,
  createEcdsaNoteSigner,
  createEd25519Cosigner,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  openNote,
  parseVerifierKey,
  signNote,
} from './signed-note.ts'
export { formatTlogProof, parseTlogProof, type TlogProof } from './tlog-proof.ts'
export { verifyConsistency } from './verify-consistency.ts'
export { rootFromInclusionProof, verifyInclusion } from './verify-inclusion.ts'
export {
  ConsistencyProofBundle,
  EntryProofBundle,
  type VerifiedEntry,
  verifyCheckpointConsistency,
  verifyEntryProof,
} from './verify-log-proofs.ts'
