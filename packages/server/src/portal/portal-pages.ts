import { randomBytes } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { type ErrorCode, errorCodes, isPolisError, type Language, messageOf, PolisError } from '@polis/kernel'
import {
  ApplicationRefused,
  askedFields,
  bundleOf,
  bundleProgress,
  categories,
  checkAnswers,
  defaultMaxBytes,
  type Field,
  type FieldError,
  fieldErrorOf,
  findApplication,
  findAttachments,
  getAttachmentContent,
  giveInformation,
  ineligibility,
  itemsDue,
  itemsOf,
  lifeEvents,
  listApplications,
  listAttachments,
  questionOfRegistryValue,
  rateApplication,
  ratingOf,
  readApplicantData,
  readPath,
  type ServiceDefinition,
  submitApplication,
  unusedAttachments,
} from '@polis/services'
import { escapeHtml, renderServerPage } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { cabinetStyles, registerBusinessCabinet } from '../business/cabinet-pages.ts'
import { cabinetTexts } from '../business/cabinet-texts.ts'
import { registerCrossBorderPages } from '../cross-border/cross-border-pages.ts'
import { languageLinks, pageLanguage, pageLocales } from '../http/page-language.ts'
import { rateLimit } from '../http/rate-limit.ts'
import { requireSameOrigin } from '../http/same-origin.ts'
import { sendAttachment } from '../http/send-attachment.ts'
import type { Payments } from '../payments/payments.ts'
import type { Platform } from '../platform/create-platform.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'
import { getCertificatePdf } from '../services/seal-certificate.ts'
import type { Verifier } from '../verification/create-verifier.ts'
import { attachmentsHtml, fileFieldHtml, fileSummary, receiveUploads } from './portal-attachments.ts'
import { bundleHtml, bundleStyles, partEventDetail, partOfHtml } from './portal-bundle.ts'
import { applicantConfirmationsHtml, inboxLinkText, registerConfirmationPages } from './portal-confirmations.ts'
import { consentStyles, consentsLinkText, registerConsentPages } from './portal-consents.ts'
import { dataTrackerStyles, registerDataTrackerPages } from './portal-data-tracker.ts'
import { registerOfferPages } from './portal-offers.ts'
import { outputsHtml } from './portal-outputs.ts'
import { eventDetail, formatMoney, itemFieldHtml, itemSummary } from './portal-payables.ts'
import { ratingHtml } from './portal-rating.ts'
import { createPortalSignIn } from './portal-sign-in.ts'
import { categoryNames, lifeEventNames, type PortalText, portalText } from './portal-texts.ts'

const sessionCookie = 'polis_portal'
const loginCookie = 'polis_portal_login'
const languages: Language[] = ['uk', 'en', 'et']

export interface PortalOptions {
  platform: Platform
  engine: ServiceEngine
  payments: Payments
  log: (line: Record<string, unknown>) => void
  /** Checks what foreign applicants share (the cross-border service). */
  verifier: Verifier
}

/**
 * The citizen's portal at `/`, server-rendered in the manner of the GOV.UK Design
 * System: browse and search the catalogue, one question page at a time with the
 * registries' answers shown not asked, errors beside their field and summed up on top,
 * "check your answers", submission once per form, applications with their history, and
 * the inbox. Signing in goes through Polis ID. Works without JavaScript.
 */
export function registerPortal(app: OpenAPIHono, options: PortalOptions): void {
  const { platform, engine } = options
  const signIn = createPortalSignIn(platform)
  const secure = platform.publicUrl.startsWith('https:')

  const languageOf = (c: Context) => pageLanguage(c, secure)

  const citizenOf = (c: Context) => signIn.citizenOf(getCookie(c, sessionCookie))

  /** A page of the portal: header with navigation and languages, the body, a strict CSP. */
  const page = async (c: Context, title: string, body: string, status: 200 | 400 | 404 | 409 | 422 = 200) => {
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const signedIn = await citizenOf(c)
    const nonce = randomBytes(16).toString('base64url')
    c.header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    )
    c.header('cache-control', 'no-store')
    // Same-origin referrers only: the browser then names this origin on the portal's own forms.
    c.header('referrer-policy', 'same-origin')
    const here = c.req.path
    const switcher = languageLinks(here, language)
    const nav = `<nav aria-label="${t('brand')}" class="portal-nav">
  <a href="/">${t('services')}</a>
  ${signedIn ? `<a href="/applications">${t('myApplications')}</a> <a href="/inbox">${t('inbox')}</a> <a href="/data-tracker">${t('dataTracker')}</a> <a href="/consents">${consentsLinkText[language]}</a> <a href="/contact">${t('contact')}</a>` : ''}
  ${
    signedIn
      ? `<form method="post" action="/logout" class="inline"><button class="link" type="submit">${t('signOut')}</button></form>`
      : `<a href="/login?return=${encodeURIComponent(here)}">${t('signIn')}</a>`
  }
  <span class="languages" aria-label="${t('otherLanguages')}">${switcher}</span>
</nav>`
    return c.html(
      renderServerPage({
        language,
        brand: portalText(language, 'brand'),
        title,
        nonce,
        body: `${nav}\n${body}\n<footer><a href="/platform">${t('platform')}</a> · <a href="/business">${escapeHtml(cabinetTexts[language].title)}</a></footer>`,
        styles: portalStyles,
      }),
      status,
    )
  }

  const requireCitizen = async (c: Context) => {
    const citizenId = await citizenOf(c)
    if (!citizenId) return { redirect: c.redirect(`/login?return=${encodeURIComponent(c.req.path)}`, 303) }
    return { citizenId }
  }

  const sameOrigin = (c: Context) => requireSameOrigin(c, platform.publicUrl)

  // A co-applicant's confirmation (a vehicle's buyer), in pages of its own.
  registerConfirmationPages(app, { platform, engine, languageOf, page, requireCitizen, sameOrigin })
  registerOfferPages(app, { platform, engine, languageOf, page, requireCitizen, sameOrigin })
  registerDataTrackerPages(app, { platform, engine, languageOf, page, requireCitizen, sameOrigin })
  registerConsentPages(app, { platform, engine, languageOf, page, requireCitizen, sameOrigin })
  registerBusinessCabinet(app, { platform, languageOf, page, requireCitizen, sameOrigin, log: options.log })
  registerCrossBorderPages(app, {
    platform,
    verifier: options.verifier,
    languageOf,
    page,
    sameOrigin,
    log: options.log,
  })

  app.get('/login', async (c) => {
    const started = await signIn.start(c.req.query('return') ?? '/')
    setCookie(c, loginCookie, started.cookie, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 600, secure })
    return c.redirect(started.url, 303)
  })

  app.get('/callback', async (c) => {
    try {
      const done = await signIn.finish(new URL(c.req.url, platform.publicUrl), getCookie(c, loginCookie))
      deleteCookie(c, loginCookie, { path: '/' })
      setCookie(c, sessionCookie, done.session, { path: '/', httpOnly: true, sameSite: 'Lax', secure })
      return c.redirect(done.returnTo, 303)
    } catch (error) {
      if (!isPolisError(error, 'ERR_FORBIDDEN')) throw error
      const language = languageOf(c)
      return page(
        c,
        portalText(language, 'signIn'),
        `<h1>${escapeHtml(messageOf('ERR_FORBIDDEN', language))}</h1><p><a href="/login">${escapeHtml(portalText(language, 'signIn'))}</a></p>`,
        400,
      )
    }
  })

  app.post('/logout', async (c) => {
    sameOrigin(c)
    const to = await signIn.end(getCookie(c, sessionCookie))
    deleteCookie(c, sessionCookie, { path: '/' })
    return c.redirect(to, 303)
  })

  app.get('/', async (c) => {
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const used = new Set(engine.catalogue.map((d) => d.category))
    const events = new Set(engine.catalogue.flatMap((d) => d.lifeEvents))
    const body = `<h1>${t('home')}</h1>
<p>${t('homeIntro')}</p>
${searchForm(language, '')}
<h2>${t('categories')}</h2>
<ul class="tiles">${categories
      .filter((category) => used.has(category))
      .map(
        (category) =>
          `<li><a href="/services?category=${category}">${escapeHtml(categoryNames[category]?.[language] ?? category)}</a></li>`,
      )
      .join('')}</ul>
<h2>${t('lifeEvents')}</h2>
<ul class="tiles">${lifeEvents
      .filter((event) => events.has(event))
      .map(
        (event) =>
          `<li><a href="/services?event=${event}">${escapeHtml(lifeEventNames[event]?.[language] ?? event)}</a></li>`,
      )
      .join('')}</ul>`
    return page(c, portalText(language, 'home'), body)
  })

  app.get('/services', async (c) => {
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const q = (c.req.query('q') ?? '').trim().toLowerCase().slice(0, 100)
    const category = c.req.query('category')
    const event = c.req.query('event')
    const found = engine.catalogue.filter(
      (d) =>
        (!category || d.category === category) &&
        (!event || (d.lifeEvents as string[]).includes(event)) &&
        (!q || languages.some((l) => `${d.name[l]} ${d.summary[l]}`.toLowerCase().includes(q))),
    )
    const heading = category
      ? (categoryNames[category]?.[language] ?? portalText(language, 'services'))
      : event
        ? (lifeEventNames[event]?.[language] ?? portalText(language, 'services'))
        : portalText(language, 'services')
    const body = `<h1>${escapeHtml(heading)}</h1>
${searchForm(language, q)}
${
  found.length === 0
    ? `<p>${t('noServices')}</p>`
    : `<ul class="services">${found
        .map(
          (d) =>
            `<li><a href="/services/${d.code}">${escapeHtml(d.name[language])}</a><p>${escapeHtml(d.summary[language])}</p></li>`,
        )
        .join('')}</ul>`
}`
    return page(c, heading, body)
  })

  app.get('/services/:code', async (c) => {
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const definition = engine.find(c.req.param('code'))
    const citizenId = await citizenOf(c)
    let reasons: string[] = []
    if (citizenId) {
      const data = await readApplicantData(engine.ports, definition, citizenId)
      reasons = ineligibility(definition, data).map((r) => r[language])
    }
    const decided =
      definition.decision.by === 'rules'
        ? portalText(language, 'decidedAuto')
        : definition.decision.by === 'official'
          ? portalText(language, 'decidedOfficial', { days: String(definition.decision.deadlineDays) })
          : definition.decision.by === 'bundle'
            ? portalText(language, 'decidedBundle')
            : portalText(language, 'decidedPayment')
    // A bundle says which services it applies for.
    const parts =
      definition.parts.length > 0
        ? `<h2>${t('includes')}</h2><ul>${definition.parts.map((p) => `<li>${escapeHtml(findName(engine, p.service, language))}</li>`).join('')}</ul>`
        : ''
    const first = definition.pages[0]?.id
    const start = first ? `/services/${definition.code}/apply/${first}` : `/services/${definition.code}/check`
    const body = `<h1>${escapeHtml(definition.name[language])}</h1>
<p class="lead">${escapeHtml(definition.summary[language])}</p>
<dl class="facts"><dt>${t('whoDecides')}</dt><dd>${escapeHtml(decided)}</dd></dl>
${parts}
${
  reasons.length > 0
    ? `<div class="warning" role="alert"><h2>${t('notEligible')}</h2><ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul></div>`
    : `<a class="button primary start" href="${citizenId ? start : `/login?return=${encodeURIComponent(start)}`}">${t(citizenId ? 'start' : 'startSignIn')}</a>`
}`
    return page(c, definition.name[language], body)
  })

  /** The draft's answers so far. */
  const draftOf = async (citizenId: string, code: string): Promise<Record<string, unknown>> => {
    const row = await platform.store.db
      .selectFrom('application_drafts')
      .select('answers')
      .where('citizen_id', '=', citizenId)
      .where('service_code', '=', code)
      .executeTakeFirst()
    return row ? (JSON.parse(row.answers) as Record<string, unknown>) : {}
  }
  const saveDraft = async (citizenId: string, code: string, answers: Record<string, unknown>) => {
    const row = { answers: JSON.stringify(answers), saved_at: platform.now().toISOString() }
    await platform.store.db
      .insertInto('application_drafts')
      .values({ citizen_id: citizenId, service_code: code, ...row })
      .onConflict((oc) => oc.columns(['citizen_id', 'service_code']).doUpdateSet(row))
      .execute()
  }

  /** The pages the citizen is asked, given the answers so far. */
  const pagesAsked = (
    definition: ServiceDefinition,
    data: Awaited<ReturnType<typeof readApplicantData>>,
    answers: Record<string, unknown>,
  ) => {
    const asked = new Set(askedFields(definition, { ...data, answers }).map((f) => f.id))
    return definition.pages.filter((p) => p.fields.some((f) => asked.has(f.id)))
  }

  const questionPage = async (c: Context, sent?: Record<string, unknown>, errors: FieldError[] = []) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const definition = engine.find(c.req.param('code') as string)
    const data = await readApplicantData(engine.ports, definition, gate.citizenId)
    if (ineligibility(definition, data).length > 0) return c.redirect(`/services/${definition.code}`, 303)
    const draft = await draftOf(gate.citizenId, definition.code)
    const pages = pagesAsked(definition, data, draft)
    const index = pages.findIndex((p) => p.id === c.req.param('page'))
    const current = pages[index]
    if (!current) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such page' })
    const context = { ...data, answers: draft }
    const fields = askedFields({ ...definition, pages: [current] }, context)
    const values = sent ?? draft
    const errorOf = (id: string) => errors.find((e) => e.field === id)?.message[language]
    const prefilled = fields.filter((f) => f.prefill && readPath(context, f.prefill) !== undefined)
    const typed = fields.filter((f) => !prefilled.includes(f))
    // The files kept so far for this page's file questions (the citizen's own only).
    const fileIds = typed.filter((f) => f.type === 'file').map((f) => values[f.id])
    const files = await findAttachments(
      platform.store,
      gate.citizenId,
      fileIds.filter((v): v is string => typeof v === 'string'),
    )
    const back =
      index > 0 ? `/services/${definition.code}/apply/${pages[index - 1]?.id}` : `/services/${definition.code}`
    const body = `<a class="back" href="${back}">${t('back')}</a>
${errors.length > 0 ? errorSummary(language, errors, labelsOf(definition, language)) : ''}
<h1>${escapeHtml(current.title[language])}</h1>
${
  prefilled.length > 0
    ? `<div class="card"><dl>${prefilled
        .map(
          (f) =>
            `<dt>${escapeHtml(f.label[language])}</dt><dd>${escapeHtml(display(readPath(context, f.prefill as string), f, language))}</dd>`,
        )
        .join('')}</dl><p class="muted">${t('fromRegistries')}</p></div>`
    : ''
}
<form method="post" novalidate${fileIds.length > 0 ? ' enctype="multipart/form-data"' : ''}>
${typed
  .map((f) =>
    f.type === 'item'
      ? itemFieldHtml(f, itemsDue(f, data), values[f.id], errorOf(f.id), language, portalText(language, 'errorPrefix'))
      : f.type === 'file'
        ? fileFieldHtml(f, files[String(values[f.id])], errorOf(f.id), language)
        : fieldHtml(f, values[f.id], errorOf(f.id), language),
  )
  .join('\n')}
<button class="primary" type="submit">${t('continue')}</button>
</form>`
    return page(
      c,
      `${errors.length > 0 ? `${portalText(language, 'errorPrefix')} ` : ''}${current.title[language]} — ${definition.name[language]}`,
      body,
      errors.length > 0 ? 422 : 200,
    )
  }

  // A question the registers refused at submission (`?problem=CODE&field=ID`): the error is shown at it.
  app.get('/services/:code/apply/:page', (c) => {
    const problem = c.req.query('problem')
    const field = c.req.query('field')
    const refused =
      problem && field && Object.hasOwn(errorCodes, problem) ? [fieldErrorOf(field, problem as ErrorCode)] : []
    return questionPage(c, undefined, refused)
  })

  /** The file questions of a page, as asked now. */
  const fileFieldsOf = (definition: ServiceDefinition, pageId: string) =>
    definition.pages.find((p) => p.id === pageId)?.fields.filter((f) => f.type === 'file') ?? []

  // Files are stored: a page with files is sent at most 60 times in ten minutes from one address.
  const limitUploads = rateLimit({
    store: platform.store,
    now: platform.now,
    name: 'portal-upload',
    limit: 60,
    windowSeconds: 600,
    log: options.log,
  })
  app.post('/services/:code/apply/:page', (c, next) =>
    fileFieldsOf(engine.find(c.req.param('code')), c.req.param('page')).length > 0 ? limitUploads(c, next) : next(),
  )

  // A page with files takes a body as large as its files may be together, and a little more; a larger one
  // is refused before it is read, said at the page's file questions.
  app.post('/services/:code/apply/:page', async (c, next) => {
    const definition = engine.find(c.req.param('code'))
    const files = fileFieldsOf(definition, c.req.param('page'))
    if (files.length === 0) return next()
    const maxSize = files.reduce((sum, f) => sum + (f.maxBytes ?? defaultMaxBytes), 0) + 256 * 1024
    return bodyLimit({
      maxSize,
      onError: (c) => {
        sameOrigin(c)
        return questionPage(
          c,
          undefined,
          files.map((f) => fieldErrorOf(f.id, 'ERR_ATTACHMENT_TOO_LARGE')),
        ) as Promise<Response>
      },
    })(c, next)
  })

  app.post('/services/:code/apply/:page', async (c) => {
    sameOrigin(c)
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const definition = engine.find(c.req.param('code'))
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const data = await readApplicantData(engine.ports, definition, gate.citizenId)
    const draft = await draftOf(gate.citizenId, definition.code)
    const pageId = c.req.param('page')
    // New files are checked by their bytes and kept; a page sent without one keeps the draft's.
    const uploads = await receiveUploads(platform.store, {
      definition,
      fields: askedFields(
        { ...definition, pages: definition.pages.filter((p) => p.id === pageId) },
        {
          ...data,
          answers: draft,
        },
      ),
      form,
      draft,
      citizenId: gate.citizenId,
      now: platform.now,
    })
    const sent = { ...form, ...uploads.answers }
    const attachments = await unusedAttachments(platform.store, definition, gate.citizenId)
    const checked = checkAnswers(definition, sent, data, { pages: [pageId], earlier: draft, attachments })
    const refused = new Set(uploads.errors.map((e) => e.field))
    const errors = [...uploads.errors, ...checked.errors.filter((e) => !refused.has(e.field))]
    if (errors.length > 0) {
      // A file taken while another answer needs correcting is kept in the draft, so it is not asked again.
      if (Object.keys(uploads.stored).length > 0) {
        await saveDraft(gate.citizenId, definition.code, { ...draft, ...uploads.stored })
      }
      const shown = Object.fromEntries(
        Object.entries(sent).map(([k, v]) => [k, refused.has(k) ? draft[k] : v instanceof File ? undefined : v]),
      )
      return questionPage(c, shown, errors)
    }
    // This page's answers replace what the draft had for its fields.
    const pageFields = definition.pages.find((p) => p.id === pageId)?.fields.map((f) => f.id) ?? []
    const answers = {
      ...Object.fromEntries(Object.entries(draft).filter(([k]) => !pageFields.includes(k))),
      ...checked.values,
    }
    await saveDraft(gate.citizenId, definition.code, answers)
    const pages = pagesAsked(definition, data, answers)
    const next = pages[pages.findIndex((p) => p.id === pageId) + 1]
    return c.redirect(
      next ? `/services/${definition.code}/apply/${next.id}` : `/services/${definition.code}/check`,
      303,
    )
  })

  app.get('/services/:code/check', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const definition = engine.find(c.req.param('code'))
    const data = await readApplicantData(engine.ports, definition, gate.citizenId)
    const draft = await draftOf(gate.citizenId, definition.code)
    const attachments = await unusedAttachments(platform.store, definition, gate.citizenId)
    const checked = checkAnswers(definition, draft, data, { attachments })
    const pages = pagesAsked(definition, data, checked.values)
    const rows = pages
      .flatMap((p) =>
        askedFields({ ...definition, pages: [p] }, { ...data, answers: checked.values }).map((f) => {
          const change = checked.prefilled.includes(f.id)
            ? ''
            : `<a href="/services/${definition.code}/apply/${p.id}#${f.id}">${t('change')}<span class="visually-hidden"> ${escapeHtml(f.label[language])}</span></a>`
          const answer =
            f.type === 'item'
              ? itemSummary(itemsOf(f, data), checked.values[f.id], language)
              : f.type === 'file'
                ? checked.values[f.id] === undefined
                  ? '—'
                  : fileSummary(attachments[String(checked.values[f.id])], language)
                : display(checked.values[f.id], f, language)
          return `<div class="row"><dt>${escapeHtml(f.label[language])}</dt><dd>${escapeHtml(answer)}</dd><dd class="action">${change}</dd></div>`
        }),
      )
      .join('')
    // A new key each time the page is shown: the same form sent twice is one application.
    const key = randomBytes(18).toString('base64url')
    const body = `<a class="back" href="/services/${definition.code}">${t('back')}</a>
${checked.errors.length > 0 ? errorSummary(language, checked.errors, labelsOf(definition, language)) : ''}
${problemSummary(language, c.req.query('problem'))}
<h1>${t('check')}</h1>
<p class="lead">${escapeHtml(definition.name[language])}</p>
<dl class="summary">${rows}</dl>
<form method="post" action="/services/${definition.code}/submit">
<input type="hidden" name="key" value="${key}">
<button class="primary" type="submit"${checked.errors.length > 0 ? ' disabled' : ''}>${t('submit')}</button>
</form>`
    return page(c, portalText(language, 'check'), body)
  })

  app.post('/services/:code/submit', async (c) => {
    sameOrigin(c)
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const definition = engine.find(c.req.param('code'))
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const draft = await draftOf(gate.citizenId, definition.code)
    try {
      const application = await submitApplication(engine.ports, {
        definition,
        citizenId: gate.citizenId,
        clientKey: String(form.key ?? ''),
        answers: draft,
      })
      await platform.store.db
        .deleteFrom('application_drafts')
        .where('citizen_id', '=', gate.citizenId)
        .where('service_code', '=', definition.code)
        .execute()
      return c.redirect(`/applications/${application.id}?submitted=1`, 303)
    } catch (error) {
      if (error instanceof ApplicationRefused) return c.redirect(`/services/${definition.code}/check`, 303)
      // The registers refused a value the citizen gave (an unknown partner): said at its question.
      const question = isPolisError(error) && error.field ? questionOfRegistryValue(definition, error.field) : undefined
      const pageOfQuestion = definition.pages.find((p) => p.fields.some((f) => f.id === question))
      if (isPolisError(error) && question && pageOfQuestion) {
        return c.redirect(
          `/services/${definition.code}/apply/${pageOfQuestion.id}?problem=${error.code}&field=${question}#${question}`,
          303,
        )
      }
      // The registers refused what an approval would write (an unknown buyer): said on the check page.
      if (
        isPolisError(error) &&
        (error.status === 422 || error.code === 'ERR_ALREADY_REGISTERED' || error.code === 'ERR_NOT_REGISTERED')
      ) {
        return c.redirect(`/services/${definition.code}/check?problem=${error.code}`, 303)
      }
      if (isPolisError(error, 'ERR_ALREADY_PAID')) {
        const language = languageOf(c)
        const said = escapeHtml(messageOf('ERR_ALREADY_PAID', language))
        return page(
          c,
          said,
          `<h1>${said}</h1><p><a href="/services/${definition.code}">${escapeHtml(definition.name[language])}</a></p>`,
          409,
        )
      }
      throw error
    }
  })

  app.get('/applications', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const applications = await listApplications(platform.store, gate.citizenId)
    const date = new Intl.DateTimeFormat(pageLocales[language], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    })
    const body = `<h1>${t('myApplications')}</h1>
${
  applications.length === 0
    ? `<p>${t('noApplications')}</p>`
    : `<ul class="services">${applications
        .map((a) => {
          const name = findName(engine, a.serviceCode, language)
          return `<li><a href="/applications/${a.id}">${escapeHtml(name)}</a><p><strong class="tag">${escapeHtml(portalText(language, `status.${a.status}` as PortalText))}</strong> · ${t('submittedOn')} ${escapeHtml(date.format(new Date(a.createdAt)))}</p></li>`
        })
        .join('')}</ul>`
}`
    return page(c, portalText(language, 'myApplications'), body)
  })

  app.post('/applications/:id/answer', async (c) => {
    sameOrigin(c)
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const answer = typeof form.answer === 'string' ? form.answer : ''
    if (answer.trim().length < 2) return c.redirect(`/applications/${c.req.param('id')}?answer=missing#answer`, 303)
    await giveInformation(engine.ports, { applicationId: c.req.param('id'), citizenId: gate.citizenId, answer })
    return c.redirect(`/applications/${c.req.param('id')}`, 303)
  })

  app.post('/applications/:id/rating', async (c) => {
    sameOrigin(c)
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const id = c.req.param('id')
    try {
      await rateApplication(platform.store, {
        citizenId: gate.citizenId,
        applicationId: id,
        rating: form.rating,
        now: platform.now(),
      })
    } catch (error) {
      if (isPolisError(error, 'ERR_RATING_INVALID')) return c.redirect(`/applications/${id}?rating=missing#rating`, 303)
      // Rated already (a second tab), or not decided yet: the page says where it stands.
      if (!isPolisError(error, 'ERR_ALREADY_RATED') && !isPolisError(error, 'ERR_RATING_NOT_YET')) throw error
    }
    return c.redirect(`/applications/${id}#rating`, 303)
  })

  app.post('/applications/:id/pay', async (c) => {
    sameOrigin(c)
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    try {
      return c.redirect(await options.payments.start(gate.citizenId, c.req.param('id')), 303)
    } catch (error) {
      // Paid meanwhile (by another application): refused before anything is charged.
      if (!isPolisError(error, 'ERR_ALREADY_PAID')) throw error
      return c.redirect(`/applications/${c.req.param('id')}?already=1`, 303)
    }
  })

  // A sealed certificate of one of the citizen's own applications (anyone else's is not found).
  app.get('/applications/:id/certificates/:certificate', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const { id, certificate } = c.req.param()
    const { fileName, pdf } = await getCertificatePdf(platform, gate.citizenId, id, certificate)
    return c.body(pdf, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    })
  })

  // A file the citizen attached to one of their own applications (anyone else's is not found).
  app.get('/applications/:id/attachments/:attachment', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const application = await findApplication(platform.store, gate.citizenId, c.req.param('id'))
    return sendAttachment(await getAttachmentContent(platform.store, application.id, c.req.param('attachment')))
  })

  app.get('/applications/:id', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const answerProblem = c.req.query('answer') === 'missing'
    // Back from the payment page: the provider is asked at once, whatever its notice does.
    let paymentProblem = false
    if (c.req.query('paid')) {
      const tried = await platform.store.db
        .selectFrom('payments')
        .select(['id', 'status'])
        .where('application_id', '=', c.req.param('id'))
        .where('citizen_id', '=', gate.citizenId)
        .execute()
      for (const payment of tried) await options.payments.confirmOnReturn(payment.id)
      paymentProblem = tried.length > 0 && !tried.some((p) => p.status === 'succeeded' || p.status === 'refunded')
    }
    const application = await findApplication(platform.store, gate.citizenId, c.req.param('id'))
    const date = new Intl.DateTimeFormat(pageLocales[language], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    })
    const name = findName(engine, application.serviceCode, language)
    const nameOf = (code: string) => findName(engine, code, language)
    const status = portalText(language, `status.${application.status}` as PortalText)
    // A bundle shows its services; a part, the bundle it is part of.
    const parts = await bundleProgress(engine.ports, application).catch(() => [])
    const bundle = parts.length === 0 ? await bundleOf(engine.ports, application.id) : undefined
    const events = application.events
      .map(
        (e) =>
          `<li><strong>${escapeHtml(portalText(language, `event.${e.type}` as PortalText) || e.type)}</strong> <span class="muted">${escapeHtml(date.format(new Date(e.at)))}</span>${e.reason ? `<br>${escapeHtml(e.reason)}` : ''}${eventDetail(e, language)}${partEventDetail(e, nameOf)}</li>`,
      )
      .join('')
    const body = `${
      c.req.query('submitted')
        ? `<div class="panel" role="status"><h1>${t('submitted')}</h1><p>${t('reference')}: <strong>${escapeHtml(application.id.slice(0, 8).toUpperCase())}</strong></p></div>
<h2>${escapeHtml(name)}</h2>`
        : `<h1>${escapeHtml(name)}</h1>`
    }
${partOfHtml(bundle && { id: bundle.id, name: nameOf(bundle.serviceCode) }, language)}
<dl class="facts"><dt>${t('status')}</dt><dd><strong class="tag">${escapeHtml(status)}</strong></dd><dt>${t('reference')}</dt><dd>${escapeHtml(application.id.slice(0, 8).toUpperCase())}</dd></dl>
${bundleHtml(parts, nameOf, language)}
${paymentProblem ? `<p class="bad" role="alert">${t('paymentFailed')}</p>` : ''}
${c.req.query('already') ? `<p class="bad" role="alert">${escapeHtml(messageOf('ERR_ALREADY_PAID', language))}</p>` : ''}
${
  application.status === 'info-requested'
    ? `<div class="card"><h2>${t('officialAsks')}</h2><p>${escapeHtml([...application.events].reverse().find((e) => e.type === 'info-requested')?.reason ?? '')}</p>
<form method="post" action="/applications/${application.id}/answer" novalidate>${answerProblem ? `<p class="field-error" id="answer-error">${t('answerNeeded')}</p>` : ''}
<label for="answer">${t('yourAnswer')}</label><textarea id="answer" name="answer" rows="5"${answerProblem ? ' aria-invalid="true" aria-describedby="answer-error"' : ''}></textarea>
<button class="primary" type="submit">${t('sendAnswer')}</button></form></div>`
    : ''
}
${
  application.status === 'awaiting-payment'
    ? `<form method="post" action="/applications/${application.id}/pay"><button class="primary" type="submit">${escapeHtml(portalText(language, 'pay', { amount: feeOf(application.events, language) }))}</button></form>`
    : ''
}
${applicantConfirmationsHtml(
  await engine.findVersion(application.serviceCode, application.serviceVersion).catch(() => undefined),
  application.events,
  language,
)}
${attachmentsHtml(
  await listAttachments(platform.store, application.id),
  (f) => `/applications/${application.id}/attachments/${f.id}`,
  portalText(language, 'yourFiles'),
  language,
)}
${outputsHtml(application.id, application.events, language)}
${ratingHtml({
  applicationId: application.id,
  status: application.status,
  rated: await ratingOf(platform.store, application.id),
  problem: c.req.query('rating') === 'missing',
  language,
})}
<h2>${t('history')}</h2>
<ol class="timeline">${events}</ol>
<p><a href="/applications">${t('myApplications')}</a></p>`
    return page(c, name, body)
  })

  const contactPage = async (c: Context, citizenId: string, problem?: string, saved = false, typed?: string) => {
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const contact = await platform.store.db
      .selectFrom('citizen_contacts')
      .select(['email', 'language'])
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst()
    const chosen = contact?.language ?? language
    const names: Record<Language, string> = { uk: 'Українська', en: 'English', et: 'Eesti' }
    const body = `<h1>${t('contactTitle')}</h1>
<p>${t('contactIntro')}</p>
${saved ? `<p class="ok" role="status">${t('saved')}</p>` : ''}
${problem ? errorSummary(language, [{ field: 'email', message: { uk: problem, en: problem, et: problem } }], () => portalText(language, 'email')) : ''}
<form method="post" action="/contact" novalidate>
<div class="field${problem ? ' has-error' : ''}"><label for="email">${t('email')}</label>${problem ? `<p class="field-error" id="email-error">${escapeHtml(problem)}</p>` : ''}
<input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(typed ?? contact?.email ?? '')}"${problem ? ' aria-invalid="true" aria-describedby="email-error"' : ''}></div>
<fieldset class="field"><legend>${t('messageLanguage')}</legend>
${languages.map((l) => `<label class="choice"><input type="radio" name="language" value="${l}"${l === chosen ? ' checked' : ''}> <span lang="${l}">${names[l]}</span></label>`).join('\n')}
</fieldset>
<button class="primary" type="submit">${t('save')}</button>
${contact ? `<button class="secondary" type="submit" name="stop" value="1">${t('stopEmail')}</button>` : ''}
</form>`
    return page(c, portalText(language, 'contactTitle'), body, problem ? 422 : 200)
  }

  app.get('/contact', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    return contactPage(c, gate.citizenId, undefined, c.req.query('saved') === '1')
  })

  app.post('/contact', async (c) => {
    sameOrigin(c)
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const form = (await c.req.parseBody()) as Record<string, unknown>
    if (form.stop === '1') {
      await platform.store.db.deleteFrom('citizen_contacts').where('citizen_id', '=', gate.citizenId).execute()
      return c.redirect('/contact?saved=1', 303)
    }
    const email = String(form.email ?? '').trim()
    if (email.length > 200 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return contactPage(c, gate.citizenId, portalText(languageOf(c), 'emailInvalid'), false, email.slice(0, 200))
    }
    const language = (languages as string[]).includes(String(form.language)) ? String(form.language) : languageOf(c)
    const row = { email, language, updated_at: platform.now().toISOString() }
    await platform.store.db
      .insertInto('citizen_contacts')
      .values({ citizen_id: gate.citizenId, ...row })
      .onConflict((oc) => oc.column('citizen_id').doUpdateSet(row))
      .execute()
    return c.redirect('/contact?saved=1', 303)
  })

  app.get('/inbox', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const t = (key: PortalText) => escapeHtml(portalText(language, key))
    const rows = await platform.store.db
      .selectFrom('inbox_messages')
      .selectAll()
      .where('citizen_id', '=', gate.citizenId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute()
    const date = new Intl.DateTimeFormat(pageLocales[language], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    })
    const body = `<h1>${t('inbox')}</h1>
${
  rows.length === 0
    ? `<p>${t('noMessages')}</p>`
    : `<ul class="services">${rows
        .map(
          (row) =>
            `<li><strong>${escapeHtml(JSON.parse(row.title)[language])}</strong> <span class="muted">${escapeHtml(date.format(new Date(row.created_at)))}</span><p>${escapeHtml(JSON.parse(row.body)[language])}</p>${row.link ? `<a href="${escapeHtml(row.link)}">${escapeHtml(inboxLinkText(language))}</a>` : row.application_id ? `<a href="/applications/${row.application_id}">${t('myApplications')}</a>` : ''}</li>`,
        )
        .join('')}</ul>`
}`
    return page(c, portalText(language, 'inbox'), body)
  })
}

/** The fee an application was asked for, as people read it: `558.00 UAH`. */
function feeOf(events: Array<{ type: string; data: Record<string, unknown> }>, language: Language): string {
  const fee = events.findLast((e) => e.type === 'payment-requested')?.data.fee as
    | { amount?: unknown; currency?: unknown }
    | undefined
  return typeof fee?.amount === 'number' && typeof fee.currency === 'string'
    ? formatMoney(fee.amount, fee.currency, language)
    : ''
}

function findName(engine: ServiceEngine, code: string, language: Language): string {
  try {
    return engine.find(code).name[language]
  } catch {
    return code
  }
}

function searchForm(language: Language, q: string): string {
  return `<form class="search" method="get" action="/services" role="search">
<label for="q">${escapeHtml(portalText(language, 'search'))}</label>
<div class="search-row"><input id="q" name="q" type="search" value="${escapeHtml(q)}"><button class="primary" type="submit">${escapeHtml(portalText(language, 'searchButton'))}</button></div>
</form>`
}

/** The GOV.UK error summary: each problem named by its field, linked to it. */
function errorSummary(language: Language, errors: FieldError[], labelOf: (field: string) => string): string {
  return `<div class="error-summary" role="alert" tabindex="-1"><h2>${escapeHtml(portalText(language, 'errorSummary'))}</h2><ul>${errors
    .map((e) => `<li><a href="#${e.field}">${escapeHtml(`${labelOf(e.field)}: ${e.message[language]}`)}</a></li>`)
    .join('')}</ul></div>`
}

/** What the registers refused at submission (a stable error code), said on top of the check page. */
function problemSummary(language: Language, code: string | undefined): string {
  if (!code || !Object.hasOwn(errorCodes, code)) return ''
  return `<div class="error-summary" role="alert" tabindex="-1"><h2>${escapeHtml(portalText(language, 'errorSummary'))}</h2><p>${escapeHtml(messageOf(code as ErrorCode, language))}</p></div>`
}

/** A service's field labels, for its error summary. */
function labelsOf(definition: ServiceDefinition, language: Language): (field: string) => string {
  return (id) => definition.pages.flatMap((p) => p.fields).find((f) => f.id === id)?.label[language] ?? id
}

/** An answer as the citizen reads it back. */
function display(value: unknown, field: Field, language: Language): string {
  if (value === undefined || value === null || value === '') return '—'
  if (field.type === 'boolean') return portalText(language, value === true ? 'yes' : 'no')
  if (field.type === 'select') return field.options?.find((o) => o.value === value)?.label[language] ?? String(value)
  return String(value)
}

/** A question as the portal asks it (the service builder's preview shows it the same way). */
export function fieldHtml(field: Field, value: unknown, error: string | undefined, language: Language): string {
  const label = `${escapeHtml(field.label[language])}${field.required ? '' : ` <span class="muted">${escapeHtml(portalText(language, 'optional'))}</span>`}`
  const help = field.help ? `<p class="hint" id="${field.id}-hint">${escapeHtml(field.help[language])}</p>` : ''
  const errorHtml = error
    ? `<p class="field-error" id="${field.id}-error"><span class="visually-hidden">${escapeHtml(portalText(language, 'errorPrefix'))}</span> ${escapeHtml(error)}</p>`
    : ''
  const described = [field.help ? `${field.id}-hint` : '', error ? `${field.id}-error` : ''].filter(Boolean).join(' ')
  const aria = `${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}`
  const current = value === undefined || value === null ? '' : String(value)
  if (field.type === 'select' || field.type === 'boolean') {
    const options =
      field.type === 'boolean'
        ? [
            { value: 'yes', label: portalText(language, 'yes'), checked: value === true || value === 'yes' },
            { value: 'no', label: portalText(language, 'no'), checked: value === false || value === 'no' },
          ]
        : (field.options ?? []).map((o) => ({ value: o.value, label: o.label[language], checked: current === o.value }))
    return `<div class="field${error ? ' has-error' : ''}"><fieldset id="${field.id}"${aria}><legend>${label}</legend>${help}${errorHtml}
${options
  .map(
    (o, i) =>
      `<label class="choice"><input type="radio" name="${field.id}" value="${escapeHtml(o.value)}"${o.checked ? ' checked' : ''}${i === 0 && error ? ' autofocus' : ''}> ${escapeHtml(o.label)}</label>`,
  )
  .join('\n')}</fieldset></div>`
  }
  const input =
    field.type === 'textarea'
      ? `<textarea id="${field.id}" name="${field.id}" rows="6"${aria}>${escapeHtml(current)}</textarea>`
      : `<input id="${field.id}" name="${field.id}" type="${{ email: 'email', phone: 'tel', date: 'date', number: 'text', text: 'text' }[field.type as 'text'] ?? 'text'}"${field.type === 'number' ? ' inputmode="decimal"' : ''}${field.type === 'phone' ? ' autocomplete="tel"' : ''}${field.type === 'email' ? ' autocomplete="email"' : ''} value="${escapeHtml(current)}"${aria}>`
  return `<div class="field${error ? ' has-error' : ''}"><label for="${field.id}">${label}</label>${help}${errorHtml}${input}</div>`
}

const portalStyles = `
.portal-nav { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: center; margin: 0 0 1.5rem; padding-bottom: 0.75rem; border-bottom: 1px solid var(--border); }
.portal-nav a, .portal-nav .link { color: var(--accent); font-weight: 600; }
.portal-nav .languages { margin-left: auto; display: flex; gap: 0.5rem; }
.portal-nav .languages span[aria-current] { font-weight: 700; text-decoration: underline; }
form.inline { display: inline; margin: 0; }
form.rating fieldset { margin: 0; }
form.rating legend h2 { margin-top: 0; }
button.link { display: inline; width: auto; min-height: 24px; margin: 0; padding: 0; border: 0; background: none; text-decoration: underline; font-weight: 600; color: var(--accent); }
.lead { font-size: 1.15rem; }
.tiles, .services, .timeline { list-style: none; padding: 0; margin: 0.5rem 0 1.5rem; }
.tiles li, .services li { border-top: 1px solid var(--border); padding: 0.75rem 0; }
.services li p { margin: 0.25rem 0 0; color: var(--muted); }
.tiles a, .services a { font-weight: 700; color: var(--accent); font-size: 1.1rem; }
.search-row { display: flex; gap: 0.5rem; }
.search-row input { flex: 1; }
.search-row button { width: auto; margin: 0; padding: 0 1.25rem; }
.field { margin: 1.25rem 0; }
.field.has-error { border-left: 5px solid var(--bad); padding-left: 0.75rem; }
.field-error { color: var(--bad); font-weight: 700; margin: 0.25rem 0; }
.hint { color: var(--muted); margin: 0.25rem 0; }
textarea { display: block; width: 100%; font: inherit; color: var(--fg); background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 0.5rem; box-sizing: border-box; }
.error-summary { border: 4px solid var(--bad); border-radius: 12px; padding: 0.5rem 1rem; margin: 1rem 0; }
.error-summary a { color: var(--bad); font-weight: 700; }
.warning { border-left: 5px solid var(--bad); padding: 0.25rem 1rem; margin: 1rem 0; }
.back { display: inline-block; margin-bottom: 1rem; color: var(--fg); }
.summary { display: block; }
.summary .row { display: grid; grid-template-columns: 1fr 1fr auto; gap: 0.5rem; border-bottom: 1px solid var(--border); padding: 0.5rem 0; }
.summary dd { margin: 0; }
.panel { background: var(--ok); color: var(--bg); border-radius: 16px; padding: 1rem 1.25rem; margin: 0 0 1rem; }
.panel h1 { margin: 0 0 0.5rem; }
.tag { display: inline-block; padding: 0 0.5rem; border-radius: 6px; border: 1px solid var(--border); }
.facts { margin: 1rem 0; }
.timeline li { border-left: 3px solid var(--accent); padding: 0 0 0.75rem 0.75rem; margin-left: 0.25rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
a.start { width: auto; display: inline-flex; padding: 0 1.5rem; }
input[type='file'] { display: block; width: 100%; min-height: 44px; padding: 0.5rem 0; font: inherit; }
.uploaded { margin: 0.25rem 0; font-weight: 600; }
.files { padding-left: 1.25rem; }
.files a { color: var(--accent); font-weight: 600; word-break: break-word; }
footer { margin-top: 3rem; border-top: 1px solid var(--border); padding-top: 1rem; }
${bundleStyles}${dataTrackerStyles}${consentStyles}${cabinetStyles}`
