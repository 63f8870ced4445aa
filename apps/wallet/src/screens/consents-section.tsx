import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useCallback, useEffect, useState } from 'react'
import { deviceFetch } from '../lib/api.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'

interface Consent {
  clientId: string
  clientName: string
  claims: string[]
  givenAt: string
}

/** The services the citizen let sign them in with Polis, each with its consent to withdraw. */
export function ConsentsSection(props: { t: Translate; language: Language; device: DeviceRecord }) {
  const { t, language, device } = props
  const [consents, setConsents] = useState<Consent[]>()
  const [note, setNote] = useState<string>()
  const load = useCallback(async () => {
    setConsents(await deviceFetch<Consent[]>(device, '/api/wallet/consents').catch(() => []))
  }, [device])
  useEffect(() => {
    void load()
  }, [load])
  const withdraw = async (consent: Consent) => {
    await deviceFetch(device, `/api/wallet/consents/${encodeURIComponent(consent.clientId)}`, { method: 'DELETE' })
    await load()
    setNote(t('consentWithdrawn', { client: consent.clientName }))
  }
  const dateFormat = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium' })
  return (
    <section className="consents" aria-labelledby="consents-title">
      <h2 id="consents-title">{t('consentsTitle')}</h2>
      {consents?.length === 0 && <p className="muted">{t('consentsEmpty')}</p>}
      <ul className="devices">
        {consents?.map((consent) => (
          <li key={consent.clientId} className="device">
            <span className="device-name">{consent.clientName}</span>
            <span className="muted">{t('consentGivenOn', { date: dateFormat.format(new Date(consent.givenAt)) })}</span>
            <button type="button" className="secondary" onClick={() => void withdraw(consent)}>
              {t('consentWithdraw', { client: consent.clientName })}
            </button>
          </li>
        ))}
      </ul>
      {note && <p role="status">{note}</p>}
    </section>
  )
}
