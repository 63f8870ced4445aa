import { PolisError } from '@polis/kernel'
import type { Hash } from './hash-nodes.ts'

/**
 * An entry's proof of inclusion as c2sp.org/tlog-proof writes it: the index, the audit
 * path (one base64 hash a line, leaf's sibling first), a blank line and the signed
 * checkpoint verbatim. With the entry and the log's key it is checked offline.
 */
export interface TlogProof {
  index: number
  path: Hash[]
  /** The signed checkpoint note the path leads to. */
  checkpoint: string
  /** Opaque, unauthenticated data for the verifier (none from this log). */
  extra?: Uint8Array
}

const header = 'c2sp.org/tlog-proof@v1'

/** Writes a proof in the c2sp.org/tlog-proof@v1 text format. */
export function formatTlogProof(proof: TlogProof): string {
  const lines = [header]
  if (proof.extra) lines.push(`extra ${Buffer.from(proof.extra).toString('base64')}`)
  lines.push(`index ${proof.index}`)
  for (const hash of proof.path) lines.push(Buffer.from(hash).toString('base64'))
  return `${lines.join('\n')}\n\n${proof.checkpoint}`
}

/** Reads a c2sp.org/tlog-proof@v1 proof; ERR_MALFORMED when it is not one. */
export function parseTlogProof(text: string): TlogProof {
  const malformed = (detail: string) => new PolisError('ERR_MALFORMED', { detail: `the proof ${detail}` })
  const lines = text.split('\n')
  if (lines[0] !== header) throw malformed(`does not start with ${header}`)
  let at = 1
  let extra: Buffer | undefined
  if (lines[at]?.startsWith('extra ')) {
    const encoded = (lines[at] as string).slice('extra '.length)
    extra = Buffer.from(encoded, 'base64')
    if (extra.toString('base64') !== encoded) throw malformed('has extra data that is not base64')
    at++
  }
  const index = /^index (0|[1-9][0-9]{0,15})$/.exec(lines[at] ?? '')?.[1]
  if (index === undefined || !Number.isSafeInteger(Number(index))) throw malformed('has no index line')
  at++
  const path: Hash[] = []
  for (; at < lines.length && lines[at] !== ''; at++) {
    const hash = Buffer.from(lines[at] as string, 'base64')
    if (hash.length !== 32 || hash.toString('base64') !== lines[at]) throw malformed('has a path line that is no hash')
    path.push(hash)
  }
  if (at >= lines.length) throw malformed('has no checkpoint after a blank line')
  return { index: Number(index), path, checkpoint: lines.slice(at + 1).join('\n'), ...(extra ? { extra } : {}) }
}
