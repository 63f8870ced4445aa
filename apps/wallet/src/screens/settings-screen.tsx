import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import { canUsePasskeys, createPasskey } from '../lib/passkey.ts'
import { type DeviceRecord, saveDevice } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { ComputerPasskeysSection } from './computer-passkeys-section.tsx'
import { ConsentsSection } from './consents-section.tsx'

interface Device {
  id: string
  name: string
  createdAt: string
  revokedAt: string | null
  current: boolean
}

/** The citizen's devices; a lost one is disconnected here, which revokes its documents. */
export function SettingsScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  onBack: () => void
  onRevoked: () => void
}) {
  const { t, language, device } = props
  const [devices, setDevices] = useState<Device[]>()
  const [error, setError] = useState<string>()
  const dateFormat = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium' })
  const { onRevoked } = props
  const load = useCallback(async () => {
    try {
      setDevices(await deviceFetch<Device[]>(device, '/api/wallet/devices'))
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'ERR_DEVICE_REVOKED') return onRevoked()
      setError(failure instanceof Error ? failure.message : String(failure))
    }
  }, [device, onRevoked])
  useEffect(() => {
    void load()
  }, [load])
  const [passkeyAvailable, setPasskeyAvailable] = useState(false)
  const [hasPasskey, setHasPasskey] = useState(device.passkey !== undefined)
  const [passkeyNote, setPasskeyNote] = useState<string>()
  useEffect(() => {
    void canUsePasskeys().then(setPasskeyAvailable)
  }, [])
  const addPasskey = async () => {
    try {
      device.passkey = await createPasskey(`${device.givenName} ${device.familyName}`)
      await saveDevice(device)
      setHasPasskey(true)
      setPasskeyNote(t('passkeyAdded'))
    } catch {
      setPasskeyNote(t('passkeyNotAdded'))
    }
  }
  const removePasskey = async () => {
    delete device.passkey
    await saveDevice(device)
    setHasPasskey(false)
    setPasskeyNote(t('passkeyRemoved'))
  }
  const revoke = async (other: Device) => {
    if (!confirm(t('revokeConfirm', { name: other.name }))) return
    await deviceFetch(device, `/api/wallet/devices/${encodeURIComponent(other.id)}`, { method: 'DELETE' })
    await load()
  }
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1>{t('devicesTitle')}</h1>
      {(passkeyAvailable || hasPasskey) && (
        <section className="passkey" aria-labelledby="passkey-title">
          <h2 id="passkey-title">{t('passkeyTitle')}</h2>
          <p className="muted">{t('passkeyIntro')}</p>
          {hasPasskey ? (
            <button type="button" className="secondary" onClick={() => void removePasskey()}>
              {t('passkeyRemove')}
            </button>
          ) : (
            <button type="button" className="secondary" onClick={() => void addPasskey()}>
              {t('passkeyAdd')}
            </button>
          )}
          {passkeyNote && <p role="status">{passkeyNote}</p>}
        </section>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="devices">
        {devices?.map((other) => (
          <li key={other.id} className="device">
            <span className="device-name">{other.current ? t('thisDevice') : other.name}</span>
            <span className="muted">
              {other.revokedAt
                ? t('deviceRevokedOn', { date: dateFormat.format(new Date(other.revokedAt)) })
                : t('enrolledOn', { date: dateFormat.format(new Date(other.createdAt)) })}
            </span>
            {!other.current && !other.revokedAt && (
              <button type="button" className="secondary" onClick={() => void revoke(other)}>
                {t('revokeDevice')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ConsentsSection t={t} language={language} device={device} />
      <ComputerPasskeysSection t={t} language={language} device={device} />
    </section>
  )
}
