import type { Language } from '@polis/ui'
import { useEffect, useId, useState } from 'react'
import { searchCatalogue } from '../lib/service-catalogue.ts'
import { listDrafts, type ServiceDraft } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { LoadState } from './load-state.tsx'
import { categoryKeys, categoryOrder } from './service-words.ts'
import { useCatalogue } from './use-catalogue.ts'
import { useHeadingFocus } from './use-heading-focus.ts'

/**
 * The catalogue of e-services by category, with a search in any of the three languages;
 * above it, the forms the citizen started and has not sent, to carry on with.
 */
export function ServicesScreen(props: {
  t: Translate
  language: Language
  onBack: () => void
  onOpen: (code: string) => void
  onApplications: () => void
  onInbox: () => void
  /** What the citizen searched for, kept by the app so that it is still there on coming back from a service. */
  query: string
  onQuery: (query: string) => void
}) {
  const { t, language } = props
  const heading = useHeadingFocus()
  const catalogue = useCatalogue()
  const { query } = props
  const searchId = useId()
  const [drafts, setDrafts] = useState<ServiceDraft[]>([])
  useEffect(() => {
    listDrafts().then(setDrafts, () => {})
  }, [])
  const groups =
    catalogue.state === 'loaded' ? searchCatalogue(catalogue.value, { query, language, categoryOrder }) : []
  const count = groups.reduce((n, g) => n + g.services.length, 0)
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1 ref={heading} tabIndex={-1}>
        {t('servicesTitle')}
      </h1>
      <p className="muted">{t('servicesIntro')}</p>
      <div className="row">
        <button type="button" className="secondary" onClick={props.onApplications}>
          {t('applicationsOpen')}
        </button>
        <button type="button" className="secondary" onClick={props.onInbox}>
          {t('inboxOpen')}
        </button>
      </div>
      {catalogue.state === 'loaded' && drafts.length > 0 && (
        <section aria-labelledby="drafts-title" className="drafts">
          <h2 id="drafts-title">{t('draftsTitle')}</h2>
          <p className="muted">{t('draftsHint')}</p>
          <ul className="service-list">
            {drafts.map((draft) => {
              const name = catalogue.value.find((s) => s.code === draft.code)?.name[language] ?? draft.code
              return (
                <li key={draft.code}>
                  <button type="button" className="secondary" onClick={() => props.onOpen(draft.code)}>
                    {t('draftContinue', { name })}
                  </button>
                </li>
              )
            })}
          </ul>
        </section>
      )}
      <LoadState loaded={catalogue} t={t} language={language} unavailable={t('servicesUnavailable')} />
      {catalogue.state === 'loaded' && (
        <>
          <search className="search">
            <label className="question-label" htmlFor={searchId}>
              {t('servicesSearch')}
            </label>
            <input
              id={searchId}
              type="search"
              className="input"
              value={query}
              autoComplete="off"
              enterKeyHint="search"
              onChange={(e) => props.onQuery(e.target.value)}
            />
          </search>
          <p className="muted found" role="status">
            {count === 0 ? t('servicesNoMatch', { query: query.trim() }) : t('servicesFound', { count })}
          </p>
          {groups.map((group) => (
            <section key={group.category} aria-labelledby={`category-${group.category}`} className="service-group">
              <h2 id={`category-${group.category}`}>{t(categoryKeys[group.category] ?? 'categoryOther')}</h2>
              <ul className="service-list">
                {group.services.map((service) => (
                  <li key={service.code}>
                    <button type="button" className="service-link" onClick={() => props.onOpen(service.code)}>
                      <span className="service-name">{service.name[language]}</span>
                      <span className="service-summary">{service.summary[language]}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  )
}
