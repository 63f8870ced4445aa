import type { Language } from './languages.ts'

/** Messages of one app: every key in every language, checked by the type. */
export type Messages<Key extends string> = Record<Language, Record<Key, string>>

/** A translator for one language: `t('key', { name })` fills `{name}` placeholders. */
export function translator<Key extends string>(messages: Messages<Key>, language: Language) {
  const table = messages[language]
  return (key: Key, values: Record<string, string | number> = {}): string =>
    table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`))
}
