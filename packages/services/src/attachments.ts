import { createHash, randomUUID } from 'node:crypto'
import { type ErrorCode, PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import {
  type AttachmentType,
  attachmentTypes,
  defaultMaxBytes,
  type Field,
  type ServiceDefinition,
} from './definition.ts'

/** What the citizen and officials see of an attachment; never its bytes. */
export interface AttachmentSummary {
  id: string
  fieldId: string
  fileName: string
  mediaType: AttachmentType
  size: number
}

/** A file checked for a `file` field: its kind from its bytes, its size, a clean name. */
export interface CheckedFile {
  fileName: string
  mediaType: AttachmentType
  size: number
}

const signatures: Array<{ type: AttachmentType; bytes: number[]; extensions: string[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], extensions: ['pdf'] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff], extensions: ['jpg', 'jpeg'] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], extensions: ['png'] },
]

/** The kind of a file by its first bytes (`%PDF-`, JPEG's FF D8 FF, PNG's signature); undefined for any other. */
export function detectAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  return signatures.find((s) => s.bytes.length <= bytes.length && s.bytes.every((b, i) => bytes[i] === b))?.type
}

const longestName = 100

/**
 * A file name safe to keep and send back: no folders (either slash), no control,
 * format or reserved characters, at most 100 characters, ending in the extension of
 * the kind its bytes are (a PNG called `scan.pdf` becomes `scan.pdf.png`).
 */
export function cleanFileName(name: string, mediaType: AttachmentType): string {
  const extensions = signatures.find((s) => s.type === mediaType)?.extensions ?? ['bin']
  const base = (name.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/[\p{Cf}\p{Co}\p{Cn}\p{Cs}<>:"|?*]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/, '')
  const extension = /\.([A-Za-z0-9]+)$/.exec(base)?.[1]?.toLowerCase()
  const stem = extension && extensions.includes(extension) ? base.slice(0, -extension.length - 1) : base
  const suffix = `.${extension && extensions.includes(extension) ? extension : extensions[0]}`
  const kept = [...stem]
    .slice(0, longestName - suffix.length)
    .join('')
    .trim()
  return `${kept || 'attachment'}${suffix}`
}

/**
 * Checks a file for a `file` field: not empty, within its size, of a kind it takes by
 * the file's own bytes (the name and the browser's claim are not believed).
 * Throws ERR_ATTACHMENT_EMPTY, ERR_ATTACHMENT_TOO_LARGE or ERR_ATTACHMENT_TYPE.
 */
export function checkAttachment(field: Pick<Field, 'accept' | 'maxBytes'>, file: { name: string; bytes: Uint8Array }) {
  if (file.bytes.length === 0) throw new PolisError('ERR_ATTACHMENT_EMPTY')
  if (file.bytes.length > (field.maxBytes ?? defaultMaxBytes)) throw new PolisError('ERR_ATTACHMENT_TOO_LARGE')
  const mediaType = detectAttachmentType(file.bytes)
  const accepted: readonly AttachmentType[] = field.accept ?? attachmentTypes
  if (!mediaType || !accepted.includes(mediaType)) throw new PolisError('ERR_ATTACHMENT_TYPE')
  return { fileName: cleanFileName(file.name, mediaType), mediaType, size: file.bytes.length } satisfies CheckedFile
}

/** The codes a refused file is said with, at its field. */
export const attachmentErrors = [
  'ERR_ATTACHMENT_EMPTY',
  'ERR_ATTACHMENT_TOO_LARGE',
  'ERR_ATTACHMENT_TYPE',
  'ERR_ATTACHMENT_UNKNOWN',
] as const satisfies ErrorCode[]

/** Keeps a checked file for the citizen's application to come; nothing is stored for a refused one. */
export async function storeAttachment(
  store: Store,
  options: {
    citizenId: string
    serviceCode: string
    field: Field
    file: { name: string; bytes: Uint8Array }
    now: () => Date
  },
): Promise<AttachmentSummary> {
  const checked = checkAttachment(options.field, options.file)
  const id = randomUUID()
  await store.db
    .insertInto('attachments')
    .values({
      id,
      citizen_id: options.citizenId,
      service_code: options.serviceCode,
      field_id: options.field.id,
      file_name: checked.fileName,
      media_type: checked.mediaType,
      size: checked.size,
      sha256: createHash('sha256').update(options.file.bytes).digest('hex'),
      content: Buffer.from(options.file.bytes),
      created_at: options.now().toISOString(),
      application_id: null,
    })
    .execute()
  return { id, fieldId: options.field.id, ...checked }
}

const summaryColumns = ['id', 'field_id', 'file_name', 'media_type', 'size'] as const
const summaryOf = (row: { id: string; field_id: string; file_name: string; media_type: string; size: number }) =>
  ({
    id: row.id,
    fieldId: row.field_id,
    fileName: row.file_name,
    mediaType: row.media_type as AttachmentType,
    size: Number(row.size),
  }) satisfies AttachmentSummary

const hasFileFields = (definition: ServiceDefinition) =>
  definition.pages.some((p) => p.fields.some((f) => f.type === 'file'))

/**
 * The citizen's attachments to this service that no application has taken yet, by id:
 * what a `file` answer may name. Reads nothing for a service that asks for no file.
 */
export async function unusedAttachments(
  store: Store,
  definition: ServiceDefinition,
  citizenId: string,
): Promise<Record<string, AttachmentSummary>> {
  if (!hasFileFields(definition)) return {}
  const rows = await store.db
    .selectFrom('attachments')
    .select(summaryColumns)
    .where('citizen_id', '=', citizenId)
    .where('service_code', '=', definition.code)
    .where('application_id', 'is', null)
    .execute()
  return Object.fromEntries(rows.map((row) => [row.id, summaryOf(row)]))
}

/**
 * Gives the application the attachments its answers name, in the submission's
 * transaction: one another application took meanwhile is ERR_ATTACHMENT_UNKNOWN, and
 * the submission is undone.
 */
export async function claimAttachments(
  trx: Store['db'],
  options: {
    definition: ServiceDefinition
    applicationId: string
    citizenId: string
    answers: Record<string, unknown>
  },
): Promise<void> {
  const files = options.definition.pages.flatMap((p) => p.fields).filter((f) => f.type === 'file')
  const ids = files.map((f) => options.answers[f.id]).filter((v): v is string => typeof v === 'string')
  if (ids.length === 0) return
  const taken = await trx
    .updateTable('attachments')
    .set({ application_id: options.applicationId })
    .where('id', 'in', ids)
    .where('citizen_id', '=', options.citizenId)
    .where('service_code', '=', options.definition.code)
    .where('application_id', 'is', null)
    .executeTakeFirst()
  if (Number(taken.numUpdatedRows) !== new Set(ids).size) throw new PolisError('ERR_ATTACHMENT_UNKNOWN')
}

/** Deletes a file the citizen replaced before submitting it; one an application took is kept. */
export async function discardAttachment(store: Store, citizenId: string, id: string): Promise<void> {
  await store.db
    .deleteFrom('attachments')
    .where('id', '=', id)
    .where('citizen_id', '=', citizenId)
    .where('application_id', 'is', null)
    .execute()
}

/** An application's attachments, in the order they were uploaded. */
export async function listAttachments(store: Store, applicationId: string): Promise<AttachmentSummary[]> {
  const rows = await store.db
    .selectFrom('attachments')
    .select(summaryColumns)
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(summaryOf)
}

/** Attachments by id (a draft's), whoever's they are not: only the citizen's own are answered. */
export async function findAttachments(
  store: Store,
  citizenId: string,
  ids: string[],
): Promise<Record<string, AttachmentSummary>> {
  if (ids.length === 0) return {}
  const rows = await store.db
    .selectFrom('attachments')
    .select(summaryColumns)
    .where('citizen_id', '=', citizenId)
    .where('id', 'in', ids)
    .execute()
  return Object.fromEntries(rows.map((row) => [row.id, summaryOf(row)]))
}

/**
 * One attachment of an application, with its bytes; ERR_NOT_FOUND unless it belongs to
 * that application. The caller has already found the application for whoever asks
 * (the citizen's own, or a case of the official's agency).
 */
export async function getAttachmentContent(
  store: Store,
  applicationId: string,
  attachmentId: string,
): Promise<AttachmentSummary & { content: Uint8Array<ArrayBuffer> }> {
  const row = await store.db
    .selectFrom('attachments')
    .select([...summaryColumns, 'content'])
    .where('id', '=', attachmentId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such attachment' })
  return { ...summaryOf(row), content: new Uint8Array(row.content) }
}

/** How long a file uploaded to a draft is kept while no submitted application takes it. */
export const draftAttachmentDays = 7

/**
 * Deletes the files uploaded to drafts that no application took within the retention
 * period (7 days from the upload by default), in batches of at most `batchSize` rows,
 * so that no statement holds the table long; a file taken by a submission meanwhile is
 * never deleted (the delete checks again that no application has it). Answers how
 * many went. Every process may run it at once: each delete is idempotent.
 */
export async function expireDraftAttachments(
  store: Store,
  options: { now: () => Date; retentionDays?: number; batchSize?: number; maxBatches?: number },
): Promise<number> {
  const days = options.retentionDays ?? draftAttachmentDays
  const batchSize = options.batchSize ?? 500
  const maxBatches = options.maxBatches ?? 100
  const before = new Date(options.now().getTime() - days * 86_400_000).toISOString()
  let deleted = 0
  for (let batch = 0; batch < maxBatches; batch++) {
    const result = await store.db
      .deleteFrom('attachments')
      .where('application_id', 'is', null)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('attachments')
          .select('id')
          .where('application_id', 'is', null)
          .where('created_at', '<', before)
          .limit(batchSize),
      )
      .executeTakeFirst()
    const gone = Number(result.numDeletedRows)
    deleted += gone
    if (gone < batchSize) break
  }
  return deleted
}
