import type { Language } from '@polis/ui'
import { useEffect, useRef, useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import { readApplication } from '../lib/citizen-applications.ts'
import { answersToSend, checkPage, type Draft, questionPages, shownPages } from '../lib/fill-service-form.ts'
import { readRefusal, submitOnce } from '../lib/submit-once.ts'
import { type DeviceRecord, deleteDraft, type ServiceDraft, saveDraft, writeCache } from '../lib/wallet-store.ts'
import type { Translate } from '../messages.ts'
import { ErrorSummary } from './error-summary.tsx'
import { FileQuestion } from './file-question.tsx'
import { ItemQuestion } from './item-question.tsx'
import { CheckAnswers } from './service-check.tsx'
import { KnownFacts, ServiceIntro } from './service-intro.tsx'
import { questionId, ServiceQuestion } from './service-question.tsx'
import { isOffline } from './use-fetched.ts'
import { useServiceFiles } from './use-service-files.ts'
import { useServiceForm } from './use-service-form.ts'

type Step = 'intro' | 'check' | number
type Sending = 'idle' | 'sending' | 'offline' | { refused: string; reasons: string[] }

/** The cache key naming the service whose form is open, so that a reopened app goes back to it. */
export const openServiceKey = 'open-service'

/**
 * A service in the wallet: what it is and who decides, whether the citizen may apply
 * (and why not), what the registries already know, then one page of questions at a
 * time (an item owed to choose, a file to upload), "check your answers", and one
 * submission. The answers, the step and the submission's key are kept on the phone as
 * they change, so that a closed and reopened app carries on where it was. A question
 * the wallet cannot ask is a link to the service's page on the portal.
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
  const { t, language, device, code, onRevoked } = props
  const loaded = useServiceForm({ device, code, unavailable: t('serviceUnavailable'), onRevoked })
  const [step, setStep] = useState<Step>('intro')
  const [draft, setDraft] = useState<Draft>({})
  const [resumed, setResumed] = useState(false)
  // Set once the kept draft is back in the state, so that nothing is kept over it before.
  const [restored, setRestored] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const { files, setFiles, uploading, said, upload, remove } = useServiceFiles({
    t,
    language,
    device,
    code,
    draft,
    setDraft,
    setErrors,
    onRevoked,
  })
  const [attempt, setAttempt] = useState(0)
  const [sending, setSending] = useState<Sending>('idle')
  const heading = useRef<HTMLHeadingElement>(null)
  const ready = loaded !== undefined && 'definition' in loaded
  const definition = ready ? loaded.definition : undefined
  const form = ready ? loaded.form : undefined
  const pages = definition && form ? shownPages(definition, form, draft) : []
  const asked = questionPages(pages)
  // The answers as they stand when the citizen taps Submit, for each (re)try of one attempt.
  const answers = useRef<Record<string, unknown>>({})
  answers.current = answersToSend(pages, draft)
  const key = useRef<string | undefined>(undefined)
  const submission = useRef<ReturnType<typeof submitOnce<unknown>> | undefined>(undefined)

  /** The draft as the phone keeps it now. */
  const kept = (): ServiceDraft => ({
    code,
    answers: draft,
    step: typeof step === 'number' ? { page: asked[step]?.page.id ?? '' } : step,
    ...(key.current ? { key: key.current } : {}),
    savedAt: new Date().toISOString(),
  })
  const keptNow = useRef(kept)
  keptNow.current = kept

  // Once loaded: the draft left on the phone, at its step, with its submission's key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the service has loaded
  useEffect(() => {
    if (!ready) return
    void writeCache(openServiceKey, code)
    const saved = loaded.saved
    setFiles(loaded.files)
    key.current = saved?.key
    submission.current = submitOnce({
      ...(saved?.key ? { key: saved.key } : {}),
      newKey: () => crypto.randomUUID(),
      // The key is on the phone before the request leaves: a restart cannot lose an application on its way.
      keep: async (fresh) => {
        key.current = fresh
        await saveDraft(keptNow.current())
      },
      post: (idempotencyKey) =>
        deviceFetch<unknown>(device, '/api/wallet/applications', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify({ service: code, answers: answers.current }),
        }),
    })
    setRestored(true)
    if (!saved || !loaded.form.eligible) return
    setDraft(saved.answers)
    const resumedPages = questionPages(shownPages(loaded.definition, loaded.form, saved.answers))
    const at = saved.step
    const index = typeof at === 'object' ? resumedPages.findIndex((p) => p.page.id === at.page) : -1
    setStep(at === 'check' ? 'check' : index >= 0 ? index : 'intro')
    setResumed(saved.step !== 'intro' || Object.keys(saved.answers).length > 0)
  }, [ready])

  // Every change is kept: a half-filled form outlives the app being closed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: kept on each change of the answers or the step
  useEffect(() => {
    if (!restored) return
    if (step === 'intro' && Object.keys(draft).length === 0 && !key.current) return
    void saveDraft(kept())
  }, [draft, step, restored])

  // Focus goes to the heading of each step (the error summary takes it when there are problems).
  const hasErrors = Object.keys(errors).length > 0
  // biome-ignore lint/correctness/useExhaustiveDependencies: moves on a new step or once loaded, not on each error
  useEffect(() => {
    if (!hasErrors) heading.current?.focus()
  }, [step, loaded])

  const leave = () => {
    void writeCache(openServiceKey, null)
    props.onBack()
  }
  const back = (
    <button
      type="button"
      className="secondary back"
      onClick={() => {
        setErrors({})
        if (step === 'intro') return leave()
        if (step === 'check') return setStep(asked.length > 0 ? asked.length - 1 : 'intro')
        setStep(step === 0 ? 'intro' : step - 1)
      }}
    >
      ← {t('back')}
    </button>
  )

  if (!ready || !definition || !form) {
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
      const application = readApplication(await submission.current?.submit())
      if (!application) return setSending({ refused: t('serviceUnavailable'), reasons: [] })
      await deleteDraft(code)
      await writeCache(openServiceKey, null)
      props.onSubmitted(application.id)
    } catch (error) {
      if (isOffline(error)) return setSending('offline')
      if (!(error instanceof ApiError)) return setSending({ refused: String(error), reasons: [] })
      if (error.code === 'ERR_DEVICE_REVOKED') return onRevoked()
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

  const resumedNote = resumed && (
    <p className="notice" role="status">
      {t('draftResumed')}
    </p>
  )

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
        {resumedNote}
        <ErrorSummary t={t} problems={problems} attempt={attempt} />
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            if (uploading) return
            const found = checkPage(page, draft)
            const next = { ...errors }
            for (const field of page.questions) delete next[field.id]
            for (const { field, problem } of found) next[field.id] = t(problem.key, problem.values)
            setErrors(next)
            setResumed(false)
            if (found.length > 0) return setAttempt((n) => n + 1)
            setStep(step + 1 < asked.length ? step + 1 : 'check')
          }}
        >
          {page.known.length > 0 && <KnownFacts t={t} language={language} known={page.known} />}
          {page.questions.map((field) => {
            const value = draft[field.id]
            if (field.type === 'item') {
              return (
                <ItemQuestion
                  key={field.id}
                  t={t}
                  language={language}
                  field={field}
                  items={loaded.items[field.id] ?? []}
                  value={typeof value === 'string' ? value : undefined}
                  error={errors[field.id]}
                  onChange={(id) => setDraft((d) => ({ ...d, [field.id]: id }))}
                />
              )
            }
            if (field.type === 'file') {
              return (
                <FileQuestion
                  key={field.id}
                  t={t}
                  language={language}
                  field={field}
                  file={typeof value === 'string' ? files[value] : undefined}
                  error={errors[field.id]}
                  uploading={uploading === field.id}
                  onFile={(file) => void upload(field, file)}
                  onRemove={() => void remove(field)}
                />
              )
            }
            return (
              <ServiceQuestion
                key={field.id}
                t={t}
                language={language}
                field={field}
                value={value}
                error={errors[field.id]}
                onChange={(answer) => setDraft((d) => ({ ...d, [field.id]: answer }))}
              />
            )
          })}
          <p className="visually-hidden" role="status">
            {said}
          </p>
          <button type="submit" className="primary" disabled={uploading !== undefined}>
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
        {resumedNote}
        <CheckAnswers
          t={t}
          language={language}
          pages={pages}
          asked={asked}
          answers={answers.current}
          files={files}
          onChange={(index) => {
            setResumed(false)
            setStep(index)
          }}
        />
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

  return (
    <ServiceIntro
      t={t}
      language={language}
      definition={definition}
      form={form}
      known={pages.flatMap((p) => p.known)}
      back={back}
      heading={heading}
      onStart={() => setStep(asked.length > 0 ? 0 : 'check')}
    />
  )
}
