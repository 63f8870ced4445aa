/**
 * SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc, section "Type Metadata"): the
 * document served at a type's `vct`, with its name, display per locale (simple
 * rendering colours) and each claim's path, labels and selective-disclosure rule.
 */
import type { Language } from '@polis/kernel'
import type { DocumentType } from './document-type.ts'

/** The locale tags Polis uses for its three languages. */
export const localeTags: Record<Language, string> = { uk: 'uk-UA', en: 'en', et: 'et-EE' }

const languages: Language[] = ['uk', 'en', 'et']

export interface VctMetadata {
  vct: string
  name: string
  description: string
  display: {
    locale: string
    name: string
    description: string
    rendering: { simple: { background_color: string; text_color: string } }
  }[]
  claims: {
    path: string[]
    display: { locale: string; label: string }[]
    sd: 'always' | 'never'
    mandatory?: true
  }[]
}

/** The type metadata of a document type, whose `vct` is `${baseUrl}/vct/${code}`. */
export function vctMetadata(type: DocumentType, options: { baseUrl: string }): VctMetadata {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  return {
    vct: `${baseUrl}/vct/${type.code}`,
    name: type.name.en,
    description: type.description.en,
    display: languages.map((language) => ({
      locale: localeTags[language],
      name: type.name[language],
      description: type.description[language],
      rendering: { simple: { background_color: type.display.background, text_color: type.display.text } },
    })),
    claims: type.claims.map((claim) => ({
      path: [claim.name],
      display: languages.map((language) => ({ locale: localeTags[language], label: claim.label[language] })),
      sd: claim.disclosable ? 'always' : 'never',
      ...(claim.required ? { mandatory: true as const } : {}),
    })),
  }
}
