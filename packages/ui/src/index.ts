export { initialLanguage, type Language, languageNames, languages, locales, rememberLanguage } from './languages.ts'
export { type Messages, translator } from './translate.ts'
