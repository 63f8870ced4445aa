import { assertValidStatus, FullDate, type StatusOf, verifyDeviceResponse } from '@polis/documents'
import { fromBase64url, PolisError } from '@polis/kernel'
import type { TrustAnchors } from '@polis/trust'
import type { ClaimsPath, CredentialQuery } from './dcql-query.ts'
import { readClaimsPath } from './read-claims-path.ts'
import { selectClaims } from './select-claims.ts'
import type { VerifiedCredential } from './verified-credential.ts'

export interface VerifyMdocEntryOptions {
  /** base64url of a DeviceResponse (OpenID4VP 1.0 Annex B.2.3). */
  presentation: string
  query: CredentialQuery
  /** The OpenID4VP handover's SessionTranscript for this request. */
  sessionTranscript: Uint8Array
  anchors: TrustAnchors
  statusOf: StatusOf
  now: Date
}

/**
 * Checks one mdoc of a `vp_token`: the DeviceResponse's issuer data, the device
 * signature over this request's SessionTranscript, status, and that it returns the
 * elements the query asked for and no other. Answers only the asked elements.
 */
export async function verifyMdocEntry(options: VerifyMdocEntryOptions): Promise<VerifiedCredential[]> {
  const { query } = options
  const data = fromBase64url(options.presentation)
  if (!data) throw new PolisError('ERR_MALFORMED', { detail: 'an mdoc presentation is base64url' })
  const documents = verifyDeviceResponse({
    data: new Uint8Array(data),
    anchors: options.anchors,
    now: options.now,
    sessionTranscript: options.sessionTranscript,
    ...(query.meta.doctype_value === undefined ? {} : { expectedDocType: query.meta.doctype_value }),
  })
  if (documents.length === 0) throw new PolisError('ERR_DCQL_UNSATISFIED', { detail: `query ${query.id}: no document` })
  const asked = new Set((query.claims ?? []).map((claim) => `${claim.path[0]}\u0000${claim.path[1]}`))
  const results: VerifiedCredential[] = []
  for (const document of documents) {
    if (!document.deviceAuthenticated) throw new PolisError('ERR_KB_MISSING')
    for (const [namespace, elements] of Object.entries(document.namespaces)) {
      for (const element of Object.keys(elements)) {
        if (!asked.has(`${namespace}\u0000${element}`)) {
          throw new PolisError('ERR_CLAIM_NOT_REQUESTED', { detail: `query ${query.id}: an element was not asked for` })
        }
      }
    }
    // A full-date (tag 1004) compares with DCQL `values` as its text.
    const comparable = (path: ClaimsPath) =>
      readClaimsPath(document.namespaces, path).map((value) => (value instanceof FullDate ? value.value : value))
    if (!selectClaims(query, comparable)) {
      throw new PolisError('ERR_DCQL_UNSATISFIED', { detail: `query ${query.id}: elements are missing` })
    }
    if (document.status) {
      assertValidStatus(await options.statusOf({ ...document.status, issuerSubject: document.issuer.subject }))
    }
    results.push({
      queryId: query.id,
      format: 'mso_mdoc',
      claims: document.namespaces,
      evidence: {
        type: document.docType,
        issuer: document.issuer.subject,
        anchor: document.issuer.issuedBy,
        status: document.status ? { ...document.status, value: 'valid' } : undefined,
        holderBound: true,
        issuedAt: document.validity.signed,
        expiresAt: document.validity.validUntil,
      },
    })
  }
  return results
}
