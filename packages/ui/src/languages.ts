/** The languages every Polis app speaks. */
export const languages = ['uk', 'en', 'et'] as const
export type Language = (typeof languages)[number]

/** Each language's name in itself, for the language switch. */
export const languageNames: Record<Language, string> = { uk: 'Українська', en: 'English', et: 'Eesti' }

/**
 * The locale each language formats dates and numbers in: English as written in Europe
 * (1 June 2026, 24-hour time), not in the United States.
 */
export const locales: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB', et: 'et-EE' }

const storageKey = 'polis.language'

/**
 * The remembered language, else the first of the browser's that Polis speaks, else the
 * instance's first language (the page's `lang`, which the server sets: Estonian on an
 * Estonian instance), else Ukrainian.
 */
export function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(storageKey)
  if (stored && (languages as readonly string[]).includes(stored)) return stored as Language
  for (const tag of globalThis.navigator?.languages ?? []) {
    const code = tag.slice(0, 2).toLowerCase()
    if ((languages as readonly string[]).includes(code)) return code as Language
  }
  const page = globalThis.document?.documentElement.lang
  if (page && (languages as readonly string[]).includes(page)) return page as Language
  return 'uk'
}

/** Remembers the chosen language and sets it on the document for screen readers. */
export function rememberLanguage(language: Language): void {
  globalThis.localStorage?.setItem(storageKey, language)
  if (globalThis.document) globalThis.document.documentElement.lang = language
}
