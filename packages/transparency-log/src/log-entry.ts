import { createHash, createHmac } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { z } from 'zod'

/** What the log records: exchange messages, documents issued and their status changes, officials' actions. */
export const logEntryKinds = [
  'exchange.request',
  'exchange.response',
  'document.issued',
  'document.status',
  'official.action',
  /** A read of a citizen's data in the registers (their Data Tracker). */
  'data.read',
] as const

const digest = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a SHA-256 in base64url')
const label = z.string().min(1).max(200)

/**
 * One entry of the log: a structured record of an event, never its content. Parties,
 * service and purpose are the names of organisations and systems; the citizen appears
 * only as `subject`, a keyed hash of their identifier (`tagSubject`), and the content
 * only as hashes (`hashContent`), so the log can be published and copied freely.
 */
export const LogEntry = z
  .object({
    kind: z.enum(logEntryKinds),
    /** When it happened, ISO 8601 in UTC. */
    at: z.iso.datetime(),
    /** Who acted: an exchange member or subsystem, an agency, an official's role. */
    actor: label,
    /** The other side, e.g. the provider that answered. */
    counterpart: label.optional(),
    service: label.optional(),
    /** Why: the service or case the access was for. */
    purpose: label.optional(),
    subject: digest.optional(),
    /** SHA-256 of the content, by name: `request`, `response`, `document`. */
    hashes: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), digest).default({}),
  })
  .strict()
export type LogEntry = z.infer<typeof LogEntry>

/** Reads an entry from outside (a file, a request); ERR_MALFORMED when it is not one. */
export function parseLogEntry(value: unknown): LogEntry {
  const parsed = LogEntry.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new PolisError('ERR_MALFORMED', {
      detail: `not a log entry: ${issue?.path.join('.') || 'entry'} ${issue?.message ?? ''}`.trim(),
    })
  }
  return parsed.data
}

/**
 * The bytes an entry is logged as, its leaf's input: JSON with the fields in one fixed
 * order and the hashes sorted by name, so that the same entry always makes the same leaf.
 */
export function encodeLogEntry(entry: LogEntry): Buffer {
  const ordered: Record<string, unknown> = { kind: entry.kind, at: entry.at, actor: entry.actor }
  if (entry.counterpart !== undefined) ordered.counterpart = entry.counterpart
  if (entry.service !== undefined) ordered.service = entry.service
  if (entry.purpose !== undefined) ordered.purpose = entry.purpose
  if (entry.subject !== undefined) ordered.subject = entry.subject
  ordered.hashes = Object.fromEntries(Object.entries(entry.hashes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return Buffer.from(JSON.stringify(ordered), 'utf8')
}

/** Reads the bytes `encodeLogEntry` wrote (a stored entry) back into an entry. */
export function decodeLogEntry(bytes: Uint8Array | string): LogEntry {
  let value: unknown
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'a log entry is not JSON', cause })
  }
  return parseLogEntry(value)
}

/**
 * The citizen as the log names them: HMAC-SHA-256 of their identifier under a key the
 * platform keeps. Whoever holds the key finds a citizen's entries; a reader of the log
 * without it cannot tell whose they are, nor test a guessed identifier.
 */
export function tagSubject(options: { key: Uint8Array; citizenId: string }): string {
  return createHmac('sha256', options.key).update(`polis-log-subject:${options.citizenId}`).digest('base64url')
}

/** SHA-256 of some content in base64url, as an entry's `hashes` hold it. */
export function hashContent(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('base64url')
}
