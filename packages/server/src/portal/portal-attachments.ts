/**
 * Files on the portal: a `file` question as an accessible file input, the uploads of a
 * question page checked by their bytes and kept, and a file as the citizen reads it
 * back (its name and size).
 */
import { isPolisError, type Language } from '@polis/kernel'
import {
  type AttachmentSummary,
  attachmentErrors,
  defaultMaxBytes,
  discardAttachment,
  type Field,
  type FieldError,
  fieldErrorOf,
  type ServiceDefinition,
  storeAttachment,
} from '@polis/services'
import type { Store } from '@polis/store'
import { escapeHtml } from '@polis/ui/server-page'
import { pageLocales } from '../http/page-language.ts'
import { portalText } from './portal-texts.ts'

const typeNames: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' }
const extensions: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg,.jpeg',
  'image/png': '.png',
}
const units: Record<Language, [string, string, string]> = {
  uk: ['Б', 'КБ', 'МБ'],
  en: ['bytes', 'KB', 'MB'],
  et: ['baiti', 'kB', 'MB'],
}

/** A size as people read it: `340 KB`, `1,2 МБ`, the number and unit kept together. */
export function formatBytes(size: number, language: Language): string {
  const [b, kb, mb] = units[language]
  const number = new Intl.NumberFormat(pageLocales[language], { maximumFractionDigits: 1 })
  // A no-break space: the number and its unit stay on one line.
  if (size < 1024) return `${size}\u00a0${b}`
  if (size < 1024 * 1024) return `${number.format(Math.round(size / 1024))}\u00a0${kb}`
  return `${number.format(Math.round((size / (1024 * 1024)) * 10) / 10)}\u00a0${mb}`
}

/** A file as the citizen reads it back: `scan.pdf (340 KB)`. */
export function fileSummary(file: AttachmentSummary | undefined, language: Language): string {
  return file ? `${file.fileName} (${formatBytes(file.size, language)})` : '—'
}

/** What a file question takes, said under it: `PDF, JPEG or PNG, up to 5 MB`. */
function allowedHint(field: Field, language: Language): string {
  const names = (field.accept ?? []).map((t) => typeNames[t] ?? t)
  const types =
    names.length > 1 ? `${names.slice(0, -1).join(', ')} ${portalText(language, 'or')} ${names.at(-1)}` : names[0]
  return portalText(language, 'fileAllowed', {
    types: types ?? '',
    size: formatBytes(field.maxBytes ?? defaultMaxBytes, language),
  })
}

/**
 * A file question in the GOV.UK manner: the label, the hint (the field's help and the
 * kinds and size it takes), the error at the field, the file kept so far, and the input.
 */
export function fileFieldHtml(
  field: Field,
  current: AttachmentSummary | undefined,
  error: string | undefined,
  language: Language,
): string {
  const label = `${escapeHtml(field.label[language])}${field.required ? '' : ` <span class="muted">${escapeHtml(portalText(language, 'optional'))}</span>`}`
  const hint = `<p class="hint" id="${field.id}-hint">${field.help ? `${escapeHtml(field.help[language])} ` : ''}${escapeHtml(allowedHint(field, language))}</p>`
  const errorHtml = error
    ? `<p class="field-error" id="${field.id}-error"><span class="visually-hidden">${escapeHtml(portalText(language, 'errorPrefix'))}</span> ${escapeHtml(error)}</p>`
    : ''
  const kept = current
    ? `<p class="uploaded" id="${field.id}-current">${escapeHtml(portalText(language, 'fileKept', { file: fileSummary(current, language) }))}</p>`
    : ''
  const described = [`${field.id}-hint`, current ? `${field.id}-current` : '', error ? `${field.id}-error` : '']
    .filter(Boolean)
    .join(' ')
  const accept = (field.accept ?? []).flatMap((t) => [t, extensions[t] ?? '']).filter(Boolean)
  return `<div class="field${error ? ' has-error' : ''}"><label for="${field.id}">${label}</label>${hint}${errorHtml}${kept}
<input id="${field.id}" name="${field.id}" type="file" accept="${escapeHtml(accept.join(','))}" aria-describedby="${described}"${error ? ' aria-invalid="true"' : ''}></div>`
}

/**
 * The files sent with a question page: each new one checked by its bytes and kept
 * (`ids`, by field); a refused one is an error at its field and nothing is stored. A
 * field sent without a new file keeps what the draft had; text sent in place of a file
 * stays as it came, for the answer check to refuse unless it is the citizen's own.
 */
export async function receiveUploads(
  store: Store,
  options: {
    definition: ServiceDefinition
    fields: Field[]
    form: Record<string, unknown>
    draft: Record<string, unknown>
    citizenId: string
    now: () => Date
  },
): Promise<{ answers: Record<string, unknown>; stored: Record<string, string>; errors: FieldError[] }> {
  const answers: Record<string, unknown> = {}
  const stored: Record<string, string> = {}
  const errors: FieldError[] = []
  for (const field of options.fields) {
    if (field.type !== 'file') continue
    const sent = options.form[field.id]
    if (!(sent instanceof File)) {
      answers[field.id] = sent === undefined || sent === '' ? options.draft[field.id] : sent
      continue
    }
    // A browser sends an empty part with no name when no file was chosen.
    if (sent.size === 0 && sent.name === '') {
      answers[field.id] = options.draft[field.id]
      continue
    }
    try {
      const file = { name: sent.name, bytes: new Uint8Array(await sent.arrayBuffer()) }
      const kept = await storeAttachment(store, {
        citizenId: options.citizenId,
        serviceCode: options.definition.code,
        field,
        file,
        now: options.now,
      })
      answers[field.id] = kept.id
      stored[field.id] = kept.id
      // The file it replaces is not kept: a citizen holds one unsubmitted file per question.
      const earlier = options.draft[field.id]
      if (typeof earlier === 'string') await discardAttachment(store, options.citizenId, earlier)
    } catch (error) {
      const code = attachmentErrors.find((c) => isPolisError(error, c))
      if (!code) throw error
      errors.push(fieldErrorOf(field.id, code))
    }
  }
  return { answers, stored, errors }
}

/** An application's files, each with the link that downloads it, under a heading. */
export function attachmentsHtml(
  files: AttachmentSummary[],
  href: (file: AttachmentSummary) => string,
  heading: string,
  language: Language,
): string {
  if (files.length === 0) return ''
  return `<h2>${escapeHtml(heading)}</h2><ul class="files">${files
    .map(
      (f) =>
        `<li><a href="${escapeHtml(href(f))}" download>${escapeHtml(f.fileName)}</a> <span class="muted">${escapeHtml(typeNames[f.mediaType] ?? f.mediaType)}, ${escapeHtml(formatBytes(f.size, language))}</span></li>`,
    )
    .join('')}</ul>`
}
