import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import type { ReactNode, RefObject } from 'react'
import type { ShownPage } from '../lib/fill-service-form.ts'
import { formatMoney } from '../lib/payable-items.ts'
import { portalOnlyReason, type ServiceDefinition, type ServiceForm } from '../lib/service-definition.ts'
import type { Translate } from '../messages.ts'
import { shownValue } from './service-check.tsx'

/** What the state already knows, shown read-only. */
export function KnownFacts(props: { t: Translate; language: Language; known: ShownPage['known'] }) {
  return (
    <dl className="claims known">
      {props.known.map(({ field, value }) => (
        <div key={field.id} className="claim">
          <dt>{field.label[props.language]}</dt>
          <dd>{shownValue(field, value, props.t, props.language)}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * A service's first page: what it is, who decides and any fee, why the citizen may not
 * apply, what the state already knows, and Start; a service with a question the wallet
 * cannot ask links to its page on the portal.
 */
export function ServiceIntro(props: {
  t: Translate
  language: Language
  definition: ServiceDefinition
  form: ServiceForm
  known: ShownPage['known']
  back: ReactNode
  heading: RefObject<HTMLHeadingElement | null>
  onStart: () => void
}) {
  const { t, language, definition, form, known } = props
  const portal = portalOnlyReason(definition)
  const decision = definition.decision
  return (
    <section>
      {props.back}
      <h1 ref={props.heading} tabIndex={-1}>
        {definition.name[language]}
      </h1>
      <p className="lead">{definition.summary[language]}</p>
      <dl className="claims">
        <div className="claim">
          <dt>{t('serviceWhoDecides')}</dt>
          <dd>
            {decision.by === 'rules'
              ? t('decidedAuto')
              : decision.by === 'official'
                ? t('decidedOfficial', { days: decision.deadlineDays })
                : decision.by === 'bundle'
                  ? t('decidedBundle')
                  : t('decidedPayment')}
          </dd>
        </div>
        {definition.fee && 'amount' in definition.fee && (
          <div className="claim">
            <dt>{t('serviceFee')}</dt>
            <dd>{formatMoney(definition.fee.amount, definition.fee.currency, locales[language])}</dd>
          </div>
        )}
      </dl>
      {/* Who may not apply is told why first, whether or not the service is applied for on the portal. */}
      {!form.eligible ? (
        <div className="warning" role="alert">
          <h2>{t('serviceNotEligible')}</h2>
          <ul>
            {form.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : portal ? (
        <div className="notice">
          <p>{t('servicePortalOther')}</p>
          <a className="choice" href={`/services/${encodeURIComponent(definition.code)}?lang=${language}`}>
            {t('servicePortalLink')}
          </a>
        </div>
      ) : (
        <>
          {known.length > 0 && (
            <section aria-labelledby="known-title">
              <h2 id="known-title" className="subheading">
                {t('serviceKnownTitle')}
              </h2>
              <p className="muted">{t('serviceKnownHint')}</p>
              <KnownFacts t={t} language={language} known={known} />
            </section>
          )}
          <button type="button" className="primary" onClick={props.onStart}>
            {t('serviceStart')}
          </button>
        </>
      )}
    </section>
  )
}
