import type { Language } from '@polis/ui'
import { type FormEvent, useEffect, useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import { tryPin } from '../lib/try-pin.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Key, Translate } from '../messages.ts'
import { PinField } from './pin-field.tsx'

interface LoginRequest {
  client: { name: string; purpose: Record<Language, string> }
  claims: string[]
  controlCode: string
  expiresAt: string
  state: string
}

const claimKeys: Record<string, Key> = {
  sub: 'claimSub',
  given_name: 'claimGivenName',
  family_name: 'claimFamilyName',
  birthdate: 'claimBirthdate',
  tax_number: 'claimTaxNumber',
  address: 'claimAddress',
}

/**
 * "Sign in with Polis" on the phone: who asks and why, what they will receive, and the
 * control code to compare with the other screen; the citizen confirms with the PIN.
 */
export function LoginScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  loginId: string
  onDone: () => void
  onLockedOut: () => void
}) {
  const { t, language, device, loginId } = props
  const [request, setRequest] = useState<LoginRequest>()
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string>()
  const [outcome, setOutcome] = useState<'confirmed' | 'declined'>()
  const [busy, setBusy] = useState(false)
  const [allowPasskey, setAllowPasskey] = useState(false)

  useEffect(() => {
    deviceFetch<LoginRequest>(device, `/api/wallet/logins/${encodeURIComponent(loginId)}`).then(setRequest, (failure) =>
      setError(failure instanceof ApiError ? failure.message : String(failure)),
    )
  }, [device, loginId])

  const answer = async (which: 'confirm' | 'decline') => {
    await deviceFetch(device, `/api/wallet/logins/${encodeURIComponent(loginId)}/${which}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(which === 'confirm' ? { allowPasskey } : {}),
    })
    setOutcome(which === 'confirm' ? 'confirmed' : 'declined')
  }
  const confirm = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      const tried = await tryPin(device, pin)
      if (tried.outcome === 'locked-out') return props.onLockedOut()
      if (tried.outcome === 'wrong') {
        setPin('')
        return setError(t('wrongPin', { left: tried.left }))
      }
      await answer('confirm')
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure))
    } finally {
      setBusy(false)
    }
  }

  if (outcome) {
    return (
      <section aria-live="polite">
        <h1>{outcome === 'confirmed' ? t('loginConfirmed') : t('loginDeclined')}</h1>
        <p>{outcome === 'confirmed' ? t('loginReturn') : t('loginDeclinedText')}</p>
        <button type="button" className="primary" onClick={props.onDone}>
          {t('toDocuments')}
        </button>
      </section>
    )
  }
  return (
    <section>
      <h1>{request ? t('loginTitle', { client: request.client.name }) : t('loginLoading')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {request && (
        <>
          <p>{t('loginPurpose', { purpose: request.client.purpose[language] })}</p>
          <p>{t('loginClaims')}</p>
          <ul>
            {request.claims.map((claim) => (
              <li key={claim}>{claimKeys[claim] ? t(claimKeys[claim] as Key) : claim}</li>
            ))}
          </ul>
          <div className="code-box">
            <p className="muted">{t('controlCodeLabel')}</p>
            <p className="code" data-control-code={request.controlCode}>
              {request.controlCode}
            </p>
            <p>{t('controlCodeHint')}</p>
          </div>
          <form onSubmit={confirm} noValidate>
            <PinField
              label={t('unlockTitle')}
              value={pin}
              onChange={setPin}
              autoComplete="current-password"
              errorId={error ? 'login-error' : undefined}
            />
            <label className="check">
              <input type="checkbox" checked={allowPasskey} onChange={(e) => setAllowPasskey(e.target.checked)} />
              <span>{t('loginAllowPasskey')}</span>
            </label>
            <button type="submit" className="primary" disabled={busy}>
              {t('loginConfirm')}
            </button>
          </form>
          <button type="button" className="secondary" disabled={busy} onClick={() => void answer('decline')}>
            {t('loginDecline')}
          </button>
        </>
      )}
      {error && !request && (
        <button type="button" className="secondary" onClick={props.onDone}>
          {t('toDocuments')}
        </button>
      )}
    </section>
  )
}
