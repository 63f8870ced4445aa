import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useEffect, useRef, useState } from 'react'
import { deviceFetch } from '../lib/api.ts'
import { type ApplicationPart, actorKind, readApplication, reasonShown } from '../lib/citizen-applications.ts'
import { isRecord, readList, readString } from '../lib/read-json.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { LoadState } from './load-state.tsx'
import { PayPanel } from './pay-panel.tsx'
import { eventKey, referenceOf, statusKey, statusTone } from './service-words.ts'
import { useCatalogue } from './use-catalogue.ts'
import { useFetched } from './use-fetched.ts'
import { useHeadingFocus } from './use-heading-focus.ts'

const actorKeys = { you: 'actorYou', official: 'actorOfficial', system: 'actorSystem' } as const

/**
 * How the provider says the payments went: `succeeded` when one was paid (an application
 * is paid once), else the last one's status (declined, cancelled, expired), if any.
 */
function paymentOutcome(value: unknown): string | undefined {
  const payments = isRecord(value)
    ? readList(value.payments, (p) => (isRecord(p) ? readString(p.status) : undefined))
    : []
  return payments.includes('succeeded') ? 'succeeded' : payments.at(-1)
}

/**
 * One application: its status and reference, its fee to pay (at the provider's page,
 * which comes back here), and its history newest first (what happened, when, who, and
 * why; a payment with its receipt). Back from paying, the provider is asked at once how
 * it went. Answering an official's question happens on the portal, which it links to.
 */
export function ApplicationScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  id: string
  justSubmitted: boolean
  /** Back from the payment provider's page: ask it how the payment went before showing the application. */
  returnedFromPayment: boolean
  onBack: () => void
  onRevoked: () => void
  /** Receives the documents the application made ready. */
  onGetDocuments: () => void
  /** Opens another application: a bundle's part, or the bundle of a part. */
  onOpenApplication: (id: string) => void
  online: boolean
}) {
  const { t, language, device, id, onRevoked } = props
  const heading = useHeadingFocus()
  const catalogue = useCatalogue()
  const [payment, setPayment] = useState<string>()
  const confirmed = useRef(false)
  const loaded = useFetched(`application:${id}`, async () => {
    if (props.returnedFromPayment && !confirmed.current) {
      const path = `/api/wallet/applications/${encodeURIComponent(id)}/payments/confirm`
      setPayment(paymentOutcome(await deviceFetch<unknown>(device, path, { method: 'POST' })) ?? 'none')
      confirmed.current = true
    }
    const application = readApplication(
      await deviceFetch<unknown>(device, `/api/wallet/applications/${encodeURIComponent(id)}`),
    )
    if (!application) throw new Error(t('applicationsUnavailable'))
    return application
  }, [device, id])
  useEffect(() => {
    if (loaded.state === 'failed' && loaded.code === 'ERR_DEVICE_REVOKED') onRevoked()
  }, [loaded, onRevoked])
  const when = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' })
  const money = (amount: number, currency: string) =>
    new Intl.NumberFormat(locales[language], { style: 'currency', currency }).format(amount / 100)
  const shown = (value: string | number | boolean, currency?: string) =>
    typeof value === 'boolean'
      ? t(value ? 'yes' : 'no')
      : currency && typeof value === 'number'
        ? money(value, currency)
        : String(value)
  const application = loaded.state === 'loaded' ? loaded.value : undefined
  const serviceName = (code: string) =>
    (catalogue.state === 'loaded' && catalogue.value.find((s) => s.code === code)?.name[language]) || code
  const name = application && serviceName(application.serviceCode)
  return (
    <section>
      <button type="button" className="secondary back" onClick={props.onBack}>
        ← {t('back')}
      </button>
      {props.justSubmitted && (
        <div className="panel" role="status">
          <p className="panel-title">{t('applicationSubmitted')}</p>
          <p>
            {t('reference')}: <strong>{referenceOf(id)}</strong>
          </p>
        </div>
      )}
      <h1 ref={heading} tabIndex={-1}>
        {name ?? t('applicationsTitle')}
      </h1>
      {payment === 'succeeded' && (
        <div className="panel" role="status">
          <p className="panel-title">{t('paymentMade')}</p>
        </div>
      )}
      {payment !== undefined && payment !== 'succeeded' && (
        <p className="error" role="alert">
          {t('paymentFailed')}
        </p>
      )}
      <LoadState
        loaded={loaded}
        t={t}
        language={language}
        unavailable={t('applicationsUnavailable')}
        {...(props.returnedFromPayment ? { busy: t('payChecking') } : {})}
      />
      {loaded.state === 'loaded' && application && (
        <>
          <dl className="claims">
            <div className="claim">
              <dt>{t('statusLabel')}</dt>
              <dd>
                <span className={`tag ${statusTone(application.status)}`}>{t(statusKey(application.status))}</span>
              </dd>
            </div>
            <div className="claim">
              <dt>{t('reference')}</dt>
              <dd>{referenceOf(application.id)}</dd>
            </div>
            <div className="claim">
              <dt>{t('submittedLabel')}</dt>
              <dd>
                <time dateTime={application.createdAt}>{when.format(new Date(application.createdAt))}</time>
              </dd>
            </div>
          </dl>
          {application.bundle && (
            <button
              type="button"
              className="service-link"
              onClick={() => application.bundle && props.onOpenApplication(application.bundle.id)}
            >
              {t('partOf', { name: serviceName(application.bundle.serviceCode) })}
            </button>
          )}
          {application.parts.length > 0 && (
            <BundleParts parts={application.parts} t={t} serviceName={serviceName} onOpen={props.onOpenApplication} />
          )}
          {application.events.some((e) => e.documentType) && application.status === 'completed' && (
            <div className="notice">
              <p>{t('applicationDocumentReady')}</p>
              <button
                type="button"
                className="primary"
                disabled={!props.online || loaded.stale}
                onClick={props.onGetDocuments}
              >
                {t('applicationGetDocument')}
              </button>
            </div>
          )}
          {application.status === 'awaiting-payment' && !loaded.stale && (
            <PayPanel
              t={t}
              language={language}
              device={device}
              applicationId={application.id}
              amount={application.events.find((e) => e.type === 'payment-requested')?.money}
              online={props.online}
              onRevoked={onRevoked}
            />
          )}
          {application.status === 'info-requested' && (
            <a className="choice" href={`/applications/${encodeURIComponent(application.id)}?lang=${language}`}>
              {t('applicationContinuePortal')}
            </a>
          )}
          <h2 className="subheading">{t('historyHeading')}</h2>
          <ol className="timeline">
            {application.events.map((event) => (
              <li key={event.seq}>
                <span className="event-name">
                  {t(eventKey(event.type))}
                  {event.outcome &&
                    `: ${t(event.outcome === 'approve' ? 'appStatusApproved' : 'appStatusRejected').toLocaleLowerCase(language)}`}
                </span>
                <span className="muted">
                  <time dateTime={event.at}>{when.format(new Date(event.at))}</time> ·{' '}
                  {t(actorKeys[actorKind(event.actor)])}
                </span>
                {reasonShown(event) && <span className="event-reason">{event.reason}</span>}
                {event.service && <span className="event-reason">{serviceName(event.service)}</span>}
                {event.money && <span className="event-reason">{money(event.money.amount, event.money.currency)}</span>}
                {event.receipt && (
                  <dl className="event-values receipt">
                    {event.receipt.item && (
                      <div>
                        <dt>{t('receiptPaidFor')}</dt>
                        <dd>
                          {event.receipt.item.description} ({event.receipt.item.number})
                        </dd>
                      </div>
                    )}
                    {event.receipt.paymentId && (
                      <div>
                        <dt>{t('receiptPayment')}</dt>
                        <dd>
                          <code>{event.receipt.paymentId}</code>
                        </dd>
                      </div>
                    )}
                  </dl>
                )}
                {event.values.length > 0 && (
                  <dl className="event-values">
                    {event.values.map((value) => (
                      <div key={value.label.en}>
                        <dt>{value.label[language]}</dt>
                        <dd>{shown(value.value, value.currency)}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

/** A life-event bundle's services: each with where it stands, why, and its own application. */
function BundleParts(props: {
  parts: ApplicationPart[]
  t: Translate
  serviceName: (code: string) => string
  onOpen: (id: string) => void
}) {
  const { parts, t, serviceName } = props
  const partName = (id: string) => serviceName(parts.find((p) => p.id === id)?.serviceCode ?? id)
  const said = (part: ApplicationPart): { state: string; tone: string; why?: string } => {
    if (part.state === 'waiting') {
      return {
        state: t('partWaiting'),
        tone: 'progress',
        ...(part.after.length > 0 ? { why: t('partWaitsFor', { names: part.after.map(partName).join(', ') }) } : {}),
      }
    }
    if (part.state === 'skipped') return { state: t('partSkipped'), tone: 'progress' }
    if (part.state === 'refused') return { state: t('partRefused'), tone: 'bad' }
    if (part.state === 'cancelled') {
      return {
        state: t('partCancelled'),
        tone: 'bad',
        why: t('partCancelledWhy', { name: partName(part.after[0] ?? '') }),
      }
    }
    return { state: t(statusKey(part.state)), tone: statusTone(part.state) }
  }
  return (
    <>
      <h2 className="subheading">{t('partsHeading')}</h2>
      <ul className="parts">
        {parts.map((part) => {
          const { state, tone, why } = said(part)
          return (
            <li key={part.id} className="part">
              <p className="part-name">{serviceName(part.serviceCode)}</p>
              <span className={`tag ${tone}`}>{state}</span>
              {why && <p className="muted">{why}</p>}
              {part.applicationId && (
                <button
                  type="button"
                  className="service-link"
                  onClick={() => part.applicationId && props.onOpen(part.applicationId)}
                >
                  {t('partOpen', { name: serviceName(part.serviceCode) })}
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </>
  )
}
