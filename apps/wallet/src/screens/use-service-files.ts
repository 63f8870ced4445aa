import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { type Dispatch, type SetStateAction, useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import type { Draft } from '../lib/fill-service-form.ts'
import type { ServiceField } from '../lib/service-definition.ts'
import { defaultMaxBytes, formatBytes, readUploadedFile, type UploadedFile } from '../lib/service-files.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { questionId } from './service-question.tsx'
import { isOffline } from './use-fetched.ts'

/**
 * The files of a service's file questions: uploading a chosen file (the one it replaces
 * goes), removing one, the uploads kept so far by id, which question is uploading, and
 * what to say of it to a screen reader. The answer of a file question is its upload's
 * id; a refusal is said at the field, in the citizen's language.
 */
export function useServiceFiles(options: {
  t: Translate
  language: Language
  device: DeviceRecord
  code: string
  draft: Draft
  setDraft: Dispatch<SetStateAction<Draft>>
  setErrors: Dispatch<SetStateAction<Record<string, string>>>
  onRevoked: () => void
}) {
  const { t, language, device, code, draft, setDraft, setErrors, onRevoked } = options
  const [files, setFiles] = useState<Record<string, UploadedFile>>({})
  const [uploading, setUploading] = useState<string>()
  const [said, setSaid] = useState('')

  /** Uploads a chosen file for a file question; the one it replaces goes. A refusal is said at the field. */
  const upload = async (field: ServiceField, file: File) => {
    setSaid('')
    // A file over the question's size is not sent at all (a phone's photo can be large); the server checks again.
    const largest = field.maxBytes ?? defaultMaxBytes
    if (file.size > largest) {
      const size = formatBytes(largest, language, locales[language])
      return setErrors((e) => ({ ...e, [field.id]: t('fileTooLarge', { size }) }))
    }
    setUploading(field.id)
    const body = new FormData()
    body.set('file', file)
    const earlier = draft[field.id]
    if (typeof earlier === 'string') body.set('replaces', earlier)
    const clear = () => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([id]) => id !== field.id)))
    try {
      const path = `/api/wallet/services/${encodeURIComponent(code)}/attachments/${encodeURIComponent(field.id)}`
      const stored = readUploadedFile(await deviceFetch<unknown>(device, path, { method: 'POST', body }))
      if (!stored) throw new Error(t('serviceUnavailable'))
      setFiles((f) => ({ ...f, [stored.id]: stored }))
      setDraft((d) => ({ ...d, [field.id]: stored.id }))
      clear()
      setSaid(t('fileUploaded', { file: stored.fileName }))
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ERR_DEVICE_REVOKED') return onRevoked()
      const message = isOffline(error) || !(error instanceof Error) ? t('fileOffline') : error.message
      setErrors((e) => ({ ...e, [field.id]: message }))
    } finally {
      setUploading(undefined)
    }
  }

  const remove = async (field: ServiceField) => {
    const id = draft[field.id]
    if (typeof id !== 'string') return
    setUploading(field.id)
    try {
      await deviceFetch<unknown>(device, `/api/wallet/attachments/${encodeURIComponent(id)}`, { method: 'DELETE' })
    } catch (error) {
      // Gone already (removed elsewhere, or taken by an application): it is not the answer either way.
      if (!(error instanceof ApiError && error.code === 'ERR_NOT_FOUND')) {
        setUploading(undefined)
        return setErrors((e) => ({ ...e, [field.id]: isOffline(error) ? t('fileOffline') : String(error) }))
      }
    }
    setDraft((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== field.id)))
    setUploading(undefined)
    setSaid(t('fileRemoved'))
    document.getElementById(questionId(field))?.focus()
  }

  return { files, setFiles, uploading, said, upload, remove }
}
