/**
 * A witness of the transparency log, as c2sp.org/tlog-witness describes the role: it
 * keeps the last checkpoint it saw, and cosigns a new one only once it has checked,
 * with the log's consistency proof, that the new tree extends the old one. A log that
 * rewrote its history, or shows a smaller or another tree of a size it showed before,
 * gets no cosignature, and the witness keeps what it saw: it never forgets a fork.
 */
import { PolisError } from '@polis/kernel'
import {
  ConsistencyProofBundle,
  type NoteSigner,
  type NoteVerifier,
  openCheckpoint,
  openNote,
  signNote,
  verifyCheckpointConsistency,
} from '@polis/transparency-log'
import { z } from 'zod'

/** What a witness keeps between runs: the log it watches and the last checkpoint it cosigned. */
export const WitnessState = z
  .object({
    /** The log's verifier key, given or taken on first contact. */
    logKey: z.string().min(1),
    /** The last checkpoint cosigned, a signed note of the log. */
    note: z.string().min(1),
    size: z.number().int().nonnegative(),
  })
  .strict()
export type WitnessState = z.infer<typeof WitnessState>

export interface WitnessOnceOptions {
  /** The log's base URL, e.g. `https://polis.example`: its routes are under /log. */
  logUrl: string
  logKey: string
  logVerifier: NoteVerifier
  cosigner: NoteSigner
  state: WitnessState | undefined
  /** Keeps the state before the cosignature leaves: a witness never cosigns what it could forget. */
  save: (state: WitnessState) => Promise<void> | void
  fetch?: typeof fetch
}

export type WitnessOutcome =
  | { outcome: 'cosigned'; size: number; from: number }
  | { outcome: 'unchanged'; size: number }

async function getText(fetcher: typeof fetch, url: string): Promise<string> {
  const response = await fetcher(url, { headers: { 'cache-control': 'no-cache' } })
  const text = await response.text()
  if (!response.ok) {
    const code = /"code":"(ERR_[A-Z_]+)"/.exec(text)?.[1] ?? 'no code'
    throw new PolisError('ERR_LOG_UNREACHABLE', { detail: `${url} answered ${response.status} (${code})` })
  }
  return text
}

/**
 * One look at the log: fetches its latest checkpoint, checks it against the last one
 * kept, and cosigns and hands in the cosignature when it extends it. Throws
 * ERR_CHECKPOINT_INVALID (not the log's), ERR_CONSISTENCY_PROOF_INVALID (a rewritten
 * history, a tree smaller than seen, another root for a size seen); the state then stays.
 */
export async function witnessOnce(options: WitnessOnceOptions): Promise<WitnessOutcome> {
  const fetcher = options.fetch ?? fetch
  const base = options.logUrl.replace(/\/+$/, '')
  const note = await getText(fetcher, `${base}/log/checkpoint`)
  const latest = openCheckpoint(note, options.logVerifier)
  const previous = options.state
  if (previous && previous.size > latest.size) {
    throw new PolisError('ERR_CONSISTENCY_PROOF_INVALID', {
      detail: `the log shows ${latest.size} entries after it showed ${previous.size}`,
    })
  }
  if (previous && previous.size === latest.size) {
    // Another root for a size seen is a fork; the same one needs no new cosignature.
    verifyCheckpointConsistency({ old: previous.note, new: note, consistency: [], verifier: options.logVerifier })
    return { outcome: 'unchanged', size: latest.size }
  }
  if (previous && previous.size > 0) {
    const answer = await getText(fetcher, `${base}/log/consistency?from=${previous.size}&to=${latest.size}`)
    let bundle: ConsistencyProofBundle
    try {
      bundle = ConsistencyProofBundle.parse(JSON.parse(answer))
    } catch (cause) {
      throw new PolisError('ERR_MALFORMED', { detail: 'the log’s consistency proof is not one', cause })
    }
    // The proof leads from the root the witness kept, not from whatever old checkpoint the log sends.
    verifyCheckpointConsistency({
      old: previous.note,
      new: note,
      consistency: bundle.consistency,
      verifier: options.logVerifier,
    })
  }
  await options.save({ logKey: options.logKey, note, size: latest.size })
  const text = openNote(note, [options.logVerifier]).text
  const cosigned = await signNote(text, [options.cosigner])
  const response = await fetcher(`${base}/log/cosignature`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: cosigned,
  })
  if (!response.ok) {
    const code = /"code":"(ERR_[A-Z_]+)"/.exec(await response.text())?.[1] ?? 'no code'
    throw new PolisError('ERR_LOG_UNREACHABLE', {
      detail: `the log refused the cosignature of ${latest.size}: ${response.status} (${code})`,
    })
  }
  return { outcome: 'cosigned', size: latest.size, from: previous?.size ?? 0 }
}
