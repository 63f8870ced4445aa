import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import { type DeviceRecord, recordPresentation } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'

interface Shared {
  id: string
  code: string
  url: string
  expiresAt: string
}

/**
 * Diia's online fallback: the presentation on screen left with the platform behind an
 * eight-digit code, which an inspector types (or scans as a link) and opens once.
 */
export function ShareCodePanel(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  presentation: string | undefined
  documentType: string
  claims: string[]
}) {
  const { t, language, device } = props
  const [shared, setShared] = useState<Shared & { svg: string }>()
  const [redeemedAt, setRedeemedAt] = useState<string | null>(null)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  // While a code is open, ask now and then whether an inspector has checked it.
  useEffect(() => {
    if (!shared || redeemedAt) return
    const timer = setInterval(() => {
      void deviceFetch<{ redeemedAt: string | null }>(device, `/api/wallet/share-codes/${shared.id}`).then(
        (state) => setRedeemedAt(state.redeemedAt),
        () => {},
      )
    }, 3000)
    return () => clearInterval(timer)
  }, [shared, redeemedAt, device])

  const create = async () => {
    if (!props.presentation) return
    setBusy(true)
    setError(undefined)
    try {
      const answer = await deviceFetch<Shared>(device, '/api/wallet/share-codes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ presentation: props.presentation }),
      })
      const svg = await QRCode.toString(answer.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      setShared({ ...answer, svg })
      setRedeemedAt(null)
      await recordPresentation({
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        documentType: props.documentType,
        claims: props.claims,
        channel: 'code',
      })
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('codeOffline'))
    } finally {
      setBusy(false)
    }
  }

  const time = new Intl.DateTimeFormat(locales[language], { timeStyle: 'short' })
  return (
    <section className="share-code" aria-labelledby="share-code-title">
      <h2 id="share-code-title">{t('codeTitle')}</h2>
      <p className="muted">{t('codeIntro')}</p>
      {shared && (
        <div className="code-box">
          <p className="code" data-code={shared.code}>
            <span aria-hidden="true">
              {shared.code.slice(0, 4)} {shared.code.slice(4)}
            </span>
            {/* Read digit by digit, not as a number in the tens of millions. */}
            <span className="visually-hidden">{t('codeLabel', { code: shared.code.split('').join(' ') })}</span>
          </p>
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shared.svg)}`}
            alt={t('codeLinkAlt')}
            width="160"
            height="160"
          />
          <p role="status">
            {redeemedAt
              ? t('codeRedeemed', { time: time.format(new Date(redeemedAt)) })
              : t('codeValidUntil', { time: time.format(new Date(shared.expiresAt)) })}
          </p>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="secondary" disabled={busy || !props.presentation} onClick={() => void create()}>
        {shared ? t('codeAgain') : t('codeCreate')}
      </button>
    </section>
  )
}
