import type { DocumentType } from '@polis/documents/catalogue'
import { messageOf } from '@polis/kernel/errors'
import type { Language } from '@polis/ui'
import { locales } from '@polis/ui'
import { Component, type ReactNode, useEffect, useRef } from 'react'
import { countryName } from '../lib/country-name.ts'
import { describeClaims } from '../lib/describe-claims.ts'
import type { Verdict } from '../lib/verdict.ts'
import type { Translate } from '../messages.ts'
import { CheckIcon, CrossIcon } from './icons.tsx'
import { Portrait } from './portrait.tsx'

/**
 * What a refusal says: the platform's own wording of an online refusal, else the code's
 * message, followed for another country's document by that country and the issuer.
 */
export function reasonOf(verdict: Extract<Verdict, { valid: false }>, t: Translate, language: Language): string {
  if (verdict.offline) return t('codeOffline')
  const reason = verdict.message ?? messageOf(verdict.code, language)
  if (!verdict.about) return reason
  const country = countryName(verdict.about.country, language)
  const issuer = verdict.about.issuer?.name[language]
  return `${reason} ${issuer ? `${country}: ${issuer}.` : `${country}.`}`
}

/** A document type's name in the inspector's language, from the catalogue. */
export function documentName(
  catalogue: DocumentType[],
  code: string | undefined,
  t: Translate,
  language: Language,
): string {
  return catalogue.find((type) => type.code === code)?.name[language] ?? t('unknownDocument')
}

/**
 * The verdict, large: green with a tick and the document disclosed, or red with a cross
 * and the reason. Words and icon say it as well as the colour.
 */
export function VerdictScreen(props: {
  t: Translate
  language: Language
  verdict: Verdict
  catalogue: DocumentType[]
  onNext: () => void
}) {
  const { t, language, verdict } = props
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const time = new Intl.DateTimeFormat(locales[language], { timeStyle: 'medium' }).format(verdict.checkedAt)
  const next = (
    <button type="button" className="primary large" onClick={props.onNext}>
      {t('scanNext')}
    </button>
  )
  if (!verdict.valid) {
    return (
      <section className="verdict refused" aria-labelledby="verdict-title">
        <div className="verdict-banner">
          <CrossIcon size={64} />
          <h1 id="verdict-title" ref={heading} tabIndex={-1}>
            {t('invalid')}
          </h1>
        </div>
        <p className="reason">{reasonOf(verdict, t, language)}</p>
        <p className="muted">
          <code>{verdict.code}</code> · {t('checkedAt', { time })}
        </p>
        {next}
      </section>
    )
  }
  const type = props.catalogue.find((candidate) => candidate.code === verdict.documentType)
  const lines = describeClaims(verdict.claims, { type, language, yes: t('yes'), no: t('no') })
  const dateFormat = new Intl.DateTimeFormat(locales[language], { dateStyle: 'long' })
  return (
    <section className="verdict accepted" aria-labelledby="verdict-title" data-took-ms={verdict.tookMs}>
      <div className="verdict-banner">
        <CheckIcon size={64} />
        <h1 id="verdict-title" ref={heading} tabIndex={-1}>
          {t('valid')}
        </h1>
      </div>
      <div
        className="document-head"
        style={type ? { background: type.display.background, color: type.display.text } : undefined}
      >
        <div>
          <h2>{type?.name[language] ?? `${t('unknownDocument')} (${verdict.documentType})`}</h2>
          <p>{t('issuedBy', { issuer: verdict.issuer.name[language] })}</p>
          {verdict.country ? <p>{t('issuedIn', { country: countryName(verdict.country, language) })}</p> : null}
          <p>{t('validUntil', { date: dateFormat.format(verdict.validUntil) })}</p>
        </div>
        <Portrait value={verdict.claims.portrait} alt={t('portrait')} />
      </div>
      <dl className="claims">
        {lines.map((line) => (
          <div key={line.name} className="claim">
            <dt>{line.label}</dt>
            <dd>{line.value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('checkedAt', { time })}</p>
      {next}
    </section>
  )
}

/**
 * Shows a refusal if drawing the verdict fails: whatever goes wrong, the screen never
 * stays green, nor blank.
 */
export class VerdictBoundary extends Component<
  { children: ReactNode; fallback: (error: unknown) => ReactNode },
  { error: unknown }
> {
  override state: { error: unknown } = { error: undefined }
  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('render failed') }
  }
  override render() {
    return this.state.error === undefined ? this.props.children : this.props.fallback(this.state.error)
  }
}
