import type { Language } from '@polis/ui'
import { locales, translator } from '@polis/ui'
import type { DocumentStatus } from '../lib/credential-status.ts'
import { displayOf, type IssuerMetadata } from '../lib/issuer-metadata.ts'
import type { DeviceRecord, StoredCredential } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { shareMessages } from '../share-messages.ts'

/** A country's name in the citizen's language (the browser's names of regions), else its code. */
function regionName(language: Language, code: string): string {
  try {
    return new Intl.DisplayNames([locales[language]], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

/** The documents held, one card each in its issuing registry's colours, each saying its country. */
export function DocumentsScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  credentials: StoredCredential[]
  metadata: IssuerMetadata | undefined
  online: boolean
  statuses: Record<string, DocumentStatus>
  onOpen: (id: string) => void
  onRefresh: () => void
  onSettings: () => void
  onHistory: () => void
  onSignatures: () => void
  onServices: () => void
  onApplications: () => void
  onInbox: () => void
  onDataTracker: () => void
  onShares: () => void
}) {
  const { t, language, metadata } = props
  const cards = props.credentials.filter((c) => c.format === 'dc+sd-jwt')
  const dateFormat = new Intl.DateTimeFormat(locales[language], { dateStyle: 'long' })
  return (
    <section>
      <h1>{t('documentsTitle')}</h1>
      <p className="muted">{`${props.device.givenName} ${props.device.familyName}`}</p>
      {cards.length === 0 && <p>{t('noDocuments')}</p>}
      <ul className="cards">
        {cards.map((credential) => {
          const display = displayOf(metadata?.credential_configurations_supported[credential.configurationId], language)
          const expired = credential.expiresAt !== undefined && new Date(credential.expiresAt) < new Date()
          const listed = props.statuses[credential.id]
          const status =
            listed === 'revoked'
              ? t('statusRevoked')
              : listed === 'suspended'
                ? t('statusSuspended')
                : expired
                  ? t('statusExpired')
                  : credential.expiresAt
                    ? t('validUntil', { date: dateFormat.format(new Date(credential.expiresAt)) })
                    : t('statusValid')
          return (
            <li key={credential.id}>
              <button
                type="button"
                className="card"
                style={{ background: display.background, color: display.text }}
                onClick={() => props.onOpen(credential.id)}
              >
                <span className="card-name">{display.name || credential.documentType}</span>
                {typeof credential.claims.issuing_country === 'string' && (
                  <span className="card-country">
                    {t('issuedIn', { country: regionName(language, credential.claims.issuing_country) })}
                  </span>
                )}
                <span
                  className={
                    listed === 'revoked' || listed === 'suspended' || expired ? 'card-status alert' : 'card-status'
                  }
                >
                  {status}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
      <nav className="entries" aria-label={t('servicesTitle')}>
        <button type="button" className="secondary entry" onClick={props.onServices}>
          {t('servicesOpen')}
        </button>
        <div className="row">
          <button type="button" className="secondary" onClick={props.onApplications}>
            {t('applicationsOpen')}
          </button>
          <button type="button" className="secondary" onClick={props.onInbox}>
            {t('inboxOpen')}
          </button>
        </div>
        <button type="button" className="secondary" onClick={props.onDataTracker}>
          {t('trackerOpen')}
        </button>
        <button type="button" className="secondary" onClick={props.onShares}>
          {translator(shareMessages, language)('sharesTitle')}
        </button>
      </nav>
      <button type="button" className="secondary" onClick={props.onRefresh} disabled={!props.online}>
        {t('refresh')}
      </button>
      <button type="button" className="secondary" onClick={props.onHistory}>
        {t('historyOpen')}
      </button>
      <button type="button" className="secondary" onClick={props.onSignatures} disabled={!props.online}>
        {t('signaturesTitle')}
      </button>
      <button type="button" className="secondary" onClick={props.onSettings} disabled={!props.online}>
        {t('devicesTitle')}
      </button>
    </section>
  )
}
