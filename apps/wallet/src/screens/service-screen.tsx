import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { useEffect, useRef, useState } from 'react'
import { ApiError, deviceFetch, fetchJson } from '../lib/api.ts'
import { readApplication } from '../lib/citizen-applications.ts'
import {
  answersToSend,
  checkPage,
  type Draft,
  questionPages,
  type ShownPage,
  shownPages,
} from '../lib/fill-service-form.ts'
import {
  portalOnlyReason,
  readServiceDefinition,
  readServiceForm,
  type ServiceDefinition,
  type ServiceField,
  type ServiceForm,
  withFormOptions,
} from '../lib/service-definition.ts'
import { readRefusal, submitOnce } from '../lib/submit-once.ts'
import type { DeviceRecord } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { ErrorSummary } from './error-summary.tsx'
import { questionId, ServiceQuestion } from './service-question.tsx'
import { isOffline } from './use-fetched.ts'

type Step = 'intro' | 'check' | number
type Sending = 'idle' | 'sending' | 'offline' | { refused: string; reasons: string[] }

/** An answer or a registry's value as the citizen reads it: yes/no, a date in their language, an option's label. */
function shownValue(field: ServiceField, value: unknown, t: Translate, language: Language): string {
  if (typeof value === 'boolean') return value ? t('yes') : t('no')
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`)
    if (!Number.isNaN(date.getTime()))
      return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(date)
  }
  const option = field.options?.find((o) => o.value === value)
  if (option) return option.label[language]
  return value === undefined || value === null || value === '' ? t('notAnswered') : String(value)
}

/** What the state already knows, shown read-only. */
function KnownFacts(props: { t: Translate; language: Language; known: ShownPage['known'] }) {
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
 * A service in the wallet: what it is and who decides, whether the citizen may apply
 * (and why not), what the registries already know, then one page of questions at a
 * time, "check your answers", and one submission. A service with a fee, or a question
 * the wallet cannot ask, is a link to its page on the portal.
 */
export function ServiceScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  code: string
  onBack: () => void
  onSubmitted: (id: string) => void
  onRevoked: () => void
}) {
  const { t, language, device, code } = props
  const [loaded, setLoaded] = useState<{ definition: ServiceDefinition; form: ServiceForm } | { failed: string }>()
  const [step, setStep] = useState<Step>('intro')
  const [draft, setDraft] = useState<Draft>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [attempt, setAttempt] = useState(0)
  const [sending, setSending] = useState<Sending>('idle')
  const heading = useRef<HTMLHeadingElement>(null)
  const { onRevoked } = props

  useEffect(() => {
    const path = encodeURIComponent(code)
    Promise.all([
      fetchJson<unknown>(`/api/services/${path}`),
      deviceFetch<unknown>(device, `/api/wallet/services/${path}/form`),
    ]).then(
      ([definitionJson, formJson]) => {
        const definition = readServiceDefinition(definitionJson)
        const form = readServiceForm(formJson)
        setLoaded(
          definition && form
            ? { definition: withFormOptions(definition, form), form }
            : { failed: t('serviceUnavailable') },
        )
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'ERR_DEVICE_REVOKED') return onRevoked()
        setLoaded({ failed: isOffline(error) || !(error instanceof Error) ? t('serviceUnavailable') : error.message })
      },
    )
  }, [code, device, onRevoked, t])

  // Focus goes to the heading of each step (the error summary takes it when there are problems).
  const ready = loaded !== undefined
  const hasErrors = Object.keys(errors).length > 0
  // biome-ignore lint/correctness/useExhaustiveDependencies: moves on a new step or once loaded, not on each error
  useEffect(() => {
    if (!hasErrors) heading.current?.focus()
  }, [step, ready])

  const definition = loaded && 'definition' in loaded ? loaded.definition : undefined
  const form = loaded && 'form' in loaded ? loaded.form : undefined
  const pages = definition && form ? shownPages(definition, form, draft) : []
  const asked = questionPages(pages)
  // The answers as they stand when the citizen taps Submit, for each (re)try of one attempt.
  const answers = useRef<Record<string, unknown>>({})
  answers.current = answersToSend(pages, draft)
  const submission = useRef(
    submitOnce({
      newKey: () => crypto.randomUUID(),
      post: (key) =>
        deviceFetch<unknown>(device, '/api/wallet/applications', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ service: code, answers: answers.current }),
        }),
    }),
  )

  const back = (
    <button
      type="button"
      className="secondary back"
      onClick={() => {
        setErrors({})
        if (step === 'intro') return props.onBack()
        if (step === 'check') return setStep(asked.length > 0 ? asked.length - 1 : 'intro')
        setStep(step === 0 ? 'intro' : step - 1)
      }}
    >
      ← {t('back')}
    </button>
  )

  if (!loaded || 'failed' in loaded || !definition || !form) {
    return (
      <section>
        {back}
        <h1 ref={heading} tabIndex={-1}>
          {t('serviceLoading')}
        </h1>
        {loaded && 'failed' in loaded ? (
          <p className="error" role="alert">
            {loaded.failed}
          </p>
        ) : (
          <p aria-busy="true">…</p>
        )}
      </section>
    )
  }

  const submit = async () => {
    setSending('sending')
    try {
      const application = readApplication(await submission.current.submit())
      if (!application) return setSending({ refused: t('serviceUnavailable'), reasons: [] })
      props.onSubmitted(application.id)
    } catch (error) {
      if (isOffline(error)) return setSending('offline')
      if (!(error instanceof ApiError)) return setSending({ refused: String(error), reasons: [] })
      if (error.code === 'ERR_DEVICE_REVOKED') return props.onRevoked()
      const refusal = readRefusal(error.body)
      const byField = Object.fromEntries(refusal.fields.map((f) => [f.field, f.message]))
      const index = asked.findIndex((page) => page.questions.some((q) => q.id in byField))
      if (index >= 0) {
        // The server's errors are said at their fields, from the first page that has one.
        setErrors(byField)
        setAttempt((n) => n + 1)
        setSending('idle')
        return setStep(index)
      }
      setSending({ refused: error.message, reasons: [...refusal.reasons, ...refusal.fields.map((f) => f.message)] })
    }
  }

  if (typeof step === 'number' && asked[step]) {
    const page = asked[step]
    const problems = page.questions.flatMap((field) => {
      const message = errors[field.id]
      return message ? [{ target: questionId(field), label: field.label[language], message }] : []
    })
    return (
      <section>
        {back}
        {/* The step is part of the heading, so it is read out with it when focus moves there. */}
        <h1 ref={heading} tabIndex={-1}>
          {asked.length > 1 && <span className="step">{t('stepOf', { n: step + 1, total: asked.length })}</span>}
          {page.page.title[language]}
        </h1>
        <ErrorSummary t={t} problems={problems} attempt={attempt} />
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            const found = checkPage(page, draft)
            const next = { ...errors }
            for (const field of page.questions) delete next[field.id]
            for (const { field, problem } of found) next[field.id] = t(problem.key, problem.values)
            setErrors(next)
            if (found.length > 0) return setAttempt((n) => n + 1)
            setStep(step + 1 < asked.length ? step + 1 : 'check')
          }}
        >
          {page.known.length > 0 && <KnownFacts t={t} language={language} known={page.known} />}
          {page.questions.map((field) => (
            <ServiceQuestion
              key={field.id}
              t={t}
              language={language}
              field={field}
              value={draft[field.id]}
              error={errors[field.id]}
              onChange={(value) => setDraft((d) => ({ ...d, [field.id]: value }))}
            />
          ))}
          <button type="submit" className="primary">
            {t('continue')}
          </button>
        </form>
      </section>
    )
  }

  if (step === 'check' || typeof step === 'number') {
    return (
      <section>
        {back}
        <h1 ref={heading} tabIndex={-1}>
          {t('checkTitle')}
        </h1>
        {pages.map((shown) => {
          const index = asked.indexOf(shown)
          return (
            <section key={shown.page.id} className="check-page" aria-labelledby={`check-${shown.page.id}`}>
              <h2 id={`check-${shown.page.id}`}>{shown.page.title[language]}</h2>
              <dl className="claims">
                {shown.known.map(({ field, value }) => (
                  <div key={field.id} className="claim">
                    <dt>{field.label[language]}</dt>
                    <dd>{shownValue(field, value, t, language)}</dd>
                  </div>
                ))}
                {shown.questions.map((field) => (
                  <div key={field.id} className="claim answer">
                    <dt>{field.label[language]}</dt>
                    <dd>{shownValue(field, answers.current[field.id], t, language)}</dd>
                    <dd>
                      <button type="button" className="link" onClick={() => setStep(index)}>
                        {t('change')}
                        <span className="visually-hidden"> {field.label[language]}</span>
                      </button>
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          )
        })}
        {sending === 'offline' && (
          <p className="error" role="alert">
            {t('submitOffline')}
          </p>
        )}
        {typeof sending === 'object' && (
          <div className="error-summary" role="alert">
            <h2>{t('submitRefused')}</h2>
            <p>{sending.refused}</p>
            {sending.reasons.length > 0 && (
              <ul>
                {sending.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <button type="button" className="primary" disabled={sending === 'sending'} onClick={() => void submit()}>
          {sending === 'sending' ? t('submitting') : t('submitApplication')}
        </button>
      </section>
    )
  }

  const portal = portalOnlyReason(definition)
  const known = pages.flatMap((p) => p.known)
  const decision = definition.decision
  const money = (amount: number, currency: string) =>
    new Intl.NumberFormat(locales[language], { style: 'currency', currency }).format(amount / 100)
  return (
    <section>
      {back}
      <h1 ref={heading} tabIndex={-1}>
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
                : t('decidedPayment')}
          </dd>
        </div>
        {definition.fee && 'amount' in definition.fee && (
          <div className="claim">
            <dt>{t('serviceFee')}</dt>
            <dd>{money(definition.fee.amount, definition.fee.currency)}</dd>
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
          <p>{portal === 'fee' ? t('servicePortalFee') : t('servicePortalOther')}</p>
          <a className="choice" href={`/services/${encodeURIComponent(code)}?lang=${language}`}>
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
          <button type="button" className="primary" onClick={() => setStep(asked.length > 0 ? 0 : 'check')}>
            {t('serviceStart')}
          </button>
        </>
      )}
    </section>
  )
}
