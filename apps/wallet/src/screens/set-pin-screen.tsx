import { type FormEvent, useState } from 'react'
import { isValidPin } from '../lib/pin.ts'
import type { Translate } from '../messages.ts'

/** Choosing the PIN that protects the documents on this device. */
export function SetPinScreen(props: { t: Translate; onPin: (pin: string) => void }) {
  const { t } = props
  const [pin, setPin] = useState('')
  const [repeat, setRepeat] = useState('')
  const [error, setError] = useState<string>()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!isValidPin(pin)) return setError(t('pinTooShort'))
    if (pin !== repeat) return setError(t('pinMismatch'))
    props.onPin(pin)
  }
  return (
    <section>
      <h1>{t('setPinTitle')}</h1>
      <p>{t('setPinIntro')}</p>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('pin')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={6}
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            aria-invalid={error !== undefined}
            aria-describedby={error ? 'pin-error' : undefined}
          />
        </label>
        <label className="field">
          <span>{t('pinRepeat')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={6}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
        {error && (
          <p id="pin-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t('continue')}
        </button>
      </form>
    </section>
  )
}
