import type { Language } from '@polis/kernel'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'

const languages: Language[] = ['uk', 'en', 'et']
const cookie = 'polis_lang'

/** Each language's locale for dates and numbers: English as written in Europe. */
export const pageLocales: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB', et: 'et-EE' }

/** The instance's first language, per request, for pages read by a browser that speaks none of Polis's. */
const firstLanguages = new WeakMap<Request, Language>()

/**
 * Middleware: the pages of this request fall back to `language` (the instance's first:
 * Estonian on an Estonian instance) rather than Ukrainian.
 */
export function firstLanguage(language: Language) {
  return async (c: Context, next: () => Promise<void>) => {
    firstLanguages.set(c.req.raw, language)
    await next()
  }
}

/** The language the reader chose on the server's pages and the browser keeps (`polis_lang`), if any. */
export function keptLanguage(c: Context): Language | undefined {
  const kept = getCookie(c, cookie)
  return kept && (languages as string[]).includes(kept) ? (kept as Language) : undefined
}

/**
 * The language of the server's own pages (the portal, the office): `?lang=` (then
 * remembered in a cookie), the remembered one, the browser's, or the instance's first
 * (Ukrainian unless told otherwise by `firstLanguage`).
 */
export function pageLanguage(c: Context, secure: boolean): Language {
  const asked = c.req.query('lang')
  if (asked && (languages as string[]).includes(asked)) {
    setCookie(c, cookie, asked, { path: '/', sameSite: 'Lax', maxAge: 31_536_000, secure })
    return asked as Language
  }
  const kept = keptLanguage(c)
  if (kept) return kept
  for (const part of (c.req.header('accept-language') ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase()
    if ((languages as string[]).includes(tag)) return tag as Language
  }
  return firstLanguages.get(c.req.raw) ?? 'uk'
}

/** Links to this page in the other languages (the current one marked), for a page's header. */
export function languageLinks(path: string, language: Language): string {
  return languages
    .map((l) =>
      l === language
        ? `<span aria-current="true">${l.toUpperCase()}</span>`
        : `<a href="${escapeHtml(path)}?lang=${l}" lang="${l}" hreflang="${l}">${l.toUpperCase()}</a>`,
    )
    .join(' ')
}
