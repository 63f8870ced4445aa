import { type FormEvent, useState } from 'react'
import { isValidPin } from '../lib/pin.ts'
import type { Translate } from '../messages.ts'
import { PinField } from './pin-field.tsx'

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
        <PinField
          label={t('pin')}
          value={pin}
          onChange={setPin}
          autoComplete="new-password"
          errorId={error ? 'pin-error' : undefined}
        />
        <PinField label={t('pinRepeat')} value={repeat} onChange={setRepeat} autoComplete="new-password" />
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
