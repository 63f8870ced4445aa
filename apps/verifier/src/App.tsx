import type { DocumentType } from '@polis/documents/catalogue'
import { initialLanguage, type Language, languageNames, languages, rememberLanguage, translator } from '@polis/ui'
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react'
import { advance, type Event, type Screen } from './journey.ts'
import { asShareCode } from './lib/as-share-code.ts'
import { checkQrText } from './lib/check-qr-text.ts'
import { loadCatalogue } from './lib/load-catalogue.ts'
import type { Verdict } from './lib/verdict.ts'
import { defaultSettings, readSettings, recordCheck, type Settings, saveSettings } from './lib/verifier-store.ts'
import { messages } from './messages.ts'
import { GearIcon } from './screens/icons.tsx'
import { ScanScreen } from './screens/scan-screen.tsx'
import { SettingsScreen } from './screens/settings-screen.tsx'
import { TrustStatus } from './screens/trust-status.tsx'
import { TypeCodeScreen } from './screens/type-code-screen.tsx'
import { documentName, reasonOf, VerdictBoundary, VerdictScreen } from './screens/verdict-screen.tsx'
import { useTrust } from './use-trust.ts'

/** The current time, renewed every half minute so that ages on screen keep up. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine)
  useEffect(() => {
    const update = () => setOnline(navigator.onLine)
    addEventListener('online', update)
    addEventListener('offline', update)
    return () => {
      removeEventListener('online', update)
      removeEventListener('offline', update)
    }
  }, [])
  return online
}

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage)
  const t = useMemo(() => translator(messages, language), [language])
  const [screen, dispatch] = useReducer(advance, { name: 'scan' } as Screen)
  // dispatch is stable across renders, so the hooks below need not list it.
  const send = dispatch as (event: Event) => void
  const online = useOnline()
  const now = useNow()
  const { trust, refresh, refreshNow, currentTrust } = useTrust(online)
  const [settings, setSettings] = useState<Settings>(defaultSettings)
  // Read out by screen readers as soon as it changes: the verdict, without moving about.
  const [announcement, setAnnouncement] = useState('')

  useEffect(() => rememberLanguage(language), [language])
  const [catalogue, setCatalogue] = useState<DocumentType[]>([])
  useEffect(() => {
    void readSettings().then(setSettings)
    loadCatalogue().then(setCatalogue, () => {})
  }, [])

  const check = useCallback(
    async (text: string) => {
      send({ type: 'checking' })
      setAnnouncement(t('checking'))
      const code = asShareCode(text, location.origin)
      const trust = await currentTrust()
      const verdict: Verdict = await (code
        ? // Online only, and rarer than a scan: loaded when first used.
          import('./lib/redeem-share-code.ts').then(({ redeemShareCode }) =>
            redeemShareCode({
              code,
              fetch: (input, init) => fetch(input, init),
              language,
              trust,
              now: new Date(),
              record: recordCheck,
            }),
          )
        : checkQrText({ text, trust, now: new Date(), record: recordCheck })
      ).catch(() => ({ valid: false, code: 'ERR_INTERNAL', checkedAt: new Date() }) as const)
      // The verdict names the document from the catalogue, so it waits for it (already there, but for the first check).
      const types = await loadCatalogue().catch(() => [])
      setCatalogue(types)
      send({ type: 'checked', verdict })
      setAnnouncement(
        verdict.valid
          ? t('verdictValid', { document: documentName(types, verdict.documentType, t, language) })
          : t('verdictInvalid', { reason: reasonOf(verdict, t, language) }),
      )
    },
    [t, language, currentTrust],
  )

  // The wallet's link QR opens the verifier at #code=12345678, when read by a phone's own camera app;
  // the code leaves the address bar at once.
  useEffect(() => {
    const take = () => {
      const code = new URLSearchParams(location.hash.slice(1)).get('code')
      if (code === null) return
      history.replaceState(null, '', location.pathname)
      void check(code)
    }
    take()
    addEventListener('hashchange', take)
    return () => removeEventListener('hashchange', take)
  }, [check])

  const refused = (checkedAt: Date) => (
    <VerdictScreen
      t={t}
      language={language}
      verdict={{ valid: false, code: 'ERR_INTERNAL', checkedAt }}
      catalogue={catalogue}
      onNext={() => send({ type: 'scan-next' })}
    />
  )

  return (
    <div className="app">
      <header className="bar">
        <span className="brand" aria-hidden="true">
          <img src="./icon.svg" alt="" width="32" height="32" />
        </span>
        <span className="brand-name">{t('appName')}</span>
        {screen.name !== 'settings' && screen.name !== 'checking' && (
          <button
            type="button"
            className="icon-button"
            aria-label={t('settings')}
            onClick={() => send({ type: 'open-settings' })}
          >
            <GearIcon />
          </button>
        )}
        <label className="language">
          <span className="visually-hidden">{t('language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageNames[code]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </div>
      {!online && (
        <p className="notice" role="status">
          {t('offline')}
        </p>
      )}
      {screen.name !== 'settings' && (
        <TrustStatus
          t={t}
          language={language}
          trust={trust}
          refresh={refresh}
          online={online}
          warnAfterHours={settings.warnAfterHours}
          now={now}
          onRefresh={() => void refreshNow()}
        />
      )}
      <main id="main">
        {screen.name === 'scan' && (
          <ScanScreen t={t} onText={(text) => void check(text)} onTypeCode={() => send({ type: 'type-code' })} />
        )}
        {screen.name === 'type-code' && (
          <TypeCodeScreen t={t} onText={(text) => void check(text)} onBack={() => send({ type: 'back' })} />
        )}
        {screen.name === 'checking' && (
          <section aria-busy="true">
            <h1>{t('checking')}</h1>
          </section>
        )}
        {screen.name === 'verdict' && (
          <VerdictBoundary key={screen.verdict.checkedAt.getTime()} fallback={() => refused(screen.verdict.checkedAt)}>
            <VerdictScreen
              t={t}
              language={language}
              verdict={screen.verdict}
              catalogue={catalogue}
              onNext={() => send({ type: 'scan-next' })}
            />
          </VerdictBoundary>
        )}
        {screen.name === 'settings' && (
          <SettingsScreen
            t={t}
            language={language}
            trust={trust}
            refresh={refresh}
            online={online}
            settings={settings}
            catalogue={catalogue}
            now={now}
            onSettings={(changed) => {
              setSettings(changed)
              void saveSettings(changed)
            }}
            onRefresh={() => void refreshNow()}
            onBack={() => send({ type: 'back' })}
          />
        )}
      </main>
    </div>
  )
}
