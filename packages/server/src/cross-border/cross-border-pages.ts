import type { OpenAPIHono } from '@hono/zod-openapi'
import { findDocumentType } from '@polis/documents'
import { type Language, messageOf, PolisError } from '@polis/kernel'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import QRCode from 'qrcode'
import { pageLocales } from '../http/page-language.ts'
import { rateLimit } from '../http/rate-limit.ts'
import type { Platform } from '../platform/create-platform.ts'
import type { Verifier } from '../verification/create-verifier.ts'
import { PostedResponse } from '../verifier-api/verifier-requests.ts'
import {
  assertCrossBorderOffered,
  type CrossBorderApplication,
  checkAddress,
  crossBorderRequestObject,
  getCrossBorderApplication,
  giveCrossBorderAddress,
  offerResidencePermit,
  openPresentationRequest,
  receiveCrossBorderResponse,
  startCrossBorderApplication,
  type VerifiedForeignDocument,
} from './cross-border-applications.ts'
import { type CrossBorderText, crossBorderTexts } from './cross-border-texts.ts'
import { addressQuestions, temporaryResidence } from './temporary-residence.ts'

export interface CrossBorderPagesOptions {
  platform: Platform
  verifier: Verifier
  languageOf: (c: Context) => Language
  page: (c: Context, title: string, body: string, status?: 200 | 400 | 404 | 409 | 422) => Response | Promise<Response>
  sameOrigin: (c: Context) => void
  log: (line: Record<string, unknown>) => void
}

const base = `/cross-border/${temporaryResidence.code}`

/** A text in a language, with its `{name}` values filled in and escaped for HTML. */
export function crossBorderText(language: Language, key: CrossBorderText, values: Record<string, string> = {}): string {
  return escapeHtml(crossBorderTexts[language][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ''))
}

/** A country's name in the reader's language (the browser's and Node's names of regions). */
export function countryName(language: Language, code: string): string {
  return new Intl.DisplayNames([pageLocales[language]], { type: 'region' }).of(code) ?? code
}

/** The issuer's name from its certificate's subject (`CN=`), else the whole subject. */
export function issuerName(subject: string): string {
  return /(?:^|[,\n]\s*)CN=([^,\n]+)/.exec(subject)?.[1] ?? subject
}

const dateTime = (language: Language, iso: string) =>
  new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(iso),
  )
const date = (language: Language, iso: string) =>
  new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  )

/** A verified foreign document as a list of facts: its type, country and issuer, then its claims. */
export function foreignDocumentHtml(
  language: Language,
  document: VerifiedForeignDocument,
  options: { level: 2 | 3 } = { level: 2 },
): string {
  const t = (key: CrossBorderText, values?: Record<string, string>) => crossBorderText(language, key, values)
  const type = findDocumentType(document.type)
  const claims = document.claims
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined)
  const country = countryName(language, document.country.code)
  const rows: Array<[string, string | undefined]> = [
    [t('claim.name'), [text('given_name'), text('family_name')].filter(Boolean).join(' ') || undefined],
    // As the register here will write it.
    [
      t('claim.nameLatin'),
      [text('given_name_latin'), text('family_name_latin')].filter(Boolean).join(' ') || undefined,
    ],
    [t('claim.birth_date'), text('birth_date') ? date(language, text('birth_date') as string) : undefined],
    [
      t('claim.nationalities'),
      Array.isArray(claims.nationalities)
        ? claims.nationalities.map((code) => countryName(language, String(code))).join(', ')
        : undefined,
    ],
    [t('claim.personal_administrative_number', { country }), text('personal_administrative_number')],
    [t('claim.previous_address'), text('previous_address')],
    [t('claim.current_address'), text('current_address')],
    [
      t('claim.registration_date'),
      text('registration_date') ? date(language, text('registration_date') as string) : undefined,
    ],
    [t('claim.document_number'), text('document_number')],
  ]
  const facts = rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    // The labels are escaped already (crossBorderText); the values here.
    .map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('')
  return `<section class="foreign-document" aria-label="${escapeHtml(type?.name[language] ?? document.type)}">
<h${options.level}>${escapeHtml(type?.name[language] ?? document.type)}</h${options.level}>
<p><span class="tag">${t('issuedIn', { country })}</span> ${t('issuer', { issuer: document.issuerNames?.[language] ?? issuerName(document.issuer) })}</p>
<dl class="summary">${facts}</dl>
</section>`
}

/**
 * The cross-border service's pages for the applicant, who has no sign-in here: the start,
 * then one page per application (its unguessable address is their handle on it) saying
 * what it waits for; and the wallet's two endpoints of each presentation request, open to
 * wallets of any origin.
 */
export function registerCrossBorderPages(app: OpenAPIHono, options: CrossBorderPagesOptions): void {
  const { platform, languageOf, page, sameOrigin } = options

  // Another country's wallet fetches the request and posts its answer from its own origin
  // (CORS: crossOriginWalletPaths).
  app.get('/cross-border/requests/:id/request-object', async (c) => {
    const requestObject = await crossBorderRequestObject(platform, c.req.param('id'))
    return c.body(requestObject, 200, {
      'content-type': 'application/oauth-authz-req+jwt',
      'cache-control': 'no-store',
    })
  })

  app.post('/cross-border/requests/:id/response', async (c) => {
    const form = await c.req.parseBody()
    const parsed = PostedResponse.safeParse(
      Object.fromEntries(Object.entries(form).filter(([, value]) => typeof value === 'string')),
    )
    // A wallet's answer that is not one (a field too long, say) is the caller's error, not the server's.
    if (!parsed.success) {
      throw new PolisError('ERR_MALFORMED', { detail: `response: ${parsed.error.issues[0]?.path.join('.')}` })
    }
    const posted = parsed.data
    await receiveCrossBorderResponse(platform, { requestId: c.req.param('id'), posted, verifier: options.verifier })
    return c.json({}, 200, { 'cache-control': 'no-store' })
  })

  // Each start opens a presentation request: ten in ten minutes from one address.
  app.post(
    base,
    rateLimit({
      store: platform.store,
      now: platform.now,
      name: 'cross-border-start',
      limit: 10,
      windowSeconds: 600,
      log: options.log,
    }),
  )

  app.get(base, async (c) => {
    await assertCrossBorderOffered(platform)
    const language = languageOf(c)
    const t = (key: CrossBorderText) => crossBorderText(language, key)
    const body = `<h1>${escapeHtml(temporaryResidence.name[language])}</h1>
<p class="lead">${t('lead')}</p>
<h2>${t('need')}</h2>
<ul><li>${t('needCard')}</li><li>${t('needIdp')}</li><li>${t('needAddress')}</li></ul>
<h2>${t('get')}</h2>
<p>${t('getPermit')}</p>
<form method="post" action="${base}"><button class="primary" type="submit">${t('start')}</button></form>`
    return page(c, temporaryResidence.name[language], body)
  })

  app.post(base, async (c) => {
    sameOrigin(c)
    const { id } = await startCrossBorderApplication(platform)
    return c.redirect(`${base}/applications/${id}`, 303)
  })

  const applicationPage = async (
    c: Context,
    application: CrossBorderApplication,
    problems: Record<string, 'required' | 'invalid'> = {},
    answers: Record<string, string> = {},
  ) => {
    const language = languageOf(c)
    const t = (key: CrossBorderText, values?: Record<string, string>) => crossBorderText(language, key, values)
    const here = `${base}/applications/${application.id}`
    // Under the page's own heading: the documents' as second level, or under a second-level heading of their own.
    const documentsHtml = (level: 2 | 3) =>
      application.documents
        ? `${foreignDocumentHtml(language, application.documents.identity, { level })}${foreignDocumentHtml(language, application.documents.displacement, { level })}`
        : ''
    const heading = (key: CrossBorderText) => `<h1>${t(key)}</h1>`
    let body: string
    let status: 200 | 400 = 200
    if (application.status === 'awaiting-documents' || application.status === 'documents-refused') {
      const refusal = application.refusal
      // As the verifier says it: the reason, then the country and the issuer at fault.
      const named = refusal?.country
        ? ` ${countryName(language, refusal.country)}${refusal.issuer ? `: ${refusal.issuer[language]}` : ''}.`
        : ''
      const refused = refusal
        ? `<div class="error-summary" role="alert" tabindex="-1"><h2>${t('errorSummary')}</h2><p>${escapeHtml(`${messageOf(refusal.code, language)}${named}`)}</p><p class="hint">${t('refusedCode', { code: refusal.code })}</p></div>`
        : ''
      const request = application.request
      const asked = Object.values(temporaryResidence.documents)
        .map((d) => `<li>${escapeHtml(findDocumentType(d.type)?.name[language] ?? d.type)}</li>`)
        .join('')
      if (request) {
        const qr = await QRCode.toString([{ data: Buffer.from(request.link), mode: 'byte' }], {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        })
        body = `${heading('shareTitle')}
${refused}
<p>${t('shareLead')}</p>
<p>${t('shareAsks')}</p><ul>${asked}</ul>
<img class="qr" width="240" height="240" alt="${t('qrAlt')}" src="data:image/svg+xml;base64,${Buffer.from(qr).toString('base64')}">
<p><a class="start" href="${escapeHtml(request.link)}">${t('shareLink')}</a></p>
<p class="hint">${t('expires', { time: dateTime(language, request.expiresAt) })}</p>
<p><a href="${here}">${t('shared')}</a></p>`
      } else {
        body = `${heading(application.refusal ? 'refusedTitle' : 'shareTitle')}
${refused || `<p>${t('expired')}</p>`}
<form method="post" action="${here}/again"><button class="primary" type="submit">${t(application.refusal ? 'tryAgain' : 'newRequest')}</button></form>`
      }
    } else if (application.status === 'awaiting-address') {
      const wrong = Object.keys(problems)
      status = wrong.length > 0 ? 400 : 200
      const summary =
        wrong.length > 0
          ? `<div class="error-summary" role="alert" tabindex="-1"><h2>${t('errorSummary')}</h2><ul>${wrong
              .map((id) => {
                const question = addressQuestions.find((q) => q.id === id)
                return `<li><a href="#${id}">${escapeHtml(question?.label[language] ?? id)}: ${t(problems[id] ?? 'invalid')}</a></li>`
              })
              .join('')}</ul></div>`
          : ''
      const fields = addressQuestions
        .map((question) => {
          const problem = problems[question.id]
          return `<div class="field${problem ? ' has-error' : ''}">
<label for="${question.id}">${escapeHtml(question.label[language])}</label>
${problem ? `<p class="field-error" id="${question.id}-error">${t(problem)}</p>` : ''}
<input id="${question.id}" name="${question.id}" type="text" maxlength="${question.maxLength}" autocomplete="${question.autocomplete}" value="${escapeHtml(answers[question.id] ?? '')}"${question.required ? ' required' : ''}${problem ? ` aria-invalid="true" aria-describedby="${question.id}-error"` : ''}>
</div>`
        })
        .join('')
      body = `${summary}<h1>${t('verifiedTitle')}</h1>${documentsHtml(2)}
<h2 id="address-title">${t('addressTitle')}</h2>
<p class="hint">${t('addressHint')}</p>
<form method="post" action="${here}/address" novalidate aria-labelledby="address-title">${fields}
<button class="primary" type="submit">${t('continue')}</button></form>`
    } else if (application.status === 'in-review') {
      body = `${heading('reviewTitle')}<p>${t('reviewLead')}</p><h2>${t('verifiedTitle')}</h2>${documentsHtml(3)}`
    } else if (application.decision?.type === 'approved') {
      const { personalNumber, permitNumber } = application.decision.data
      body = `${heading('approvedTitle')}
<dl class="summary"><dt>${t('personalCode')}</dt><dd>${escapeHtml(personalNumber)}</dd><dt>${t('permitNumber')}</dt><dd>${escapeHtml(permitNumber)}</dd></dl>
<form method="post" action="${here}/offer"><button class="primary" type="submit">${t('addToWallet')}</button></form>`
    } else {
      const reason = application.decision?.type === 'rejected' ? application.decision.data.reason : ''
      body = `${heading('rejectedTitle')}<dl class="summary"><dt>${t('reason')}</dt><dd>${escapeHtml(reason)}</dd></dl>`
    }
    return page(c, temporaryResidence.name[language], body, status)
  }

  app.get(`${base}/applications/:id`, async (c) => {
    c.header('referrer-policy', 'no-referrer')
    return applicationPage(c, await getCrossBorderApplication(platform, c.req.param('id')))
  })

  app.post(`${base}/applications/:id/again`, async (c) => {
    sameOrigin(c)
    const id = c.req.param('id')
    await openPresentationRequest(platform, id)
    return c.redirect(`${base}/applications/${id}`, 303)
  })

  app.post(`${base}/applications/:id/address`, async (c) => {
    sameOrigin(c)
    const id = c.req.param('id')
    const application = await getCrossBorderApplication(platform, id)
    const form = await c.req.parseBody()
    const { address, problems } = checkAddress(form)
    if (Object.keys(problems).length > 0) {
      const answers = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string')) as Record<
        string,
        string
      >
      return applicationPage(c, application, problems, answers)
    }
    await giveCrossBorderAddress(platform, { id, address })
    return c.redirect(`${base}/applications/${id}`, 303)
  })

  app.post(`${base}/applications/:id/offer`, async (c) => {
    sameOrigin(c)
    c.header('referrer-policy', 'no-referrer')
    const language = languageOf(c)
    const t = (key: CrossBorderText, values?: Record<string, string>) => crossBorderText(language, key, values)
    const id = c.req.param('id')
    const offer = await offerResidencePermit(platform, id)
    const qr = await QRCode.toString([{ data: Buffer.from(offer.uri), mode: 'byte' }], {
      type: 'svg',
      errorCorrectionLevel: 'L',
      margin: 2,
    })
    const body = `<h1>${t('offerTitle')}</h1>
<p>${t('offerLead')}</p>
<img class="qr" width="240" height="240" alt="${t('offerQrAlt')}" src="data:image/svg+xml;base64,${Buffer.from(qr).toString('base64')}">
<p><a class="start" href="${escapeHtml(offer.uri)}">${t('offerLink')}</a></p>
<dl class="summary"><dt>${t('txCode')}</dt><dd class="tx-code">${escapeHtml(offer.txCode ?? '')}</dd></dl>
<p class="hint">${t('offerExpires', { time: dateTime(language, offer.expiresAt.toISOString()) })}</p>
<p><a href="${base}/applications/${id}">${t('back')}</a></p>`
    return page(c, t('offerTitle'), body)
  })
}
