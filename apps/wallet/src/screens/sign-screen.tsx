import type { Language } from '@polis/ui'
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, deviceFetch } from '../lib/api.ts'
import { fromBase64url, toBase64url } from '../lib/base64url.ts'
import { carriesDigest } from '../lib/check-to-be-signed.ts'
import { fingerprintOf, sizeOf } from '../lib/describe-document.ts'
import { obtainSigningCertificate } from '../lib/obtain-signing-certificate.ts'
import { readSigningRequest, type SignatureFormat, type SigningRequest } from '../lib/read-signing-request.ts'
import { tryPin } from '../lib/try-pin.ts'
import { type DeviceRecord, findSigningKey } from '../lib/wallet-store.ts'
import type { Key, Translate } from '../messages.ts'
import { PinField } from './pin-field.tsx'

/** Why the request cannot be signed now; `message` is the platform's own words. */
type Problem =
  | 'not-found'
  | 'not-pending'
  | 'no-certificate'
  | 'key-changed'
  | 'certificate-failed'
  | 'offline'
  | 'mismatch'
  | 'unreadable'
  | { message: string }

const problemKeys: Record<Exclude<Problem, { message: string }>, Key> = {
  'not-found': 'signNotFound',
  'not-pending': 'signNotPending',
  'no-certificate': 'signNoCertificate',
  'key-changed': 'signKeyChanged',
  'certificate-failed': 'signCertificateFailed',
  offline: 'signOffline',
  mismatch: 'signMismatch',
  unreadable: 'signUnreadable',
}

const formatKeys: Record<SignatureFormat, Key> = {
  PAdES: 'formatPAdES',
  CAdES: 'formatCAdES',
  JAdES: 'formatJAdES',
}

/** The platform's answer as a problem to explain; a request that never arrived is taken as no connection. */
function problemOf(failure: unknown): Problem {
  if (!(failure instanceof ApiError)) return 'offline'
  switch (failure.code) {
    case 'ERR_NOT_FOUND':
      return 'not-found'
    case 'ERR_SIGNING_NOT_PENDING':
      return 'not-pending'
    case 'ERR_NO_SIGNING_CERTIFICATE':
      return 'no-certificate'
    case 'ERR_SIGNER_SIGNATURE_INVALID':
      return 'key-changed'
    default:
      return { message: failure.message }
  }
}

/**
 * Signing a document with the phone (docs/signatures.md): who asks and why, the file and
 * its fingerprint, and the control code to compare with the other screen. The wallet
 * signs only what commits to that document, and only after the PIN.
 */
export function SignScreen(props: {
  t: Translate
  language: Language
  device: DeviceRecord
  requestId: string
  onDone: () => void
  onSignatures: () => void
  onLockedOut: () => void
}) {
  const { t, language, device, requestId } = props
  const [request, setRequest] = useState<SigningRequest>()
  const [problem, setProblem] = useState<Problem>()
  const [pin, setPin] = useState('')
  const [pinError, setPinError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<'signed' | 'declined'>()
  const heading = useRef<HTMLHeadingElement>(null)
  const path = `/api/wallet/signing-requests/${encodeURIComponent(requestId)}`

  const load = useCallback(async () => {
    setProblem(undefined)
    setRequest(undefined)
    try {
      const read = readSigningRequest(await deviceFetch<unknown>(device, path))
      if (!read) return setProblem('unreadable')
      if (read.state !== 'waiting') return setProblem('not-pending')
      setRequest(read)
      if (!carriesDigest(read)) setProblem('mismatch')
    } catch (failure) {
      setProblem(problemOf(failure))
    }
  }, [device, path])
  useEffect(() => {
    void load()
  }, [load])

  // The outcome replaces the form: focus goes to its heading, so that it is read out.
  useEffect(() => {
    if (outcome) heading.current?.focus()
  }, [outcome])

  const certify = async () => {
    setBusy(true)
    try {
      await obtainSigningCertificate(device, { renew: true })
      await load()
    } catch (failure) {
      setProblem(failure instanceof ApiError ? 'certificate-failed' : 'offline')
    } finally {
      setBusy(false)
    }
  }

  const sign = async (event: FormEvent) => {
    event.preventDefault()
    if (!request || problem) return
    setBusy(true)
    try {
      const tried = await tryPin(device, pin)
      if (tried.outcome === 'locked-out') return props.onLockedOut()
      if (tried.outcome === 'wrong') {
        setPin('')
        return setPinError(t('wrongPin', { left: tried.left }))
      }
      setPinError(undefined)
      const key = await findSigningKey()
      if (!key?.certificate) return setProblem('no-certificate')
      // ECDSA P-256 over SHA-256: WebCrypto answers r‖s, the form the platform takes.
      const signature = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        key.keys.privateKey,
        fromBase64url(request.toBeSigned),
      )
      await deviceFetch(device, `${path}/signature`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ signature: toBase64url(new Uint8Array(signature)) }),
      })
      setOutcome('signed')
    } catch (failure) {
      setProblem(problemOf(failure))
    } finally {
      setBusy(false)
    }
  }

  const decline = async () => {
    setBusy(true)
    try {
      await deviceFetch(device, `${path}/decline`, { method: 'POST' })
      setOutcome('declined')
    } catch (failure) {
      setProblem(problemOf(failure))
    } finally {
      setBusy(false)
    }
  }

  if (outcome) {
    return (
      <section aria-live="polite">
        <h1 ref={heading} tabIndex={-1}>
          {outcome === 'signed' ? t('signDone') : t('signDeclined')}
        </h1>
        <p>{outcome === 'signed' ? t('signDoneText') : t('signDeclinedText')}</p>
        <button type="button" className="primary" onClick={props.onDone}>
          {t('toDocuments')}
        </button>
        {outcome === 'signed' && (
          <button type="button" className="secondary" onClick={props.onSignatures}>
            {t('signaturesTitle')}
          </button>
        )}
      </section>
    )
  }

  // A request the citizen may still answer: only declining is left when it cannot be signed.
  const answerable = request !== undefined && (problem === undefined || problem === 'mismatch')
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('signTitle')}
      </h1>
      {!request && !problem && <p aria-busy="true">{t('signLoading')}</p>}
      {problem && (
        <p id="sign-problem" className="error" role="alert">
          {typeof problem === 'string' ? t(problemKeys[problem]) : problem.message}
        </p>
      )}
      {(problem === 'no-certificate' || problem === 'key-changed') && (
        <button type="button" className="primary" disabled={busy} onClick={() => void certify()}>
          {t('signGetCertificate')}
        </button>
      )}
      {problem === 'offline' && (
        <button type="button" className="primary" disabled={busy} onClick={() => void load()}>
          {t('tryAgain')}
        </button>
      )}
      {request && problem === undefined && (
        <>
          <div className="code-box">
            <p className="muted">{t('controlCodeLabel')}</p>
            <p className="code" data-control-code={request.controlCode}>
              {request.controlCode}
            </p>
            <p>{t('signCodeHint')}</p>
          </div>
          <dl className="claims">
            <div className="claim">
              <dt>{t('signRequester')}</dt>
              <dd>
                {request.requester.name}
                <span className="kind">
                  {t(request.requester.kind === 'portal' ? 'signKindPortal' : 'signKindBusiness')}
                </span>
              </dd>
            </div>
            {request.purpose && (
              <div className="claim">
                <dt>{t('signPurpose')}</dt>
                <dd>{request.purpose}</dd>
              </div>
            )}
            <div className="claim">
              <dt>{t('signDocument')}</dt>
              <dd data-document-name={request.document.name}>{request.document.name}</dd>
            </div>
            <div className="claim">
              <dt>{t('signMediaType')}</dt>
              <dd>{request.document.mediaType}</dd>
            </div>
            <div className="claim">
              <dt>{t('signSize')}</dt>
              <dd>{sizeOf(request.document.size, language)}</dd>
            </div>
            <div className="claim">
              <dt>{t('signFingerprint')}</dt>
              <dd className="fingerprint">{fingerprintOf(request.document.sha256)}</dd>
            </div>
            <div className="claim">
              <dt>{t('signFormat')}</dt>
              <dd>{t(formatKeys[request.format])}</dd>
            </div>
          </dl>
          <form onSubmit={sign} noValidate>
            <PinField
              label={t('unlockTitle')}
              value={pin}
              onChange={setPin}
              autoComplete="current-password"
              errorId={pinError ? 'sign-pin-error' : undefined}
            />
            {pinError && (
              <p id="sign-pin-error" className="error" role="alert">
                {pinError}
              </p>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {t('signConfirm')}
            </button>
          </form>
        </>
      )}
      {answerable && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void decline()}>
          {t('loginDecline')}
        </button>
      )}
      {(problem || !request) && (
        <button type="button" className="secondary" onClick={props.onDone}>
          {t('toDocuments')}
        </button>
      )}
    </section>
  )
}
