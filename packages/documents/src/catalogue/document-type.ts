import type { Language, RegistryName } from '@polis/kernel'

/** Text in every language the platform speaks. */
export type Localized = Record<Language, string>

/**
 * Credential formats Polis issues (OpenID4VCI format identifiers). `polis_qr` is the
 * in-person copy shown by QR code (docs/qr-format.md), a format of this platform's own.
 */
export type CredentialFormat = 'dc+sd-jwt' | 'mso_mdoc' | 'polis_qr'

/** The value types a claim can have; `image` is bytes (a PNG/JPEG portrait), `date` is an ISO full-date. */
export type ClaimType = 'string' | 'date' | 'number' | 'boolean' | 'image' | 'object' | 'array'

/** One claim of a document, declared once. */
export interface ClaimSpec {
  /** Claim name in the SD-JWT VC (and mdoc element identifier unless `mdocName` is given). */
  name: string
  type: ClaimType
  /**
   * Where the value comes from: a dotted path into the issuance context, whose roots are
   * `person` (the population record), `record` (the document's source record) and
   * `computed` (values the issuer derives, such as `age_over_18`).
   */
  from: string
  /** Selectively disclosable (RFC 9901 section 4.2); false means always shown. */
  disclosable: boolean
  /** The holder cannot be issued the document without it. */
  required: boolean
  label: Localized
  /** Element identifier in the mdoc namespace, when it differs from `name`. */
  mdocName?: string
  /**
   * The mdoc namespace of an element the docType's standard does not define (a national
   * extension, such as the patronymic); standard elements go in the document's namespace.
   */
  mdocNamespace?: string
}

/** An issuing agency: it holds one issuing certificate under the national anchor. */
export interface Agency {
  code: string
  name: Localized
}

/** A document type of the national catalogue, declared as data. */
export interface DocumentType {
  /** Stable code, e.g. `driver-licence`; the last segment of the `vct`. */
  code: string
  name: Localized
  description: Localized
  /** The agency whose key signs it. */
  issuer: string
  /** The registry and the kind of record each document is made from; `many` means one document per record. */
  source: { registry: RegistryName; kind: string; many: boolean }
  claims: ClaimSpec[]
  /** How long an issued credential is valid, in days, unless the record's `expiry_date` comes first. */
  validityDays: number
  formats: CredentialFormat[]
  /** Present when the document is also issued as an ISO mdoc. */
  mdoc?: { docType: string; namespace: string }
  display: { background: string; text: string }
}
