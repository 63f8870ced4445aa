import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useEffect, useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'

interface SignatureEntry {
  id: string
  documentName: string
  mediaType: string
  format: string
  requester: { name: string; kind: string }
  signedAt: string
  sha256: string
}

/** The documents the citizen signed, as the platform keeps them: `GET /api/wallet/signatures`, newest first. */
export function SignaturesScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  onBack: () => void
}) {
  const { t, language, device } = props
  const [entries, setEntries] = useState<SignatureEntry[]>()
  const [failure, setFailure] = useState<{ message: string } | 'offline'>()
  useEffect(() => {
    deviceFetch<{ signatures: SignatureEntry[] }>(device, '/api/wallet/signatures').then(
      (answer) => setEntries(answer.signatures),
      (error) => setFailure(error instanceof ApiError ? { message: error.message } : 'offline'),
    )
  }, [device])
  const when = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1>{t('signaturesTitle')}</h1>
      <p className="muted">{t('signaturesIntro')}</p>
      {failure && (
        <p className="error" role="alert">
          {failure === 'offline' ? t('signaturesOffline') : failure.message}
        </p>
      )}
      {!entries && !failure && <p aria-busy="true">…</p>}
      {entries?.length === 0 && <p>{t('signaturesEmpty')}</p>}
      {entries && entries.length > 0 && (
        <ol className="history signatures">
          {entries.map((entry) => (
            <li key={entry.id} className="device">
              <span className="device-name">{entry.documentName}</span>
              <span className="muted">
                <time dateTime={entry.signedAt}>{when.format(new Date(entry.signedAt))}</time> · {entry.format}
              </span>
              <span>{t('signaturesRequester', { name: entry.requester.name })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
