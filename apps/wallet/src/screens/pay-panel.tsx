import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import { formatMoney } from '../lib/payable-items.ts'
import { isRecord, readString } from '../lib/read-json.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { isOffline } from './use-fetched.ts'

/**
 * Paying an application's fee from the wallet: the amount the platform asked for (the
 * register's), and a button that opens the payment provider's page, which sends the
 * citizen back to the wallet once they have paid, been declined or cancelled.
 */
export function PayPanel(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  applicationId: string
  amount: { amount: number; currency: string } | undefined
  online: boolean
  onRevoked: () => void
}) {
  const { t, language, device, applicationId } = props
  const [state, setState] = useState<'idle' | 'opening' | { failed: string }>('idle')
  // One key for this panel's attempt: a retry after a lost answer opens the page the first
  // request opened, never a second one to pay; back from the provider, the panel is new.
  const [attempt] = useState(() => crypto.randomUUID())
  const pay = async () => {
    setState('opening')
    try {
      const started = await deviceFetch<unknown>(
        device,
        `/api/wallet/applications/${encodeURIComponent(applicationId)}/payments`,
        { method: 'POST', headers: { 'idempotency-key': attempt } },
      )
      const url = isRecord(started) ? readString(started.url) : undefined
      // Only the platform's own provider page is opened.
      if (!url || new URL(url, location.origin).origin !== location.origin) throw new Error(t('serviceUnavailable'))
      location.assign(url)
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ERR_DEVICE_REVOKED') return props.onRevoked()
      setState({ failed: isOffline(error) || !(error instanceof Error) ? t('payOffline') : error.message })
    }
  }
  const amount = props.amount && formatMoney(props.amount.amount, props.amount.currency, locales[language])
  return (
    <section className="pay" aria-labelledby="pay-title">
      <h2 id="pay-title" className="subheading">
        {t('payTitle')}
      </h2>
      <p>{t('payIntro')}</p>
      {typeof state === 'object' && (
        <p className="error" role="alert">
          {state.failed}
        </p>
      )}
      <button
        type="button"
        className="primary"
        disabled={!props.online || state === 'opening'}
        onClick={() => void pay()}
      >
        {state === 'opening' ? t('payOpening') : amount ? t('payButton', { amount }) : t('payTitle')}
      </button>
    </section>
  )
}
