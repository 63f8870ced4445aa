/**
 * The citizen's consents on the portal (`/consents`): each agency or business they let
 * sign them in with Polis ID, what it receives and since when, and a button to withdraw
 * it, as the wallet's settings have them. A consent withdrawn takes its tokens with it,
 * and the next sign-in there asks again.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Language } from '@polis/kernel'
import { claimLabels, listConsents, withdrawConsent } from '@polis/polis-id'
import { escapeHtml } from '@polis/ui/server-page'
import { pageLocales } from '../http/page-language.ts'
import type { ConfirmationPagesOptions } from './portal-confirmations.ts'

const texts = {
  uk: {
    title: 'Кому ви дозволили вхід',
    intro:
      'Сервіси, яким ви дозволили входити через Polis ID, і дані, які вони отримують про вас. Відкличте дозвіл, і сервіс більше нічого не отримає; наступного разу він спитає знову.',
    receives: 'Отримує',
    since: 'Дозволено',
    withdraw: 'Відкликати',
    withdrawFor: 'Відкликати дозвіл для {name}',
    withdrawn: 'Дозвіл відкликано.',
    none: 'Ви не дозволили жодному сервісу входити через Polis ID.',
  },
  en: {
    title: 'Services you let sign you in',
    intro:
      'The services you let sign you in with Polis ID, and the data about you they receive. Withdraw a consent and the service receives nothing more; next time it asks again.',
    receives: 'Receives',
    since: 'Allowed on',
    withdraw: 'Withdraw',
    withdrawFor: 'Withdraw the consent for {name}',
    withdrawn: 'Consent withdrawn.',
    none: 'You have not let any service sign you in with Polis ID.',
  },
  et: {
    title: 'Teenused, kuhu lubasite end sisse logida',
    intro:
      'Teenused, kuhu lubasite end Polis ID-ga sisse logida, ja andmed teie kohta, mida nad saavad. Võtke nõusolek tagasi ja teenus ei saa enam midagi; järgmisel korral küsib ta uuesti.',
    receives: 'Saab',
    since: 'Lubatud',
    withdraw: 'Võta tagasi',
    withdrawFor: 'Võta tagasi nõusolek teenusele {name}',
    withdrawn: 'Nõusolek on tagasi võetud.',
    none: 'Te pole lubanud ühelgi teenusel end Polis ID-ga sisse logida.',
  },
} as const satisfies Record<Language, Record<string, string>>

/** How the portal's menu names the page. */
export const consentsLinkText: Record<Language, string> = {
  uk: 'Мої дозволи',
  en: 'My consents',
  et: 'Minu nõusolekud',
}

export function registerConsentPages(app: OpenAPIHono, options: ConfirmationPagesOptions): void {
  const { languageOf, page, requireCitizen, sameOrigin, platform } = options

  app.get('/consents', async (c) => {
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const language = languageOf(c)
    const t = texts[language]
    const consents = await listConsents(platform.store, gate.citizenId, platform.now())
    const day = new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'long', timeZone: 'UTC' })
    const items = consents
      .map(
        (consent) => `<li class="consent">
<h2>${escapeHtml(consent.clientName)}</h2>
<p>${escapeHtml(t.receives)}: ${escapeHtml(consent.claims.map((claim) => claimLabels[claim]?.[language] ?? claim).join(', '))}</p>
<p class="muted">${escapeHtml(t.since)} <time datetime="${escapeHtml(consent.givenAt)}">${escapeHtml(day.format(new Date(consent.givenAt)))}</time></p>
<form method="post" action="/consents/withdraw">
<input type="hidden" name="client" value="${escapeHtml(consent.clientId)}">
<button class="secondary" type="submit" aria-label="${escapeHtml(t.withdrawFor.replace('{name}', consent.clientName))}">${escapeHtml(t.withdraw)}</button>
</form>
</li>`,
      )
      .join('')
    const done = c.req.query('withdrawn') === '1' ? `<p class="ok" role="status">${escapeHtml(t.withdrawn)}</p>` : ''
    const body = `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
${done}
${consents.length === 0 ? `<p>${escapeHtml(t.none)}</p>` : `<ul class="consents">${items}</ul>`}`
    return page(c, t.title, body)
  })

  app.post('/consents/withdraw', async (c) => {
    sameOrigin(c)
    const gate = await requireCitizen(c)
    if ('redirect' in gate) return gate.redirect
    const form = (await c.req.parseBody()) as Record<string, unknown>
    const client = typeof form.client === 'string' && form.client.length <= 128 ? form.client : ''
    // Only the citizen's own grants are found: another's client id withdraws nothing.
    if (client) await withdrawConsent(platform.store, gate.citizenId, client)
    return c.redirect('/consents?withdrawn=1', 303)
  })
}

export const consentStyles = `
.consents { list-style: none; padding: 0; }
.consent { border: 1px solid var(--border); border-radius: 12px; padding: 0.5rem 1rem; margin: 0 0 0.75rem; }
.consent h2 { font-size: 1.1rem; margin: 0.5rem 0 0.25rem; }
.consent p { margin: 0.25rem 0; }
.consent form { margin: 0.5rem 0; }
`
