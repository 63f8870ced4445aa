import { isRecord, readList, readNumber, readString } from './read-json.ts'

/** A file the citizen uploaded for a file question: what the server kept, never its bytes. */
export interface UploadedFile {
  id: string
  fieldId: string
  fileName: string
  mediaType: string
  size: number
}

/** One upload as the server answers it, or undefined. */
export function readUploadedFile(value: unknown): UploadedFile | undefined {
  if (!isRecord(value)) return undefined
  const id = readString(value.id)
  const fieldId = readString(value.fieldId)
  const fileName = readString(value.fileName)
  const mediaType = readString(value.mediaType)
  const size = readNumber(value.size)
  if (!id || !fieldId || !fileName || !mediaType || size === undefined) return undefined
  return { id, fieldId, fileName, mediaType, size }
}

/** The uploads kept for the citizen's application to come, by id. */
export function readUploadedFiles(value: unknown): Record<string, UploadedFile> {
  return Object.fromEntries(readList(value, readUploadedFile).map((file) => [file.id, file]))
}

/** A file question's size when its definition names none (`packages/services`: 5 MB). */
export const defaultMaxBytes = 5 * 1024 * 1024

const typeNames: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' }
const units = { uk: ['Б', 'КБ', 'МБ'], en: ['bytes', 'KB', 'MB'], et: ['baiti', 'kB', 'MB'] } as const

/** A kind of file as people call it: PDF, JPEG, PNG. */
export const typeName = (mediaType: string) => typeNames[mediaType] ?? mediaType

/** A size as people read it: `340 KB`, `1,2 МБ`, the number and unit kept together (a no-break space). */
export function formatBytes(size: number, language: keyof typeof units, locale: string): string {
  const [b, kb, mb] = units[language]
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  if (size < 1024) return `${size}\u00a0${b}`
  if (size < 1024 * 1024) return `${number.format(Math.round(size / 1024))}\u00a0${kb}`
  return `${number.format(Math.round((size / (1024 * 1024)) * 10) / 10)}\u00a0${mb}`
}

/**
 * The draft's file answers that still name one of the citizen's kept uploads; one
 * removed or taken by an application meanwhile (on another device, on the portal) is
 * dropped, so the question is asked again.
 */
export function keptFileAnswers<T>(
  answers: Record<string, T>,
  fileFields: string[],
  kept: Record<string, UploadedFile>,
): Record<string, T> {
  return Object.fromEntries(
    Object.entries(answers).filter(
      // Its own key only: an answer `__proto__` or `constructor` names no upload.
      ([id, value]) => !fileFields.includes(id) || (typeof value === 'string' && Object.hasOwn(kept, value)),
    ),
  )
}
