import type { DocumentType } from '@polis/documents/catalogue'
import { messageOf } from '@polis/kernel/errors'
import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useEffect, useState } from 'react'
import { formatAge, formatHours } from '../lib/format-age.ts'
import type { TrustState } from '../lib/load-trust.ts'
import { type CheckRecord, clearChecks, listChecks, type Settings } from '../lib/verifier-store.ts'
import type { Translate } from '../messages.ts'
import type { RefreshState } from '../use-trust.ts'
import { CheckIcon, CrossIcon } from './icons.tsx'
import { documentName } from './verdict-screen.tsx'

/** The warning ages an inspector can choose, in hours. */
const warnChoices = [6, 12, 24, 48, 72, 168]

/** The stored trust data and its age, the warning age, and the log of checks. */
export function SettingsScreen(props: {
  t: Translate
  language: Language
  trust: TrustState | undefined
  refresh: RefreshState
  online: boolean
  settings: Settings
  catalogue: DocumentType[]
  now: Date
  onSettings: (settings: Settings) => void
  onRefresh: () => void
  onBack: () => void
}) {
  const { t, language, trust, refresh, now } = props
  const [log, setLog] = useState<CheckRecord[]>()
  useEffect(() => {
    void listChecks().then(setLog)
  }, [])
  const age = (at: Date | undefined) =>
    at ? t('updatedAge', { age: formatAge(now.getTime() - at.getTime(), language) }) : t('never')
  const timeFormat = new Intl.DateTimeFormat(locales[language], { dateStyle: 'short', timeStyle: 'short' })
  return (
    <section aria-labelledby="settings-title">
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1 id="settings-title">{t('settingsTitle')}</h1>

      <h2>{t('dataTitle')}</h2>
      <ul className="facts">
        <li>{t('trustListAge', { age: age(trust?.listFetchedAt) })}</li>
        <li>{t('statusListsAge', { count: trust?.statuses.size ?? 0, age: age(trust?.statusFetchedAt) })}</li>
      </ul>
      {refresh.failure && (
        <p className="error" role="alert">
          {refresh.failure === 'ERR_UNTRUSTED_ISSUER'
            ? t('anchorChanged')
            : t('refreshFailed', {
                reason: refresh.failure === 'network' ? t('refreshNetwork') : messageOf(refresh.failure, language),
              })}
        </p>
      )}
      {refresh.incomplete && <p className="muted">{t('refreshIncomplete')}</p>}
      <button type="button" className="secondary" onClick={props.onRefresh} disabled={!props.online || refresh.running}>
        {refresh.running ? t('refreshing') : t('refreshNow')}
      </button>
      <label className="field">
        <span>{t('warnAfter')}</span>
        <select
          value={props.settings.warnAfterHours}
          onChange={(event) => props.onSettings({ ...props.settings, warnAfterHours: Number(event.target.value) })}
        >
          {warnChoices.map((hours) => (
            <option key={hours} value={hours}>
              {formatHours(hours, language)}
            </option>
          ))}
        </select>
      </label>

      <h2>{t('logTitle')}</h2>
      <p className="muted">{t('logNote')}</p>
      {log?.length === 0 && <p>{t('logEmpty')}</p>}
      <ol className="log">
        {log?.map((entry) => (
          <li key={entry.id} className={entry.valid ? 'log-entry accepted' : 'log-entry refused'}>
            <span className="log-verdict">
              {entry.valid ? <CheckIcon size={20} /> : <CrossIcon size={20} />}
              {entry.valid ? t('logValid') : t('logInvalid')}
            </span>
            <span className="log-what">
              {entry.documentType ? documentName(props.catalogue, entry.documentType, t, language) : '—'}
              {entry.code && <code> {entry.code}</code>}
            </span>
            <time dateTime={entry.at}>{timeFormat.format(new Date(entry.at))}</time>
          </li>
        ))}
      </ol>
      {log && log.length > 0 && (
        <button
          type="button"
          className="secondary danger"
          onClick={() => {
            if (!confirm(t('clearLogConfirm'))) return
            void clearChecks().then(() => setLog([]))
          }}
        >
          {t('clearLog')}
        </button>
      )}
    </section>
  )
}
