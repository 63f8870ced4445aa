import { type DocumentType, documentTypes, inPersonClaims } from '@polis/documents'
import { configurationId } from './configuration-id.ts'

const locales = { uk: 'uk-UA', en: 'en', et: 'et-EE' } as const
type Language = keyof typeof locales
const languages = Object.keys(locales) as Language[]

/** The endpoints of an instance's issuer, from its public origin. */
export function issuerEndpoints(publicUrl: string) {
  return {
    credentialIssuer: publicUrl,
    token: `${publicUrl}/oid4vci/token`,
    nonce: `${publicUrl}/oid4vci/nonce`,
    credential: `${publicUrl}/oid4vci/credential`,
  }
}

/** How many copies of one credential a wallet may ask for in one request (unlinkable presentations). */
export const batchSize = 10

function configurations(publicUrl: string, type: DocumentType): Record<string, unknown> {
  const display = languages.map((language) => ({
    name: type.name[language],
    description: type.description[language],
    locale: locales[language],
    background_color: type.display.background,
    text_color: type.display.text,
  }))
  const claimDisplay = (claim: DocumentType['claims'][number]) =>
    languages.map((language) => ({ name: claim.label[language], locale: locales[language] }))
  const proofTypes = { jwt: { proof_signing_alg_values_supported: ['ES256'] } }
  const result: Record<string, unknown> = {}
  if (type.formats.includes('dc+sd-jwt')) {
    result[configurationId(type, 'dc+sd-jwt')] = {
      format: 'dc+sd-jwt',
      scope: type.code,
      vct: `${publicUrl}/vct/${type.code}`,
      cryptographic_binding_methods_supported: ['jwk'],
      credential_signing_alg_values_supported: ['ES256'],
      proof_types_supported: proofTypes,
      credential_metadata: {
        display,
        claims: type.claims.map((claim) => ({
          path: [claim.name],
          mandatory: claim.required,
          display: claimDisplay(claim),
        })),
      },
    }
  }
  if (type.formats.includes('mso_mdoc') && type.mdoc) {
    const namespace = type.mdoc.namespace
    result[configurationId(type, 'mso_mdoc')] = {
      format: 'mso_mdoc',
      scope: `${type.code}.mdoc`,
      doctype: type.mdoc.docType,
      cryptographic_binding_methods_supported: ['cose_key'],
      credential_signing_alg_values_supported: [-7],
      proof_types_supported: proofTypes,
      credential_metadata: {
        display,
        claims: type.claims.map((claim) => ({
          path: [claim.mdocNamespace ?? namespace, claim.mdocName ?? claim.name],
          mandatory: claim.required,
          display: claimDisplay(claim),
        })),
      },
    }
  }
  if (type.formats.includes('polis_qr')) {
    const shown = new Set(inPersonClaims(type))
    // The in-person copy for the wallet's QR code (docs/qr-format.md): a format of Polis's own.
    result[configurationId(type, 'polis_qr')] = {
      format: 'polis_qr',
      scope: `${type.code}.qr`,
      cryptographic_binding_methods_supported: ['cose_key'],
      credential_signing_alg_values_supported: [-7],
      proof_types_supported: proofTypes,
      credential_metadata: {
        display,
        claims: type.claims
          .filter((claim) => shown.has(claim.name))
          .map((claim) => ({ path: [claim.name], mandatory: claim.required, display: claimDisplay(claim) })),
      },
    }
  }
  return result
}

/**
 * Credential Issuer Metadata (OpenID4VCI 1.0 section 12.2): the endpoints, batch
 * issuance, and every document type in every format it is issued in, with display
 * names and claim labels in three languages.
 */
export function credentialIssuerMetadata(publicUrl: string) {
  const endpoints = issuerEndpoints(publicUrl)
  return {
    credential_issuer: endpoints.credentialIssuer,
    credential_endpoint: endpoints.credential,
    nonce_endpoint: endpoints.nonce,
    batch_credential_issuance: { batch_size: batchSize },
    display: languages.map((language) => ({
      name: { uk: 'Поліс', en: 'Polis', et: 'Polis' }[language],
      locale: locales[language],
    })),
    credential_configurations_supported: Object.assign(
      {},
      ...documentTypes.map((type) => configurations(publicUrl, type)),
    ) as Record<string, unknown>,
  }
}

/** OAuth 2.0 Authorization Server Metadata (RFC 8414) of the issuer's own token endpoint. */
export function authorizationServerMetadata(publicUrl: string) {
  const endpoints = issuerEndpoints(publicUrl)
  return {
    issuer: publicUrl,
    token_endpoint: endpoints.token,
    grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
    'pre-authorized_grant_anonymous_access_supported': true,
    response_types_supported: [],
  }
}
