import type { OpenAPIHono } from '@hono/zod-openapi'
import { isPolisError, type Language } from '@polis/kernel'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { pageLocales } from '../http/page-language.ts'
import type { Desk, OfficePageKit } from '../office/office-page-kit.ts'
import {
  type CrossBorderApplication,
  decideCrossBorderApplication,
  getCrossBorderApplication,
  listCrossBorderApplications,
} from './cross-border-applications.ts'
import { countryName, crossBorderText, foreignDocumentHtml } from './cross-border-pages.ts'
import { type CrossBorderText, crossBorderTexts } from './cross-border-texts.ts'
import { addressQuestions, temporaryResidence } from './temporary-residence.ts'

export type OfficeCrossBorderOptions = OfficePageKit

const base = '/office/cross-border'

/** The office's link to these pages, for officials of the deciding agency. */
export function crossBorderNavLink(official: Desk, language: Language): string {
  return official.agency === temporaryResidence.agency
    ? `<a href="${base}">${crossBorderText(language, 'officeTitle')}</a>`
    : ''
}

/**
 * The office's side of the cross-border service: the applications in review and decided,
 * each with the foreign documents as they verified (the country and issuer named), the
 * address here, and the decision; officials of the deciding agency only.
 */
export function registerOfficeCrossBorder(app: OpenAPIHono, options: OfficeCrossBorderOptions): void {
  const { platform, officialOf, page, languageOf, sameOrigin } = options

  const gate = async (c: Context) => {
    const official = await officialOf(c)
    if (!official) return { response: c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303) }
    if (official.agency !== temporaryResidence.agency) {
      const language = languageOf(c)
      const title = crossBorderText(language, 'officeTitle')
      return {
        response: page(c, title, `<h1>${title}</h1><p>${crossBorderText(language, 'notAllowed')}</p>`, official, 403),
      }
    }
    return { official }
  }

  const when = (language: Language, iso: string) =>
    new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
      new Date(iso),
    )

  app.get(base, async (c) => {
    const at = await gate(c)
    if ('response' in at) return at.response
    const language = languageOf(c)
    const t = (key: CrossBorderText) => crossBorderText(language, key)
    const rows = await Promise.all(
      (await listCrossBorderApplications(platform)).map((row) => getCrossBorderApplication(platform, row.id)),
    )
    const items = rows
      .map((application) => {
        const identity = application.documents?.identity
        const name = identity
          ? [identity.claims.given_name, identity.claims.family_name].filter((n) => typeof n === 'string').join(' ')
          : ''
        const country = identity ? countryName(language, identity.country.code) : ''
        return `<tr><td data-label="${t('officeApplicant')}"><a href="${base}/${application.id}">${escapeHtml(name)}</a> (${escapeHtml(country)})</td>
<td data-label="${t('officeSubmitted')}">${escapeHtml(when(language, application.createdAt))}</td>
<td data-label="${t('officeStatus')}"><span class="tag">${t(`status.${application.status}`)}</span></td></tr>`
      })
      .join('')
    const body = `<h1>${t('officeTitle')}</h1>
<p>${t('officeLead')}</p>
${items ? `<table><thead><tr><th>${t('officeApplicant')}</th><th>${t('officeSubmitted')}</th><th>${t('officeStatus')}</th></tr></thead><tbody>${items}</tbody></table>` : `<p>${t('officeNone')}</p>`}`
    return page(c, crossBorderText(language, 'officeTitle'), body, at.official)
  })

  const casePage = async (c: Context, official: Desk, application: CrossBorderApplication, problem?: string) => {
    const language = languageOf(c)
    const t = (key: CrossBorderText, values?: Record<string, string>) => crossBorderText(language, key, values)
    const documents = application.documents
    const verified = application.events.findLast((e) => e.type === 'documents-verified')
    const address = addressQuestions
      .flatMap((q) =>
        application.address?.[q.id]
          ? [`<dt>${escapeHtml(q.label[language])}</dt><dd>${escapeHtml(application.address[q.id] ?? '')}</dd>`]
          : [],
      )
      .join('')
    const decision =
      application.decision?.type === 'approved'
        ? `<dl class="summary"><dt>${t('personalCode')}</dt><dd>${escapeHtml(application.decision.data.personalNumber)}</dd><dt>${t('permitNumber')}</dt><dd>${escapeHtml(application.decision.data.permitNumber)}</dd></dl>`
        : application.decision?.type === 'rejected'
          ? `<dl class="summary"><dt>${t('reason')}</dt><dd>${escapeHtml(application.decision.data.reason)}</dd></dl>`
          : ''
    const forms =
      application.status === 'in-review'
        ? `<form method="post" action="${base}/${application.id}/approve"><button class="primary" type="submit">${t('approve')}</button></form>
<form method="post" action="${base}/${application.id}/reject" novalidate><div class="field${problem ? ' has-error' : ''}"><label for="reason">${t('rejectReason')}</label>
${problem ? `<p class="field-error" id="reason-error">${escapeHtml(problem)}</p>` : ''}
<textarea id="reason" name="reason" rows="3"${problem ? ' aria-invalid="true" aria-describedby="reason-error"' : ''}></textarea></div>
<button type="submit">${t('reject')}</button></form>`
        : ''
    const body = `<h1>${escapeHtml(temporaryResidence.name[language])}</h1>
<p><span class="tag">${t(`status.${application.status}`)}</span> ${t('officeSubmitted')}: ${escapeHtml(when(language, application.createdAt))}</p>
${
  documents && verified
    ? `<p>${t('officeVerified', { date: when(language, verified.at), country: countryName(language, documents.identity.country.code) })}</p>
${foreignDocumentHtml(language, documents.identity, { level: 2 })}${foreignDocumentHtml(language, documents.displacement, { level: 2 })}`
    : ''
}
${address ? `<h2>${t('address')}</h2><dl class="summary">${address}</dl>` : ''}
${decision}${forms}`
    return page(c, temporaryResidence.name[language], body, official, problem ? 400 : 200)
  }

  app.get(`${base}/:id`, async (c) => {
    const at = await gate(c)
    if ('response' in at) return at.response
    return casePage(c, at.official, await getCrossBorderApplication(platform, c.req.param('id')))
  })

  app.post(`${base}/:id/approve`, async (c) => {
    sameOrigin(c)
    const at = await gate(c)
    if ('response' in at) return at.response
    const id = c.req.param('id')
    await decideCrossBorderApplication(platform, { id, official: at.official.id, decision: 'approve' })
    return c.redirect(`${base}/${id}`, 303)
  })

  app.post(`${base}/:id/reject`, async (c) => {
    sameOrigin(c)
    const at = await gate(c)
    if ('response' in at) return at.response
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    try {
      await decideCrossBorderApplication(platform, {
        id,
        official: at.official.id,
        decision: 'reject',
        reason: typeof form.reason === 'string' ? form.reason : '',
      })
    } catch (error) {
      if (isPolisError(error, 'ERR_BAD_REQUEST') && error.field === 'reason') {
        const application = await getCrossBorderApplication(platform, id)
        return casePage(c, at.official, application, crossBorderTexts[languageOf(c)].reasonInvalid)
      }
      throw error
    }
    return c.redirect(`${base}/${id}`, 303)
  })
}
