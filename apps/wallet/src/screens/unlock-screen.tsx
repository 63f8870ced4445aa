import { type FormEvent, useState } from 'react'
import { unlockWithPasskey } from '../lib/passkey.ts'
import { tryPin } from '../lib/try-pin.ts'
import { type DeviceRecord, saveDevice } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { PinField } from './pin-field.tsx'

/** Unlocking with the PIN; too many wrong tries wipe the wallet, which is then enrolled again. */
export function UnlockScreen(props: {
  t: Translate
  device: DeviceRecord
  onUnlocked: () => void
  onLockedOut: () => void
}) {
  const { t, device } = props
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      const tried = await tryPin(device, pin)
      if (tried.outcome === 'right') return props.onUnlocked()
      if (tried.outcome === 'locked-out') return props.onLockedOut()
      setPin('')
      setError(t('wrongPin', { left: tried.left }))
    } finally {
      setBusy(false)
    }
  }
  const withPasskey = async () => {
    if (!device.passkey) return
    setBusy(true)
    try {
      if (await unlockWithPasskey(device.passkey)) {
        device.pin.failures = 0
        await saveDevice(device)
        return props.onUnlocked()
      }
      setError(t('passkeyFailed'))
    } catch {
      setError(t('passkeyFailed'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section>
      <h1>{t('greeting', { name: device.givenName })}</h1>
      {device.passkey && (
        <button type="button" className="primary" disabled={busy} onClick={() => void withPasskey()}>
          {t('passkeyUnlock')}
        </button>
      )}
      <form onSubmit={submit} noValidate>
        <PinField
          label={t('unlockTitle')}
          value={pin}
          onChange={setPin}
          autoComplete="current-password"
          errorId={error ? 'unlock-error' : undefined}
        />
        {error && (
          <p id="unlock-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className={device.passkey ? 'secondary' : 'primary'} disabled={busy}>
          {t('unlock')}
        </button>
      </form>
    </section>
  )
}
