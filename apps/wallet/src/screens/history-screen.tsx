import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useEffect, useState } from 'react'
import { claimLabel, displayOf, type IssuerMetadata } from '../lib/issuer-metadata.ts'
import { listPresentations, type Presentation } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'

/** Every time a document was shown, kept on this phone only, with an export as JSON. */
export function HistoryScreen(props: {
  t: Translate
  language: Language
  metadata: IssuerMetadata | undefined
  onBack: () => void
}) {
  const { t, language } = props
  const [entries, setEntries] = useState<Presentation[]>()
  useEffect(() => {
    void listPresentations().then(setEntries)
  }, [])
  const when = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' })
  const configuration = (code: string) => props.metadata?.credential_configurations_supported[`${code}.polis_qr`]
  const nameOf = (code: string) => displayOf(configuration(code), language).name || code
  const labelOf = (code: string, claim: string) => claimLabel(configuration(code), claim, language)
  const exportHistory = () => {
    const blob = new Blob([JSON.stringify(entries ?? [], null, 2)], { type: 'application/json' })
    const link = document.createElement('a')
    link.href = URL.createObjectURL(blob)
    link.download = 'polis-history.json'
    link.click()
    URL.revokeObjectURL(link.href)
  }
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1>{t('historyTitle')}</h1>
      <p className="muted">{t('historyIntro')}</p>
      {entries?.length === 0 && <p>{t('historyEmpty')}</p>}
      <ol className="history">
        {entries?.map((entry) => (
          <li key={entry.id} className="device">
            <span className="device-name">{nameOf(entry.documentType)}</span>
            <span className="muted">
              <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time> ·{' '}
              {entry.channel === 'code' ? t('historyCode') : t('historyInPerson')}
            </span>
            <span>{entry.claims.map((claim) => labelOf(entry.documentType, claim)).join(', ')}</span>
          </li>
        ))}
      </ol>
      {entries && entries.length > 0 && (
        <button type="button" className="secondary" onClick={exportHistory}>
          {t('historyExport')}
        </button>
      )}
    </section>
  )
}
