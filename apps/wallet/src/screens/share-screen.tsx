import { type ErrorCode, errorCodes, messageOf } from '@polis/kernel/errors'
import { type Language, translator } from '@polis/ui'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { claimLabel, displayOf, type IssuerMetadata } from '../lib/issuer-metadata.ts'
import { purposeIn, type ShareQuery, type ShareRequest } from '../lib/read-share-request.ts'
import { type ShareChoice, sendShareAnswer } from '../lib/send-share-answer.ts'
import { tryPin } from '../lib/try-pin.ts'
import type { DeviceRecord, StoredCredential } from '../lib/wallet-store.ts'
import { type ShareTranslate, shareMessages } from '../share-messages.ts'
import { PinField } from './pin-field.tsx'

/** A failure as the citizen reads it: the registry's words in their language, and the code. */
export function describeFailure(failure: unknown, language: Language): { code: string; message: string } {
  const code = (failure as { code?: unknown } | undefined)?.code
  if (typeof code === 'string' && code in errorCodes) return { code, message: messageOf(code as ErrorCode, language) }
  return { code: 'ERR_INTERNAL', message: messageOf('ERR_INTERNAL', language) }
}

type Choice = ShareChoice

/** Transaction data members that say how it is bound, not what the citizen agrees to. */
const transactionMeta = new Set(['type', 'credential_ids', 'transaction_data_hashes_alg'])

/**
 * A business's request for documents (OpenID4VP, docs/sharing.md): who asks, checked
 * against the platform's access certificate, why (its registered purpose), and what, from
 * which of the citizen's documents; the citizen picks the document and, where the request
 * allows, fewer claims, and consents with the PIN, or declines.
 */
export function ShareScreen(props: {
  language: Language
  device: DeviceRecord
  credentials: StoredCredential[]
  metadata: IssuerMetadata | undefined
  read: Promise<ShareRequest>
  onDone: () => void
  onShares: () => void
  onLockedOut: () => void
}) {
  const { language, device } = props
  const t: ShareTranslate = translator(shareMessages, language)
  const [request, setRequest] = useState<ShareRequest>()
  const [problem, setProblem] = useState<{ code: string; message: string }>()
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [pin, setPin] = useState('')
  const [pinError, setPinError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<'sent' | 'declined'>()
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    props.read.then(
      (read) => {
        setRequest(read)
        setChoices(Object.fromEntries(read.queries.map((q) => [q.id, { option: 0, candidate: 0, included: true }])))
      },
      (failure: unknown) => setProblem(describeFailure(failure, language)),
    )
  }, [props.read, language])
  useEffect(() => {
    if (outcome) heading.current?.focus()
  }, [outcome])

  const stored = (id: string) => props.credentials.find((c) => c.id === id)
  const configurationOf = (id: string) => {
    const configurationId = stored(id)?.configurationId
    return configurationId ? props.metadata?.credential_configurations_supported[configurationId] : undefined
  }
  const documentName = (id: string) => displayOf(configurationOf(id), language).name || stored(id)?.documentType || id
  const labels = (id: string, claims: string[]) => claims.map((c) => claimLabel(configurationOf(id), c, language))
  const business = request?.request.verifier.legalName ?? ''

  const answer = async (consent: boolean) => {
    if (!request) return
    setBusy(true)
    try {
      await sendShareAnswer({ request, choices, consent, credentials: props.credentials, language })
      setOutcome(consent ? 'sent' : 'declined')
    } catch (failure) {
      setProblem(describeFailure(failure, language))
    } finally {
      setBusy(false)
    }
  }

  const consent = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const tried = await tryPin(device, pin)
    setBusy(false)
    if (tried.outcome === 'locked-out') return props.onLockedOut()
    if (tried.outcome === 'wrong') {
      setPin('')
      return setPinError(t('shareWrongPin', { left: tried.left }))
    }
    setPinError(undefined)
    await answer(true)
  }

  if (outcome) {
    return (
      <section aria-live="polite">
        <h1 ref={heading} tabIndex={-1}>
          {outcome === 'sent' ? t('shareSent') : t('shareDeclined')}
        </h1>
        <p>{outcome === 'sent' ? t('shareSentText', { business }) : t('shareDeclinedText', { business })}</p>
        <button type="button" className="primary" onClick={props.onShares}>
          {t('shareToShares')}
        </button>
        <button type="button" className="secondary" onClick={props.onDone}>
          {t('shareToDocuments')}
        </button>
      </section>
    )
  }

  const unregistered = request?.queries.flatMap((q) => q.unregistered) ?? []
  const answerable = request?.queries.every((q) => !q.required || q.options.length > 0) ?? false
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {request ? t('shareAsks', { business }) : t('shareTitle')}
      </h1>
      {!request && !problem && <p aria-busy="true">{t('shareLoading')}</p>}
      {problem && (
        <p className="error" role="alert">
          {t('shareFailed', problem)}
        </p>
      )}
      {request && (
        <>
          <dl className="claims">
            <div className="claim">
              <dt>{t('shareBusiness')}</dt>
              <dd>
                {business}
                {request.request.verifier.registerNumber && (
                  <span className="kind">
                    {t('shareRegisterNumber', { number: request.request.verifier.registerNumber })}
                  </span>
                )}
                <span className="kind">✓ {t('shareVerified')}</span>
              </dd>
            </div>
            <div className="claim">
              <dt>{t('sharePurpose')}</dt>
              <dd>{purposeIn(request.registration, language) ?? t('sharePurposeUnknown')}</dd>
            </div>
            {request.request.transactionData.map(({ encoded, entry }) => (
              <div key={encoded} className="claim">
                <dt>{t('shareTransaction')}</dt>
                <dd>
                  {entry.type}
                  {Object.entries(entry)
                    .filter(([name]) => !transactionMeta.has(name))
                    .map(([name, value]) => (
                      <span key={name} className="kind">
                        {name}: {typeof value === 'string' ? value : JSON.stringify(value)}
                      </span>
                    ))}
                </dd>
              </div>
            ))}
          </dl>
          {unregistered.length > 0 && (
            <p className="error" role="alert">
              {t('shareUnregistered', { claims: unregistered.join(', ') })} (
              {messageOf('ERR_CLAIM_NOT_REGISTERED', language)})
            </p>
          )}
          {unregistered.length === 0 &&
            request.queries.map((query) => (
              <QueryChoice
                key={query.id}
                t={t}
                query={query}
                choice={choices[query.id] ?? { option: 0, candidate: 0, included: true }}
                onChoice={(choice) => setChoices({ ...choices, [query.id]: choice })}
                documentName={documentName}
                labels={labels}
              />
            ))}
          {unregistered.length === 0 && answerable && (
            <form onSubmit={consent} noValidate>
              <PinField
                label={t('sharePin')}
                value={pin}
                onChange={setPin}
                autoComplete="current-password"
                errorId={pinError ? 'share-pin-error' : undefined}
              />
              {pinError && (
                <p id="share-pin-error" className="error" role="alert">
                  {pinError}
                </p>
              )}
              <button type="submit" className="primary" disabled={busy}>
                {t('shareConsent')}
              </button>
            </form>
          )}
          <button type="button" className="secondary" disabled={busy} onClick={() => void answer(false)}>
            {unregistered.length > 0 ? t('shareRefuse') : t('shareDecline')}
          </button>
        </>
      )}
      {problem && (
        <button type="button" className="secondary" onClick={props.onDone}>
          {t('shareToDocuments')}
        </button>
      )}
    </section>
  )
}

/** One credential query: the claims asked (or a smaller claim set), from which document. */
function QueryChoice(props: {
  t: ShareTranslate
  query: ShareQuery
  choice: Choice
  onChoice: (choice: Choice) => void
  documentName: (credentialId: string) => string
  labels: (credentialId: string, claims: string[]) => string[]
}) {
  const { t, query, choice } = props
  const option = query.options[choice.option]
  const candidate = option?.candidates[choice.candidate]
  if (!option || !candidate) {
    return (
      <p className={query.required ? 'error' : 'muted'} role={query.required ? 'alert' : undefined}>
        {t('shareNoDocument')}
      </p>
    )
  }
  const id = candidate.credential.id
  return (
    <fieldset className="share-query">
      <legend>{props.documentName(id)}</legend>
      <ul className="share-claims">
        {props.labels(id, option.claims).map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ul>
      {!query.required && (
        <label className="check">
          <input
            type="checkbox"
            checked={choice.included}
            onChange={(e) => props.onChoice({ ...choice, included: e.target.checked })}
          />{' '}
          {t('shareInclude')} ({t('shareOptional')})
        </label>
      )}
      {query.options.length > 1 && (
        <div role="radiogroup" aria-label={t('shareChooseClaims')}>
          {query.options.map((o, index) => (
            <label key={o.claims.join(',')} className="check">
              <input
                type="radio"
                name={`claims-${query.id}`}
                checked={choice.option === index}
                onChange={() => props.onChoice({ ...choice, option: index, candidate: 0 })}
              />{' '}
              {props.labels(id, o.claims).join(', ')}
            </label>
          ))}
        </div>
      )}
      {option.candidates.length > 1 && (
        <div role="radiogroup" aria-label={t('shareChooseDocument')}>
          {option.candidates.map((c, index) => (
            <label key={c.credential.id} className="check">
              <input
                type="radio"
                name={`document-${query.id}`}
                checked={choice.candidate === index}
                onChange={() => props.onChoice({ ...choice, candidate: index })}
              />{' '}
              {props.documentName(c.credential.id)}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  )
}
