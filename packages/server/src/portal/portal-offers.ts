/**
 * A proactive offer on the portal (`/offers/{id}`): what the state offers the citizen
 * because of an event in the registers (a birth benefit after a birth), what it filled
 * in, and two answers: apply (the draft waits, filled in) or no, thank you. Only the
 * citizen offered it finds it (404 to anyone else).
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Language } from '@polis/kernel'
import { declineOffer, findOffer, loadProactiveRules } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'
import { pageLocales } from '../http/page-language.ts'
import type { ConfirmationPagesOptions } from './portal-confirmations.ts'

const texts = {
  uk: {
    filled: 'Ми вже заповнили',
    apply: 'Перевірити й подати заяву',
    decline: 'Ні, дякую',
    declined: 'Ви відмовилися від цієї пропозиції.',
    applyAnyway: 'Ви все ще можете подати заяву самостійно.',
  },
  en: {
    filled: 'Already filled in',
    apply: 'Check and send the application',
    decline: 'No, thank you',
    declined: 'You said no to this offer.',
    applyAnyway: 'You can still apply yourself.',
  },
  et: {
    filled: 'Juba täidetud',
    apply: 'Kontrollige ja saatke taotlus',
    decline: 'Ei, aitäh',
    declined: 'Loobusite sellest pakkumisest.',
    applyAnyway: 'Saate endiselt ise taotleda.',
  },
} as const satisfies Record<Language, Record<string, string>>

export function registerOfferPages(app: OpenAPIHono, options: ConfirmationPagesOptions): void {
  const { engine, languageOf, page, requireCitizen, sameOrigin, platform } = options
  const rules = loadProactiveRules()

  app.get('/offers/:id', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const t = texts[language]
    const offer = await findOffer(platform.store, rules, gate.citizenId, c.req.param('id'))
    const definition = engine.find(offer.serviceCode)
    const fields = definition.pages.flatMap((p) => p.fields)
    const filled = Object.entries(offer.answers)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([id, value]) => {
        const field = fields.find((f) => f.id === id)
        const shown =
          field?.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
            ? new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
                new Date(`${value}T00:00:00Z`),
              )
            : String(value)
        return `<div class="row"><dt>${escapeHtml(field?.label[language] ?? id)}</dt><dd>${escapeHtml(shown)}</dd></div>`
      })
      .join('')
    const body = `<h1>${escapeHtml(offer.title[language])}</h1>
<p class="lead">${escapeHtml(offer.body[language])}</p>
${definition.name[language] === offer.title[language] ? '' : `<p>${escapeHtml(definition.name[language])}</p>`}
<h2>${t.filled}</h2>
<dl class="summary">${filled}</dl>
${
  offer.state === 'declined'
    ? `<p role="status">${t.declined} ${t.applyAnyway}</p><p><a href="/services/${escapeHtml(definition.code)}">${escapeHtml(definition.name[language])}</a></p>`
    : `<p><a class="button primary" href="/services/${escapeHtml(definition.code)}/apply/${escapeHtml(definition.pages[0]?.id ?? '')}">${t.apply}</a></p>
<form method="post" action="/offers/${escapeHtml(offer.id)}/decline"><button class="secondary" type="submit">${t.decline}</button></form>`
}`
    return page(c, offer.title[language], body)
  })

  app.post('/offers/:id/decline', async (c) => {
    sameOrigin(c)
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    await declineOffer(platform.store, { citizenId: gate.citizenId, id: c.req.param('id'), now: platform.now() })
    return c.redirect(`/offers/${encodeURIComponent(c.req.param('id'))}`, 303)
  })
}
