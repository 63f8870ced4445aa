import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { claimLabel, displayOf, type IssuerMetadata } from '../lib/issuer-metadata.ts'
import type { StoredCredential } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'

const isoDate = /^\d{4}-\d{2}-\d{2}$/

/** A claim value as a person reads it: dates in their language, yes/no as marks, lists joined. */
function formatValue(value: unknown, language: Language): string {
  if (value === true) return '✓'
  if (value === false) return '✗'
  if (typeof value === 'string' && isoDate.test(value)) {
    return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    )
  }
  if (Array.isArray(value)) return value.map((v) => formatValue(v, language)).join(', ')
  if (value && typeof value === 'object')
    return Object.values(value)
      .map((v) => formatValue(v, language))
      .join(', ')
  return String(value)
}

/** One document: every claim readable, with its portrait. */
export function DocumentScreen(props: {
  t: Translate
  language: Language
  credential: StoredCredential | undefined
  metadata: IssuerMetadata | undefined
  canShow: boolean
  onShow: () => void
  onBack: () => void
}) {
  const { t, language, credential } = props
  if (!credential) return null
  const configuration = props.metadata?.credential_configurations_supported[credential.configurationId]
  const display = displayOf(configuration, language)
  const { portrait, ...claims } = credential.claims
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <div className="document-head" style={{ background: display.background, color: display.text }}>
        <h1>{display.name || credential.documentType}</h1>
        {typeof portrait === 'string' && portrait.startsWith('data:image/') && (
          <img className="portrait" src={portrait} alt={t('portrait')} width="96" height="120" />
        )}
      </div>
      {props.canShow && (
        <button type="button" className="primary" onClick={props.onShow}>
          {t('showQr')}
        </button>
      )}
      <dl className="claims">
        {Object.entries(claims).map(([name, value]) => (
          <div key={name} className="claim">
            <dt>{claimLabel(configuration, name, language)}</dt>
            <dd>{formatValue(value, language)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
