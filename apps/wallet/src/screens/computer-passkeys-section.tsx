import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import { distinguishPasskeys } from '../lib/distinguish-passkeys.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Key, Translate } from '../messages.ts'

/** A passkey the citizen left on a computer to sign in with Polis ID, as `GET /api/wallet/passkeys` lists it. */
interface ComputerPasskey {
  id: string
  label: string
  createdAt: string
  lastUsedAt: string | null
}

type OfflineKey = Extract<Key, 'computerPasskeysOffline' | 'computerPasskeyNotRemoved'>
type Failure = { key: OfflineKey } | { message: string }

/** A failure that is not the server's answer means no connection; the server's own is shown as it words it. */
function failureOf(error: unknown, offline: OfflineKey): Failure {
  return error instanceof ApiError ? { message: error.message } : { key: offline }
}

/** The passkeys the citizen left on computers, newest first, each to remove from a lost or shared computer. */
export function ComputerPasskeysSection(props: { t: Translate; language: Language; device: DeviceRecord }) {
  const { t, language, device } = props
  const [passkeys, setPasskeys] = useState<ComputerPasskey[]>()
  const [failure, setFailure] = useState<Failure>()
  const [note, setNote] = useState<string>()
  const heading = useRef<HTMLHeadingElement>(null)
  const load = useCallback(async () => {
    try {
      setPasskeys(await deviceFetch<ComputerPasskey[]>(device, '/api/wallet/passkeys'))
      setFailure(undefined)
    } catch (error) {
      setFailure(failureOf(error, 'computerPasskeysOffline'))
    }
  }, [device])
  useEffect(() => {
    void load()
  }, [load])
  const remove = async (passkey: ComputerPasskey) => {
    setNote(undefined)
    try {
      await deviceFetch(device, `/api/wallet/passkeys/${encodeURIComponent(passkey.id)}`, { method: 'DELETE' })
    } catch (error) {
      // Already gone (removed from another phone): what the citizen asked for holds.
      if (!(error instanceof ApiError && error.code === 'ERR_NOT_FOUND')) {
        setFailure(failureOf(error, 'computerPasskeyNotRemoved'))
        return
      }
    }
    await load()
    setNote(t('computerPasskeyRemoved'))
    // The pressed button is gone with its row; keep the keyboard in this section.
    heading.current?.focus()
  }
  const day = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium' })
  const minute = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' })
  const second = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'medium' })
  const marks = distinguishPasskeys(passkeys ?? [], [day.format, minute.format, second.format])
  const removeName = (passkey: ComputerPasskey) => {
    const mark = marks.get(passkey.id)
    return mark === undefined
      ? t('computerPasskeyRemove', { label: passkey.label })
      : t('computerPasskeyRemoveDated', { label: passkey.label, date: mark })
  }
  return (
    <section className="computer-passkeys" aria-labelledby="computer-passkeys-title">
      <h2 id="computer-passkeys-title" ref={heading} tabIndex={-1}>
        {t('computerPasskeysTitle')}
      </h2>
      <p className="muted">{t('computerPasskeysIntro')}</p>
      {failure && (
        <p className="error" role="alert">
          {'key' in failure ? t(failure.key) : failure.message}
        </p>
      )}
      {!passkeys && !failure && <p aria-busy="true">…</p>}
      {passkeys?.length === 0 && <p>{t('computerPasskeysEmpty')}</p>}
      {passkeys && passkeys.length > 0 && (
        <ul className="devices">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="device">
              <span className="device-name">{passkey.label}</span>
              <span className="muted">
                {t('computerPasskeyMadeOn', { date: day.format(new Date(passkey.createdAt)) })}
              </span>
              <span className="muted">
                {passkey.lastUsedAt
                  ? t('computerPasskeyLastUsed', { date: day.format(new Date(passkey.lastUsedAt)) })
                  : t('computerPasskeyNeverUsed')}
              </span>
              <button type="button" className="secondary" onClick={() => void remove(passkey)}>
                {removeName(passkey)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Always present, so that screen readers are listening when the message comes. */}
      <p role="status" className="status-note">
        {note}
      </p>
    </section>
  )
}
