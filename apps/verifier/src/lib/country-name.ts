import { type Language, locales } from '@polis/ui'

/** A country's name in the inspector's language (the browser's names of regions), else as its list names it. */
export function countryName(country: { code: string; name: string }, language: Language): string {
  try {
    return new Intl.DisplayNames([locales[language]], { type: 'region' }).of(country.code) ?? country.name
  } catch {
    return country.name
  }
}
