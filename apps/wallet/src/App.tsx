import { initialLanguage, type Language, languageNames, languages, rememberLanguage, translator } from '@polis/ui'
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useState } from 'react'
import { advance, type Event, type Screen } from './journey.ts'
import { ApiError, fetchJson } from './lib/api.ts'
import { type DocumentStatus, lastStatuses, refreshStatuses } from './lib/credential-status.ts'
import { createDeviceKey } from './lib/device-key.ts'
import { deviceName } from './lib/device-name.ts'
import { loadFederatedParties } from './lib/federated-parties.ts'
import { type IssuerMetadata, loadIssuerMetadata } from './lib/issuer-metadata.ts'
import { needsRenewal } from './lib/needs-renewal.ts'
import { obtainSigningCertificate } from './lib/obtain-signing-certificate.ts'
import { protectPin } from './lib/pin.ts'
import {
  loadForeignIssuer,
  needsTxCode,
  parseOfferUri,
  receiveDocuments,
  receiveOffer,
} from './lib/receive-documents.ts'
import {
  type DeviceRecord,
  findDevice,
  findDraft,
  listCredentials,
  readCache,
  type StoredCredential,
  saveDevice,
  wipeWallet,
  writeCache,
} from './lib/wallet-store.ts'
import { messages } from './messages.ts'
import { ApplicationScreen } from './screens/application-screen.tsx'
import { ApplicationsScreen } from './screens/applications-screen.tsx'
import { DataTrackerScreen } from './screens/data-tracker-screen.tsx'
import { DocumentScreen } from './screens/document-screen.tsx'
import { DocumentsScreen } from './screens/documents-screen.tsx'
import { HistoryScreen } from './screens/history-screen.tsx'
import { InboxScreen } from './screens/inbox-screen.tsx'
import { LoginScreen } from './screens/login-screen.tsx'
import { ProveScreen } from './screens/prove-screen.tsx'
import { openServiceKey, ServiceScreen } from './screens/service-screen.tsx'
import { ServicesScreen } from './screens/services-screen.tsx'
import { SetPinScreen } from './screens/set-pin-screen.tsx'
import { SettingsScreen } from './screens/settings-screen.tsx'
import { SharesScreen } from './screens/shares-screen.tsx'
import { ShowScreen } from './screens/show-screen.tsx'
import { SignScreen } from './screens/sign-screen.tsx'
import { SignaturesScreen } from './screens/signatures-screen.tsx'
import { TxCodeScreen } from './screens/tx-code-screen.tsx'
import { UnlockScreen } from './screens/unlock-screen.tsx'
import { shareMessages } from './share-messages.ts'

// Sharing with a business loads the OpenID4VP side (X.509, JOSE) only when a request is opened.
const ShareScreen = lazy(() => import('./screens/share-screen.tsx').then((m) => ({ default: m.ShareScreen })))

/**
 * Reads what arrived in the fragment, and clears it from the address bar: what the
 * identity provider sent back, a credential offer from a support desk's link, or a
 * sign-in or signing request opened from its QR code.
 */
function takeFragment(): {
  token?: string
  error?: string
  offer?: string
  login?: string
  sign?: string
  paid?: string
  present?: string
} {
  const fragment = new URLSearchParams(location.hash.slice(1))
  const token = fragment.get('enrol') ?? undefined
  const error = fragment.get('enrol-error') ?? undefined
  const offer = fragment.get('offer') ?? undefined
  const login = fragment.get('login') ?? undefined
  const sign = fragment.get('sign') ?? undefined
  // Back from the payment provider's page, with the application paid for.
  const paid = fragment.get('paid') ?? undefined
  // A business's request (an `openid4vp://` link) opened in the wallet.
  const present = fragment.get('present') ?? undefined
  if (token || error || offer || login || sign || paid || present) history.replaceState(null, '', location.pathname)
  return {
    ...(token ? { token } : {}),
    ...(error ? { error } : {}),
    ...(offer ? { offer } : {}),
    ...(login ? { login } : {}),
    ...(sign ? { sign } : {}),
    ...(paid ? { paid } : {}),
    ...(present ? { present } : {}),
  }
}

/** The in-person copies that go with a document the citizen opened. */
function qrCopiesOf(credentials: StoredCredential[], id: string): StoredCredential[] {
  const document = credentials.find((c) => c.id === id)
  return credentials.filter((c) => c.format === 'polis_qr' && c.documentType === document?.documentType)
}

function hasQrCopy(credentials: StoredCredential[], id: string): boolean {
  return qrCopiesOf(credentials, id).length > 0
}

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage)
  const t = useMemo(() => translator(messages, language), [language])
  const [screen, dispatch] = useReducer(advance, { name: 'loading' } as Screen)
  // dispatch is stable across renders, so the hooks below need not list it.
  const send = dispatch as (event: Event) => void
  const [device, setDevice] = useState<DeviceRecord>()
  const [credentials, setCredentials] = useState<StoredCredential[]>([])
  const [metadata, setMetadata] = useState<IssuerMetadata>()
  const [online, setOnline] = useState(navigator.onLine)
  const [statuses, setStatuses] = useState<Record<string, DocumentStatus>>({})
  const [pendingOffer, setPendingOffer] = useState<string>()
  // A sign-in request ("Sign in with Polis") opened from its QR code or link.
  const [pendingLogin, setPendingLogin] = useState<string>()
  // A document to sign, opened from its QR code or link.
  const [pendingSign, setPendingSign] = useState<string>()
  // An application whose payment the citizen comes back from.
  const [pendingPaid, setPendingPaid] = useState<string>()
  // A business's request for documents, opened from its link.
  const [pendingShare, setPendingShare] = useState<string>()
  // The catalogue's search, kept while the citizen opens a service and comes back.
  const [serviceQuery, setServiceQuery] = useState('')

  // A request opened is read once: fetched, checked against the access CA, matched to the documents.
  const shareLink = screen.name === 'share' ? screen.link : undefined
  const shareRequest = useMemo(
    () =>
      shareLink && device
        ? import('./lib/read-share-request.ts').then((m) =>
            m.readShareRequest({ link: shareLink, held: m.heldCredentials(credentials, device), now: new Date() }),
          )
        : undefined,
    [shareLink, device, credentials],
  )

  // Statuses are read when the documents change and the phone is online; offline, the last answer shows.
  useEffect(() => {
    if (credentials.length === 0) return
    void lastStatuses().then(setStatuses)
    if (online) void refreshStatuses(credentials).then(setStatuses, () => {})
  }, [credentials, online])

  // The signing key is certified once the phone is enrolled, and again on a later start
  // while it has no certificate; a failure is left for the next start, never shown.
  useEffect(() => {
    if (device && online) obtainSigningCertificate(device).catch(() => {})
  }, [device, online])

  useEffect(() => rememberLanguage(language), [language])
  useEffect(() => {
    const update = () => setOnline(navigator.onLine)
    addEventListener('online', update)
    addEventListener('offline', update)
    return () => {
      removeEventListener('online', update)
      removeEventListener('offline', update)
    }
  }, [])

  useEffect(() => {
    void (async () => {
      const returned = takeFragment()
      if (returned.offer) setPendingOffer(returned.offer)
      if (returned.login) setPendingLogin(returned.login)
      if (returned.sign) setPendingSign(returned.sign)
      if (returned.paid) setPendingPaid(returned.paid)
      if (returned.present) setPendingShare(returned.present)
      loadIssuerMetadata().then(setMetadata, () => {})
      const found = await findDevice()
      if (returned.token) return send({ type: 'enrolment-returned', enrolmentToken: returned.token })
      if (returned.error) return send({ type: 'enrolment-failed', code: returned.error })
      if (found) {
        setDevice(found)
        setCredentials(await listCredentials())
        return send({ type: 'device-found' })
      }
      // An offer opened on a phone without a wallet yet: enrolling comes first.
      if (returned.present) return send({ type: 'enrolment-failed', code: 'share-needs-enrolment' })
      if (returned.offer || returned.login) return send({ type: 'enrolment-failed', code: 'offer-needs-enrolment' })
      if (returned.sign) return send({ type: 'enrolment-failed', code: 'sign-needs-enrolment' })
      send({ type: 'no-device' })
    })()
  }, [])

  // A device disconnected from another one keeps nothing: its documents are revoked anyway.
  const forget = useCallback(async () => {
    await wipeWallet()
    setDevice(undefined)
    setCredentials([])
    send({ type: 'device-revoked' })
  }, [])

  const receive = useCallback(
    async (enrolled: DeviceRecord) => {
      try {
        const issuer = metadata ?? (await loadIssuerMetadata())
        setMetadata(issuer)
        await receiveDocuments({
          device: enrolled,
          metadata: issuer,
          onProgress: (done, total) => send({ type: 'progress', done, total }),
        })
        setCredentials(await listCredentials())
        send({ type: 'received' })
      } catch (error) {
        if (error instanceof ApiError && error.code === 'ERR_DEVICE_REVOKED') return forget()
        send({
          type: 'failed',
          message: error instanceof ApiError ? `${error.message} (${error.code})` : String(error),
        })
      }
    },
    [metadata, forget],
  )

  // A support desk's offer, opened from its link: received once the wallet is unlocked.
  const acceptOffer = useCallback(
    async (enrolled: DeviceRecord, uri: string, txCode?: string) => {
      try {
        const own = metadata ?? (await loadIssuerMetadata())
        const parties = await loadFederatedParties()
        const offer = parseOfferUri(
          uri,
          own,
          parties.countries.map((country) => country.credential_issuer),
        )
        if (needsTxCode(offer) && !txCode) return send({ type: 'offer-needs-code' })
        setPendingOffer(undefined)
        send({ type: 'refresh' })
        // Another country's offer is taken from its own issuer, by its own metadata.
        const foreign =
          offer.credential_issuer === own.credential_issuer
            ? undefined
            : await loadForeignIssuer(offer.credential_issuer)
        await receiveOffer({
          device: enrolled,
          metadata: foreign?.metadata ?? own,
          offer,
          ...(foreign ? { foreign: { tokenEndpoint: foreign.tokenEndpoint } } : {}),
          ...(txCode ? { txCode } : {}),
          onProgress: (done, total) => send({ type: 'progress', done, total }),
        })
        setCredentials(await listCredentials())
        send({ type: 'received' })
      } catch (error) {
        setPendingOffer(undefined)
        send({
          type: 'failed',
          message: error instanceof ApiError ? `${error.message} (${error.code})` : String(error),
        })
      }
    },
    [metadata],
  )

  const enrol = useCallback(
    async (enrolmentToken: string, pin: string) => {
      try {
        const { keys, publicJwk } = await createDeviceKey()
        const registered = await fetchJson<{ deviceId: string; citizen: { givenName: string; familyName: string } }>(
          '/api/wallet/devices',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ enrolmentToken, publicKey: publicJwk, name: deviceName() }),
          },
        )
        const record: DeviceRecord = {
          deviceId: registered.deviceId,
          keys,
          publicJwk,
          givenName: registered.citizen.givenName,
          familyName: registered.citizen.familyName,
          pin: await protectPin(pin),
        }
        await saveDevice(record)
        setDevice(record)
        send({ type: 'enrolled' })
        await receive(record)
      } catch (error) {
        send({
          type: 'failed',
          message: error instanceof ApiError ? `${error.message} (${error.code})` : String(error),
        })
      }
    },
    [receive],
  )

  return (
    <div className="app">
      <header className="bar">
        <span className="brand" aria-hidden="true">
          <img src="./icon.svg" alt="" width="32" height="32" />
        </span>
        <span className="brand-name">{t('appName')}</span>
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
      {!online && (
        <p className="notice" role="status">
          {t('offline')}
        </p>
      )}
      <main id="main">
        {screen.name === 'loading' && <p aria-busy="true" />}
        {screen.name === 'welcome' && (
          <section className="welcome">
            <h1>{t('tagline')}</h1>
            {screen.error && (
              <p className="error" role="alert">
                {screen.error === 'locked-out'
                  ? t('lockedOut')
                  : screen.error === 'device-revoked'
                    ? t('deviceRevoked')
                    : screen.error === 'offer-needs-enrolment'
                      ? t('offerNeedsEnrolment')
                      : screen.error === 'sign-needs-enrolment'
                        ? t('signNeedsEnrolment')
                        : screen.error === 'share-needs-enrolment'
                          ? translator(shareMessages, language)('shareNeedsEnrolment')
                          : t('enrolFailed', { code: screen.error })}
              </p>
            )}
            <ul className="benefits">
              <li>{t('benefitOffline')}</li>
              <li>{t('benefitChoose')}</li>
              <li>{t('benefitStandard')}</li>
            </ul>
            <button type="button" className="primary" onClick={() => send({ type: 'start' })}>
              {t('start')}
            </button>
          </section>
        )}
        {screen.name === 'prove' && <ProveScreen t={t} language={language} onBack={() => send({ type: 'back' })} />}
        {screen.name === 'set-pin' && <SetPinScreen t={t} onPin={(pin) => enrol(screen.enrolmentToken, pin)} />}
        {screen.name === 'unlock' && device && (
          <UnlockScreen
            t={t}
            device={device}
            onUnlocked={() => {
              send({ type: 'unlocked' })
              if (pendingOffer) return void acceptOffer(device, pendingOffer)
              if (pendingLogin) return send({ type: 'open-login', id: pendingLogin })
              if (pendingSign) return send({ type: 'open-sign', id: pendingSign })
              if (pendingShare) {
                setPendingShare(undefined)
                return send({ type: 'open-share', link: pendingShare })
              }
              if (pendingPaid) {
                setPendingPaid(undefined)
                return send({ type: 'payment-returned', id: pendingPaid })
              }
              // A form that was open when the app was closed is opened again, where it was.
              void readCache<string | null>(openServiceKey).then(async (code) => {
                if (code && (await findDraft(code))) send({ type: 'open-service', code })
              })
              // Documents about to expire are fetched again as soon as the wallet is opened online.
              // At most once a day: a document whose registry record ends soon cannot be renewed past it.
              void readCache<string>('last-renewal').then(async (last) => {
                const now = new Date()
                const due = !last || now.getTime() - new Date(last).getTime() > 24 * 3600 * 1000
                if (!navigator.onLine || !due || !needsRenewal(credentials, now)) return
                await writeCache('last-renewal', now.toISOString())
                send({ type: 'refresh' })
                await receive(device)
              })
            }}
            onLockedOut={() => send({ type: 'locked-out' })}
          />
        )}
        {screen.name === 'receiving' && (
          <section aria-live="polite">
            <h1>{t('receivingTitle')}</h1>
            <p>{screen.total > 0 ? t('receivingProgress', { done: screen.done, total: screen.total }) : '…'}</p>
            <progress max={screen.total || 1} value={screen.done} />
          </section>
        )}
        {screen.name === 'documents' && device && (
          <DocumentsScreen
            t={t}
            language={language}
            device={device}
            credentials={credentials}
            metadata={metadata}
            online={online}
            statuses={statuses}
            onOpen={(id) => send({ type: 'open-document', id })}
            onSettings={() => send({ type: 'open-settings' })}
            onHistory={() => send({ type: 'open-history' })}
            onSignatures={() => send({ type: 'open-signatures' })}
            onServices={() => send({ type: 'open-services' })}
            onApplications={() => send({ type: 'open-applications' })}
            onInbox={() => send({ type: 'open-inbox' })}
            onDataTracker={() => send({ type: 'open-data-tracker' })}
            onShares={() => send({ type: 'open-shares' })}
            onRefresh={() => {
              send({ type: 'refresh' })
              void receive(device)
            }}
          />
        )}
        {screen.name === 'document' && (
          <DocumentScreen
            t={t}
            language={language}
            credential={credentials.find((c) => c.id === screen.id)}
            metadata={metadata}
            canShow={hasQrCopy(credentials, screen.id)}
            onShow={() => send({ type: 'show-document', id: screen.id })}
            onBack={() => send({ type: 'back' })}
          />
        )}
        {screen.name === 'show' && device && hasQrCopy(credentials, screen.id) && (
          <ShowScreen
            t={t}
            language={language}
            device={device}
            copies={qrCopiesOf(credentials, screen.id)}
            metadata={metadata}
            online={online}
            onBack={() => send({ type: 'back' })}
          />
        )}
        {screen.name === 'login' && device && (
          <LoginScreen
            t={t}
            language={language}
            device={device}
            loginId={screen.id}
            onDone={() => {
              setPendingLogin(undefined)
              send({ type: 'back' })
            }}
            onLockedOut={() => send({ type: 'locked-out' })}
          />
        )}
        {screen.name === 'sign' && device && (
          <SignScreen
            t={t}
            language={language}
            device={device}
            requestId={screen.id}
            onDone={() => {
              setPendingSign(undefined)
              send({ type: 'back' })
            }}
            onSignatures={() => {
              setPendingSign(undefined)
              send({ type: 'open-signatures' })
            }}
            onLockedOut={() => send({ type: 'locked-out' })}
          />
        )}
        {screen.name === 'signatures' && device && (
          <SignaturesScreen t={t} language={language} device={device} onBack={() => send({ type: 'back' })} />
        )}
        {screen.name === 'tx-code' && device && pendingOffer && (
          <TxCodeScreen
            t={t}
            onCode={(code) => void acceptOffer(device, pendingOffer, code)}
            onBack={() => {
              setPendingOffer(undefined)
              send({ type: 'back' })
            }}
          />
        )}
        {screen.name === 'data-tracker' && device && (
          <DataTrackerScreen
            t={t}
            language={language}
            device={device}
            onBack={() => send({ type: 'back' })}
            onRevoked={forget}
          />
        )}
        {screen.name === 'share' && device && shareRequest && (
          <Suspense fallback={<p aria-busy="true" />}>
            <ShareScreen
              key={screen.link}
              language={language}
              device={device}
              credentials={credentials}
              metadata={metadata}
              read={shareRequest}
              onDone={() => send({ type: 'back' })}
              onShares={() => send({ type: 'open-shares' })}
              onLockedOut={() => send({ type: 'locked-out' })}
            />
          </Suspense>
        )}
        {screen.name === 'shares' && (
          <SharesScreen
            language={language}
            metadata={metadata}
            device={device}
            onOpen={(link) => send({ type: 'open-share', link })}
            onBack={() => send({ type: 'back' })}
          />
        )}
        {screen.name === 'history' && (
          <HistoryScreen t={t} language={language} metadata={metadata} onBack={() => send({ type: 'back' })} />
        )}
        {screen.name === 'services' && (
          <ServicesScreen
            t={t}
            language={language}
            onBack={() => send({ type: 'back' })}
            onOpen={(code) => send({ type: 'open-service', code })}
            onApplications={() => send({ type: 'open-applications' })}
            onInbox={() => send({ type: 'open-inbox' })}
            query={serviceQuery}
            onQuery={setServiceQuery}
          />
        )}
        {screen.name === 'service' && device && (
          <ServiceScreen
            key={screen.code}
            t={t}
            language={language}
            device={device}
            code={screen.code}
            onBack={() => send({ type: 'back' })}
            onSubmitted={(id) => send({ type: 'submitted', id })}
            onRevoked={forget}
          />
        )}
        {screen.name === 'applications' && device && (
          <ApplicationsScreen
            t={t}
            language={language}
            device={device}
            onBack={() => send({ type: 'back' })}
            onOpen={(id) => send({ type: 'open-application', id })}
            onServices={() => send({ type: 'open-services' })}
            onRevoked={forget}
          />
        )}
        {screen.name === 'application' && device && (
          <ApplicationScreen
            key={screen.id}
            t={t}
            language={language}
            device={device}
            id={screen.id}
            justSubmitted={screen.from === 'service'}
            returnedFromPayment={screen.from === 'payment'}
            online={online}
            onBack={() => send({ type: 'back' })}
            onRevoked={forget}
            onGetDocuments={() => {
              send({ type: 'refresh' })
              void receive(device)
            }}
            onOpenApplication={(id) => send({ type: 'open-application', id })}
          />
        )}
        {screen.name === 'inbox' && device && (
          <InboxScreen
            t={t}
            language={language}
            device={device}
            onBack={() => send({ type: 'back' })}
            onOpenApplication={(id) => send({ type: 'open-application', id })}
            onRevoked={forget}
          />
        )}
        {screen.name === 'settings' && device && (
          <SettingsScreen
            t={t}
            language={language}
            device={device}
            onBack={() => send({ type: 'back' })}
            onRevoked={() => void forget()}
          />
        )}
        {screen.name === 'error' && (
          <section>
            <h1>{t('errorTitle')}</h1>
            <p role="alert">{screen.message}</p>
            <button type="button" className="primary" onClick={() => send({ type: device ? 'back' : 'start' })}>
              {t('tryAgain')}
            </button>
          </section>
        )}
      </main>
    </div>
  )
}
