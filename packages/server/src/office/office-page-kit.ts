import type { Language } from '@polis/kernel'
import { escapeHtml } from '@polis/ui/server-page'
import type { Context } from 'hono'
import { pageLocales } from '../http/page-language.ts'
import type { Platform } from '../platform/create-platform.ts'

/** Who is at the desk, as the office's session has them. */
export interface Desk {
  id: string
  agency: string
  roles: string[]
}

/** What the office lends its pages: who is signed in, its page frame, its language and its origin check. */
export interface OfficePageKit {
  platform: Platform
  officialOf: (c: Context) => Promise<Desk | undefined>
  page: (
    c: Context,
    title: string,
    body: string,
    official?: Desk,
    status?: 200 | 400 | 403 | 404,
  ) => Response | Promise<Response>
  languageOf: (c: Context) => Language
  sameOrigin: (c: Context) => void
}

/** A page's words in the official's language, `{name}` filled in, escaped for HTML. */
export function officeWords<Key extends string>(
  texts: Record<Language, Record<Key, string>>,
  languageOf: (c: Context) => Language,
) {
  return (c: Context) =>
    (key: Key, values: Record<string, string> = {}) =>
      escapeHtml(texts[languageOf(c)][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ''))
}

/** A day as the official's language writes it (the platform's days are UTC), escaped for HTML. */
export function officeDate(language: Language, iso: string): string {
  return escapeHtml(
    new Intl.DateTimeFormat(pageLocales[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)),
  )
}
