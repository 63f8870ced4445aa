export { initialLanguage, type Language, languageNames, languages, rememberLanguage } from './languages.ts'
export { type Messages, translator } from './translate.ts'
