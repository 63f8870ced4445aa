import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useRef } from 'react'
import type { ServiceField } from '../lib/service-definition.ts'
import { defaultMaxBytes, formatBytes, typeName, type UploadedFile } from '../lib/service-files.ts'
import type { Translate } from '../messages.ts'
import { questionId } from './service-question.tsx'

const extensions: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg,.jpeg',
  'image/png': '.png',
}

/**
 * A file question in the GOV.UK manner: the label, the hint (the question's help and
 * the kinds and size it takes), the error at the field, the file uploaded so far with
 * a button to remove it, and buttons to choose a file or, where photos are taken, to
 * take one with the camera. A file is uploaded as soon as it is chosen, and checked by
 * the server; its refusal is said here.
 */
export function FileQuestion(props: {
  t: Translate
  language: Language
  field: ServiceField
  file: UploadedFile | undefined
  error: string | undefined
  uploading: boolean
  onFile: (file: File) => void
  onRemove: () => void
}) {
  const { t, language, field, file, error, uploading } = props
  const id = questionId(field)
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const currentId = `${id}-current`
  const photo = useRef<HTMLInputElement>(null)
  const accept = field.accept ?? ['application/pdf', 'image/jpeg', 'image/png']
  const names = accept.map(typeName)
  const types = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${t('fileOr')} ${names.at(-1)}` : (names[0] ?? '')
  const size = formatBytes(field.maxBytes ?? defaultMaxBytes, language, locales[language])
  const describedBy = [hintId, file ? currentId : '', error ? errorId : ''].filter(Boolean).join(' ')
  const chosen = (input: HTMLInputElement) => {
    const picked = input.files?.[0]
    // The same file may be chosen again after a refusal: the input is emptied each time.
    input.value = ''
    if (picked) props.onFile(picked)
  }
  return (
    <div className={error ? 'question file-question invalid' : 'question file-question'}>
      <label className="question-label" htmlFor={id}>
        {field.label[language]}
        {!field.required && <span className="optional"> {t('optional')}</span>}
      </label>
      <span className="question-hint" id={hintId}>
        {field.help ? `${field.help[language]} ` : ''}
        {t('fileAllowed', { types, size })}
      </span>
      {error && (
        <span className="question-error" id={errorId}>
          <span className="visually-hidden">{t('errorSummaryTitle')}: </span>
          {error}
        </span>
      )}
      {file && (
        <div className="uploaded">
          <p id={currentId}>
            {t('fileUploaded', {
              file: `${file.fileName} (${typeName(file.mediaType)}, ${formatBytes(file.size, language, locales[language])})`,
            })}
          </p>
          <button type="button" className="link" disabled={uploading} onClick={props.onRemove}>
            {t('fileRemove')}
            <span className="visually-hidden"> {file.fileName}</span>
          </button>
        </div>
      )}
      {uploading && (
        <p className="muted" aria-busy="true">
          {t('fileUploading')}
        </p>
      )}
      {/* The input itself is the control (labelled by the question, described, focusable), inside a button-like
          label in the citizen's language: the browser's own "Choose File" is in the phone's language, not the wallet's. */}
      <label className={uploading ? 'file-button disabled' : 'file-button'}>
        <input
          id={id}
          type="file"
          className="visually-hidden"
          accept={accept
            .flatMap((type) => [type, extensions[type] ?? ''])
            .filter(Boolean)
            .join(',')}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          disabled={uploading}
          onChange={(e) => chosen(e.currentTarget)}
        />
        {file ? t('fileChooseOther') : t('fileChoose')}
      </label>
      {accept.some((type) => type.startsWith('image/')) && (
        <>
          <button type="button" className="secondary" disabled={uploading} onClick={() => photo.current?.click()}>
            {t('filePhoto')}
          </button>
          <input
            ref={photo}
            type="file"
            accept={accept.filter((type) => type.startsWith('image/')).join(',')}
            capture="environment"
            hidden
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => chosen(e.currentTarget)}
          />
        </>
      )}
    </div>
  )
}
