/**
 * An official's security keys in the office: the keys they confirm sign-ins with instead
 * of the authenticator code, each with the browser that added it and when it was last
 * used, and a button to remove one (lost, or the computer given back). Keys are added at
 * sign-in, right after the code (Polis ID's `official-second-factor.ts`).
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Language } from '@polis/kernel'
import { keyOffered, listOfficialKeys, maxOfficialKeys, removeOfficialKey, setKeyOffer } from '@polis/polis-id'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { type Desk, type OfficePageKit, officeDate, officeWords } from './office-page-kit.ts'

const en = {
  title: 'Security keys',
  lead: 'Confirm your sign-ins with one of these keys instead of the authenticator code.',
  none: 'You have no security key.',
  howToAdd: 'To add one, sign in with the code instead of a key: a key is offered right after it.',
  declined: 'You said “not now” to a key, so none is offered when you sign in.',
  offerAgain: 'Offer me a key at my next sign-in',
  added: 'Added',
  lastUsed: 'Last used',
  never: 'not yet',
  remove: 'Remove {label}',
}
type Text = keyof typeof en
const texts: Record<Language, Record<Text, string>> = {
  en,
  uk: {
    title: 'Ключі безпеки',
    lead: 'Підтверджуйте вхід одним із цих ключів замість коду автентифікатора.',
    none: 'У вас немає ключа безпеки.',
    howToAdd: 'Щоб додати ключ, увійдіть із кодом замість ключа: його буде запропоновано одразу після коду.',
    declined: 'Ви відповіли «не зараз» на пропозицію ключа, тож під час входу його не пропонують.',
    offerAgain: 'Запропонувати мені ключ під час наступного входу',
    added: 'Додано',
    lastUsed: 'Востаннє використано',
    never: 'ще ні',
    remove: 'Видалити {label}',
  },
  et: {
    title: 'Turvavõtmed',
    lead: 'Kinnitage sisselogimisi ühega neist võtmetest autentimisrakenduse koodi asemel.',
    none: 'Teil pole turvavõtit.',
    howToAdd: 'Võtme lisamiseks logige sisse võtme asemel koodiga: võtit pakutakse kohe pärast koodi.',
    declined: 'Vastasite võtme pakkumisele „mitte praegu“, seega sisselogimisel seda ei pakuta.',
    offerAgain: 'Paku mulle võtit järgmisel sisselogimisel',
    added: 'Lisatud',
    lastUsed: 'Viimati kasutatud',
    never: 'veel mitte',
    remove: 'Eemalda {label}',
  },
}

/** The office's link to this page: every official has one. */
export function keysNavLink(_official: Desk, language: Language): string {
  return `<a href="/office/keys">${texts[language].title}</a>`
}

export function registerOfficeKeys(app: OpenAPIHono, options: OfficePageKit): void {
  const { platform, officialOf, page, languageOf, sameOrigin } = options
  const textOf = officeWords(texts, languageOf)
  const dateOf = (c: Context, iso: string) => officeDate(languageOf(c), iso)

  app.get('/office/keys', async (c) => {
    const official = await officialOf(c)
    if (!official) return c.redirect(`/office/login?return=${encodeURIComponent(c.req.path)}`, 303)
    const t = textOf(c)
    const keys = await listOfficialKeys(platform.store, official.id)
    const items = keys
      .map(
        (key, index) => `<li><h2 id="key-${index}">${escapeHtml(key.label)}</h2>
<dl><dt>${t('added')}</dt><dd>${dateOf(c, key.createdAt)}</dd>
<dt>${t('lastUsed')}</dt><dd>${key.lastUsedAt ? dateOf(c, key.lastUsedAt) : t('never')}</dd></dl>
<form method="post" action="/office/keys/${encodeURIComponent(key.id)}/remove"><button class="secondary" type="submit">${t('remove', { label: key.label })}</button></form></li>`,
      )
      .join('')
    const offered = await keyOffered(platform.store, official.id)
    const howToAdd = offered
      ? `<p>${t('howToAdd')}</p>`
      : keys.length < maxOfficialKeys
        ? `<p>${t('declined')}</p><form method="post" action="/office/keys/offer"><button class="secondary start" type="submit">${t('offerAgain')}</button></form>`
        : ''
    const body = `<h1>${t('title')}</h1>
<p>${t('lead')}</p>
${keys.length === 0 ? `<p>${t('none')}</p>` : `<ul class="clients">${items}</ul>`}
${howToAdd}`
    return page(c, texts[languageOf(c)].title, body, official)
  })

  app.post('/office/keys/offer', async (c) => {
    sameOrigin(c)
    const official = await officialOf(c)
    if (!official) return c.redirect('/office/login?return=/office/keys', 303)
    await setKeyOffer(platform.store, official.id, { declinedAt: null })
    return c.redirect('/office/keys', 303)
  })

  app.post('/office/keys/:id/remove', async (c) => {
    sameOrigin(c)
    const official = await officialOf(c)
    if (!official) return c.redirect('/office/login?return=/office/keys', 303)
    await removeOfficialKey(platform.store, official.id, c.req.param('id'))
    return c.redirect('/office/keys', 303)
  })
}
