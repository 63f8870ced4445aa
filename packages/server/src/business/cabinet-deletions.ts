/**
 * Citizens' deletion requests in the cabinet (`/business/{n}/deletions`): each with the
 * verifier request it names, the claims and its state; the business says it erased the
 * data, or refuses with a reason the citizen reads. Answered once.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { findDocumentType } from '@polis/documents'
import { PolisError } from '@polis/kernel'
import type { LegalEntity } from '@polis/registries'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { answerDeletion, listBusinessDeletions } from '../sharing/deletion-requests.ts'
import type { Business } from './businesses.ts'
import type { CabinetContext } from './cabinet-context.ts'
import { cabinetTexts } from './cabinet-texts.ts'

export function registerCabinetDeletions(app: OpenAPIHono, cx: CabinetContext): void {
  const { platform, page, languageOf, textOf, dateOf, representative, guardPost, approved } = cx

  const deletionsPage = async (
    c: Context,
    entity: LegalEntity,
    business: Business,
    problem?: { id: string; message: string },
  ) => {
    const t = textOf(c)
    const language = languageOf(c)
    const base = `/business/${entity.registerNumber}`
    const all = await listBusinessDeletions(platform, business.id)
    const items = all
      .map((d) => {
        const claims = d.claims
          .map((shared) => {
            const type = findDocumentType(shared.document)
            const label = (name: string) => type?.claims.find((claim) => claim.name === name)?.label[language] ?? name
            return `${escapeHtml(type?.name[language] ?? shared.document)}: ${shared.claims.map((n) => escapeHtml(label(n))).join(', ')}`
          })
          .join('; ')
        const wrong = problem?.id === d.id
        const answer =
          d.state === 'asked'
            ? `<form method="post" action="${base}/deletions/${d.id}" novalidate>
<button class="primary" type="submit" name="outcome" value="done">${t('markDone')}</button>
<div class="field${wrong ? ' has-error' : ''}"><label for="reason-${d.id}">${t('refuseReason')}</label>
${wrong ? `<p class="field-error" id="reason-${d.id}-error">${escapeHtml(problem.message)}</p>` : ''}
<textarea id="reason-${d.id}" name="reason" rows="3"${wrong ? ` aria-describedby="reason-${d.id}-error" aria-invalid="true"` : ''}></textarea></div>
<button type="submit" name="outcome" value="refused">${t('refuseDeletion')}</button>
</form>`
            : d.answerReason
              ? `<p>${t('reason')}: ${escapeHtml(d.answerReason)}</p>`
              : ''
        return `<li class="access"><p><span class="tag">${t(`deletion.${d.state}`)}</span>${d.reportedAt ? ` · ${t('reported')}` : ''}</p>
<p>${t('asked')}: ${dateOf(c, d.askedAt)} · ${t('request')}: <code class="wrap">${escapeHtml(d.requestId)}</code></p>
<p>${claims}</p>
${answer}</li>`
      })
      .join('')
    const body = `<a class="back" href="${base}">${t('back')}</a>
<h1>${t('deletions')}</h1>
<p>${t('deletionsIntro')}</p>
${all.length === 0 ? `<p>${t('noDeletions')}</p>` : `<ol class="accesses">${items}</ol>`}`
    return page(c, cabinetTexts[language].deletions, body, problem ? 400 : 200)
  }

  app.get('/business/:number/deletions', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    return deletionsPage(c, gate.entity, approved(gate.business))
  })

  app.post('/business/:number/deletions/:id', async (c) => {
    const gate = await representative(c)
    if ('redirect' in gate) return gate.redirect
    await guardPost(c, gate.citizenId)
    const business = approved(gate.business)
    const form = await c.req.parseBody()
    const outcome = form.outcome === 'done' ? 'done' : 'refused'
    const reason = typeof form.reason === 'string' ? form.reason : undefined
    try {
      await answerDeletion(platform, { businessId: business.id, id: c.req.param('id'), outcome, reason })
    } catch (error) {
      if (error instanceof PolisError && error.field === 'reason') {
        return deletionsPage(c, gate.entity, business, {
          id: c.req.param('id'),
          message: cabinetTexts[languageOf(c)].reasonInvalid,
        })
      }
      throw error
    }
    return c.redirect(`/business/${gate.entity.registerNumber}/deletions`, 303)
  })
}
