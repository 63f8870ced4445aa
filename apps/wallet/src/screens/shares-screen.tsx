import { type ErrorCode, errorCodes, messageOf } from '@polis/kernel/errors'
import { type Language, locales, translator } from '@polis/ui'
import { type FormEvent, useEffect, useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import { claimLabel, displayOf, type IssuerMetadata } from '../lib/issuer-metadata.ts'
import { readQrImage } from '../lib/read-qr-image.ts'
import { type DeviceRecord, listShares, markDeletionAsked, type ShareRecord } from '../lib/wallet-store.ts'
import { shareMessages } from '../share-messages.ts'
import { ScanCamera } from './scan-camera.tsx'

const linkPattern = /^openid4vp:\/\//

/** A deletion request as the platform tracks it (`/api/wallet/deletion-requests`). */
interface TrackedDeletion {
  id: string
  request_id: string
  state: 'asked' | 'done' | 'refused'
  answered_at: string | null
  reason: string | null
  reported_at: string | null
}

/**
 * The verifier request a share answered, where this instance served it: only then can the
 * platform deliver and track a deletion request; elsewhere the citizen's own mail does.
 */
function trackedRequestId(share: ShareRecord): string | undefined {
  if (!share.reference) return undefined
  try {
    const url = new URL(share.reference)
    if (url.origin !== location.origin) return undefined
    return /^\/verifier\/requests\/([A-Za-z0-9_-]{8,64})\/request-object$/.exec(url.pathname)?.[1]
  } catch {
    return undefined
  }
}

/** The platform's record of the citizen's deletion requests, by the verifier request each names. */
async function fetchTracked(device: DeviceRecord): Promise<Map<string, TrackedDeletion>> {
  const answer = await deviceFetch<{ requests: TrackedDeletion[] }>(device, '/api/wallet/deletion-requests')
  return new Map(answer.requests.map((r) => [r.request_id, r]))
}

const problemOf = (error: unknown, language: Language) => {
  const code = error instanceof ApiError && error.code in errorCodes ? (error.code as ErrorCode) : 'ERR_INTERNAL'
  return `${messageOf(code, language)} (${code})`
}

/**
 * Every answer to a business kept on this phone (when, who, why, what), readable offline;
 * and where the citizen opens a business's request: its link pasted, or its QR code read
 * from a picture.
 */
export function SharesScreen(props: {
  language: Language
  metadata: IssuerMetadata | undefined
  device: DeviceRecord | undefined
  onOpen: (link: string) => void
  onBack: () => void
}) {
  const { language } = props
  const t = translator(shareMessages, language)
  const [shares, setShares] = useState<ShareRecord[]>()
  const [link, setLink] = useState('')
  const [linkError, setLinkError] = useState<string>()
  const [tracked, setTracked] = useState<Map<string, TrackedDeletion>>(new Map())
  const [problem, setProblem] = useState<{ shareId: string; text: string }>()
  const [reporting, setReporting] = useState<string>()
  const [report, setReport] = useState('')
  const { device } = props
  useEffect(() => {
    void listShares().then(setShares)
  }, [])
  const refreshTracked = async () => {
    if (device) setTracked(await fetchTracked(device))
  }
  useEffect(() => {
    // Offline, the shares still read; the businesses' answers wait for the network.
    if (device) void fetchTracked(device).then(setTracked, () => {})
  }, [device])
  const when = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' })
  const configuration = (id: string) => props.metadata?.credential_configurations_supported[id]
  const claimsOf = (share: ShareRecord) =>
    share.documents
      .map(
        (d) =>
          `${displayOf(configuration(d.configurationId), language).name || d.documentType}: ${d.claims
            .map((c) => claimLabel(configuration(d.configurationId), c, language))
            .join(', ')}`,
      )
      .join('; ')
  // The citizen's own mail app sends it, from their address: the business answers them, not the platform.
  const deletionMail = (share: ShareRecord, contact: string) => {
    const body = t('deletionBody', {
      date: when.format(new Date(share.at)),
      claims: claimsOf(share),
      reference: share.reference ?? share.business.clientId,
    })
    return `mailto:${contact}?subject=${encodeURIComponent(t('deletionSubject'))}&body=${encodeURIComponent(body)}`
  }
  const askDeletion = async (share: ShareRecord) => {
    await markDeletionAsked(share.id, new Date().toISOString())
    setShares(await listShares())
  }
  // Through the platform: to the business's registered data-protection contact, and tracked.
  const askTrackedDeletion = async (share: ShareRecord, requestId: string) => {
    if (!device) return
    setProblem(undefined)
    try {
      await deviceFetch(device, '/api/wallet/deletion-requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          request_id: requestId,
          claims: share.documents.map((d) => ({ document: d.documentType, claims: d.claims })),
        }),
      })
      await askDeletion(share)
      await refreshTracked()
    } catch (error) {
      setProblem({ shareId: share.id, text: problemOf(error, language) })
    }
  }
  const sendReport = async (event: FormEvent, share: ShareRecord, deletion: TrackedDeletion) => {
    event.preventDefault()
    if (!device) return
    if (report.trim().length < 3) return setProblem({ shareId: share.id, text: t('sharesReportTooShort') })
    setProblem(undefined)
    try {
      await deviceFetch(device, `/api/wallet/deletion-requests/${deletion.id}/report`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: report.trim() }),
      })
      setReporting(undefined)
      setReport('')
      await refreshTracked()
    } catch (error) {
      setProblem({ shareId: share.id, text: problemOf(error, language) })
    }
  }
  const deletionState = (share: ShareRecord, deletion: TrackedDeletion) => {
    const business = share.business.legalName
    const date = deletion.answered_at ? when.format(new Date(deletion.answered_at)) : ''
    if (deletion.state === 'done') return t('sharesDeletionDone', { business, date })
    if (deletion.state === 'refused') {
      return t('sharesDeletionRefused', { business, date, reason: deletion.reason ?? '' })
    }
    return t('sharesDeletionWaiting', { business })
  }

  const open = (text: string) => {
    if (!linkPattern.test(text.trim())) return setLinkError(t('sharesNoCode'))
    setLinkError(undefined)
    props.onOpen(text.trim())
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    open(link)
  }
  const readImage = async (file: File | undefined) => {
    if (!file) return
    const text = await readQrImage(file).catch(() => undefined)
    open(text ?? '')
  }

  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1>{t('sharesTitle')}</h1>
      <p className="muted">{t('sharesIntro')}</p>
      {shares?.length === 0 && <p>{t('sharesEmpty')}</p>}
      <ol className="history">
        {shares?.map((share) => (
          <li key={share.id} className="device">
            <span className="device-name">{share.business.legalName}</span>
            <span className="muted">
              <time dateTime={share.at}>{when.format(new Date(share.at))}</time> ·{' '}
              {share.outcome === 'sent' ? t('sharesOutcomeSent') : t('sharesOutcomeDeclined')}
            </span>
            {share.purpose && <span>{share.purpose}</span>}
            {share.documents.length > 0 && <span>{claimsOf(share)}</span>}
            {share.deletionAskedAt && (
              <span className="muted">
                {t('sharesDeletionAsked', { date: when.format(new Date(share.deletionAskedAt)) })}
              </span>
            )}
            {(() => {
              if (share.outcome !== 'sent') return null
              const requestId = trackedRequestId(share)
              const deletion = requestId ? tracked.get(requestId) : undefined
              const reportId = `report-${share.id}`
              return (
                <>
                  {deletion && (
                    <span className={`deletion-state deletion-${deletion.state}`}>
                      {deletionState(share, deletion)}
                    </span>
                  )}
                  {deletion?.reported_at && (
                    <span className="muted">
                      {t('sharesReported', { date: when.format(new Date(deletion.reported_at)) })}
                    </span>
                  )}
                  {requestId && device && !deletion && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => void askTrackedDeletion(share, requestId)}
                    >
                      {t('sharesAskDeletion', { business: share.business.legalName })}
                    </button>
                  )}
                  {!requestId && share.privacyContact && (
                    <a
                      className="choice"
                      href={deletionMail(share, share.privacyContact)}
                      onClick={() => void askDeletion(share)}
                    >
                      {t('sharesAskDeletion', { business: share.business.legalName })}
                    </a>
                  )}
                  {deletion && !deletion.reported_at && reporting !== deletion.id && (
                    <button type="button" className="secondary" onClick={() => setReporting(deletion.id)}>
                      {t('sharesReport')}
                    </button>
                  )}
                  {deletion && reporting === deletion.id && (
                    <form noValidate onSubmit={(event) => void sendReport(event, share, deletion)}>
                      <div className={problem?.shareId === share.id ? 'question invalid' : 'question'}>
                        <label className="question-label" htmlFor={reportId}>
                          {t('sharesReportLabel')}
                        </label>
                        <textarea
                          id={reportId}
                          className="input"
                          rows={4}
                          maxLength={2000}
                          value={report}
                          onChange={(e) => setReport(e.target.value)}
                          aria-invalid={problem?.shareId === share.id ? true : undefined}
                          aria-describedby={problem?.shareId === share.id ? `problem-${share.id}` : undefined}
                        />
                      </div>
                      <button type="submit" className="primary">
                        {t('sharesReportSend')}
                      </button>
                    </form>
                  )}
                  {problem?.shareId === share.id && (
                    <p id={`problem-${share.id}`} className="error" role="alert">
                      {problem.text}
                    </p>
                  )}
                </>
              )
            })()}
          </li>
        ))}
      </ol>
      <h2>{t('sharesAnswerTitle')}</h2>
      <ScanCamera
        labels={{
          start: t('scanStart'),
          stop: t('scanStop'),
          view: t('scanView'),
          unavailable: t('scanUnavailable'),
        }}
        onText={open}
      />
      <label className="file-button">
        {t('sharesScanImage')}
        <input
          className="file-input"
          type="file"
          accept="image/*"
          capture="environment"
          onChange={(e) => void readImage(e.target.files?.[0])}
        />
      </label>
      <form onSubmit={submit} noValidate className="share-open">
        <label className="link-field">
          {t('sharesLinkLabel')}
          <input
            className="link-input"
            type="url"
            value={link}
            onChange={(e) => setLink(e.target.value)}
            aria-invalid={linkError !== undefined}
            aria-describedby={linkError ? 'share-link-error' : undefined}
          />
        </label>
        {linkError && (
          <p id="share-link-error" className="error" role="alert">
            {linkError}
          </p>
        )}
        <button type="submit" className="secondary">
          {t('sharesOpen')}
        </button>
      </form>
    </section>
  )
}
