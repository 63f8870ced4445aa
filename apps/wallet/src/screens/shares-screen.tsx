import { type Language, locales, translator } from '@polis/ui'
import { type FormEvent, useEffect, useState } from 'react'
import { claimLabel, displayOf, type IssuerMetadata } from '../lib/issuer-metadata.ts'
import { readQrImage } from '../lib/read-qr-image.ts'
import { listShares, markDeletionAsked, type ShareRecord } from '../lib/wallet-store.ts'
import { shareMessages } from '../share-messages.ts'
import { ScanCamera } from './scan-camera.tsx'

const linkPattern = /^openid4vp:\/\//

/**
 * Every answer to a business kept on this phone (when, who, why, what), readable offline;
 * and where the citizen opens a business's request: its link pasted, or its QR code read
 * from a picture.
 */
export function SharesScreen(props: {
  language: Language
  metadata: IssuerMetadata | undefined
  onOpen: (link: string) => void
  onBack: () => void
}) {
  const { language } = props
  const t = translator(shareMessages, language)
  const [shares, setShares] = useState<ShareRecord[]>()
  const [link, setLink] = useState('')
  const [linkError, setLinkError] = useState<string>()
  useEffect(() => {
    void listShares().then(setShares)
  }, [])
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
            {share.outcome === 'sent' && share.privacyContact && (
              <a
                className="choice"
                href={deletionMail(share, share.privacyContact)}
                onClick={() => void askDeletion(share)}
              >
                {t('sharesAskDeletion', { business: share.business.legalName })}
              </a>
            )}
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
