import { agencies, type DocumentType, documentTypes, vctMetadata } from '@polis/documents'
import { vctOf } from '../issuance/issue-document.ts'

/** The configuration id of a document type in a format, as wallets request it. */
export function configurationId(type: DocumentType, format: 'dc+sd-jwt' | 'mso_mdoc'): string {
  return format === 'dc+sd-jwt' ? `${type.code}.sd_jwt_vc` : `${type.code}.mso_mdoc`
}

const locales = { uk: 'uk-UA', en: 'en', et: 'et-EE' } as const

/**
 * Credential Issuer Metadata (OpenID4VCI 1.0 section 12.2): every document type in
 * every format it is issued in, with display names and claim labels in three languages.
 */
export function credentialIssuerMetadata(publicUrl: string) {
  const configurations: Record<string, unknown> = {}
  for (const type of documentTypes) {
    const display = (Object.keys(locales) as Array<keyof typeof locales>).map((language) => ({
      name: type.name[language],
      description: type.description[language],
      locale: locales[language],
      background_color: type.display.background,
      text_color: type.display.text,
    }))
    const claims = type.claims.map((claim) => ({
      path: [claim.name],
      mandatory: claim.required,
      display: (Object.keys(locales) as Array<keyof typeof locales>).map((language) => ({
        name: claim.label[language],
        locale: locales[language],
      })),
    }))
    const common = {
      scope: type.code,
      cryptographic_binding_methods_supported: ['jwk'],
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
    }
    if (type.formats.includes('dc+sd-jwt')) {
      configurations[configurationId(type, 'dc+sd-jwt')] = {
        format: 'dc+sd-jwt',
        vct: vctOf(publicUrl, type.code),
        credential_signing_alg_values_supported: ['ES256'],
        ...common,
        credential_metadata: { display, claims },
      }
    }
    if (type.formats.includes('mso_mdoc') && type.mdoc) {
      const namespace = type.mdoc.namespace
      configurations[configurationId(type, 'mso_mdoc')] = {
        format: 'mso_mdoc',
        doctype: type.mdoc.docType,
        credential_signing_alg_values_supported: [-7],
        ...common,
        cryptographic_binding_methods_supported: ['cose_key'],
        credential_metadata: {
          display,
          claims: type.claims.map((claim, i) => ({
            ...claims[i],
            path: [claim.mdocNamespace ?? namespace, claim.mdocName ?? claim.name],
          })),
        },
      }
    }
  }
  return {
    credential_issuer: publicUrl,
    display: agencies.length > 0 ? [{ name: 'Polis', locale: 'en' }] : [],
    credential_configurations_supported: configurations,
  }
}

/** SD-JWT VC type metadata served at a document type's `vct`. */
export function typeMetadata(publicUrl: string, type: DocumentType) {
  return vctMetadata(type, { baseUrl: publicUrl })
}
