/**
 * A refusal or a failure as a person in a browser reads it: a page in their language
 * with what happened, what to do, the stable code to quote, and a way to try again,
 * where an API client gets the JSON error body. Only for a browser's page request (it
 * accepts HTML and is not an API), so a wallet or a verifier never gets HTML.
 */
import { randomBytes } from 'node:crypto'
import { type ErrorCode, type Language, messageOf } from '@polis/kernel'
import { escapeHtml, renderServerPage } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { keptLanguage } from './page-language.ts'

const texts: Record<Language, { brand: string; title: string; code: string; again: string; home: string }> = {
  en: {
    brand: 'Government services portal',
    title: 'This did not work',
    code: 'Error code',
    again: 'Try again',
    home: 'Go to the start page',
  },
  uk: {
    brand: 'Портал держпослуг',
    title: 'Не вдалося',
    code: 'Код помилки',
    again: 'Спробувати ще раз',
    home: 'На головну сторінку',
  },
  et: {
    brand: 'Riigiteenuste portaal',
    title: 'See ei õnnestunud',
    code: 'Veakood',
    again: 'Proovi uuesti',
    home: 'Avalehele',
  },
}

/** Whether the request is a browser's for a page: HTML accepted, not an API, not a file the wallet or verifier fetches. */
export function wantsPage(c: Context): boolean {
  const path = c.req.path
  if (path.startsWith('/api/') || path.startsWith('/wallet/') || path.startsWith('/verify/')) return false
  return (c.req.header('accept') ?? '').includes('text/html')
}

/**
 * The page for an error: its message in the reader's language (the one chosen on the
 * portal or the office, else `browserLanguage`), the code, and the way on.
 */
export function errorPage(c: Context, code: ErrorCode, browserLanguage: Language, status: number): Response {
  const language = keptLanguage(c) ?? browserLanguage
  const t = texts[language]
  const nonce = randomBytes(16).toString('base64url')
  c.header(
    'content-security-policy',
    `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  )
  c.header('cache-control', 'no-store')
  // A GET can be tried again as it was; after a form, the reader goes back to it.
  const again = c.req.method === 'GET' ? escapeHtml(c.req.path) : undefined
  const body = `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(messageOf(code, language))}</p>
<p class="muted">${escapeHtml(t.code)}: <code>${escapeHtml(code)}</code></p>
${again ? `<p><a class="button primary" href="${again}">${escapeHtml(t.again)}</a></p>` : ''}
<p><a href="/">${escapeHtml(t.home)}</a></p>`
  return c.html(
    renderServerPage({ language, brand: t.brand, title: t.title, nonce, body }),
    status as 400 | 403 | 404 | 500 | 503,
  )
}
