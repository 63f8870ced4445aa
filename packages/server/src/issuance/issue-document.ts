import {
  type ClaimSpec,
  type CredentialFormat,
  type DocumentType,
  fullDate,
  getDocumentType,
  inPersonClaims,
  issueMdoc,
  issueQrCredential,
  issueSdJwtVc,
} from '@polis/documents'
import { PolisError, type PublicJwk, type QueryRegistry, type RegistryRecord, type SigningKey } from '@polis/kernel'
import type { Store } from '@polis/store'
import { buildClaims, computeClaims } from './build-claims.ts'
import { allocateStatusSlot, type StatusSlot, type StatusSlotRequest, statusListUri } from './status-lists.ts'

/** What issuance needs from the platform, passed in once. */
export interface IssuerContext {
  store: Store
  queryRegistry: QueryRegistry
  signingKeyOf: (agency: string) => SigningKey
  publicUrl: string
  now: () => Date
  /** The issuing state (ISO 3166-1 alpha-2) named in the documents' `issuing_country`, the instance's own. */
  country?: string | undefined
}

export interface IssueDocumentRequest {
  citizenId: string
  documentType: string
  format: CredentialFormat
  holderKey: PublicJwk
  /** Which source record, for document types with one document per record (vehicles, diplomas). */
  recordId?: string | undefined
  /** The enrolled wallet device it goes to, recorded so that losing the device revokes it. */
  deviceId?: string | undefined
}

/** An issued credential and what a wallet shows beside it. */
export interface IssuedDocument {
  credentialId: string
  documentType: string
  format: CredentialFormat
  /**
   * The SD-JWT VC in compact form, the mdoc IssuerSigned as base64url (OpenID4VCI section
   * A.2), or the in-person copy as base64url.
   */
  credential: string
  expiresAt: Date
  status: { uri: string; idx: number }
}

/** The issuer identifier (`iss`) of an agency. */
export function issuerUrl(publicUrl: string, agency: string): string {
  return `${publicUrl}/issuers/${agency}`
}

/** The `vct` of a document type, where its type metadata is served. */
export function vctOf(publicUrl: string, code: string): string {
  return `${publicUrl}/vct/${code}`
}

const dayMs = 24 * 3600 * 1000

/**
 * Issues one document of one citizen as a standard credential, reading the registries
 * at this moment: the claims its catalogue entry declares, a validity that never
 * outlasts the registry record, a status-list slot for revocation and the issuing
 * agency's signature chaining to the national anchor.
 */
export async function issueDocument(
  context: IssuerContext,
  request: IssueDocumentRequest,
  options: {
    /** Where its status slot comes from: recorded at once unless the caller records it with others. */
    reserve?: (slot: StatusSlotRequest) => Promise<StatusSlot>
  } = {},
): Promise<IssuedDocument> {
  const type = getDocumentType(request.documentType)
  if (!type.formats.includes(request.format)) throw new PolisError('ERR_UNSUPPORTED_FORMAT')
  const now = context.now()
  const purpose = `issue:${type.code}`
  const [person] = await context.queryRegistry({
    registry: 'population',
    citizenId: request.citizenId,
    purpose,
    kind: 'person',
  })
  if (!person) throw new PolisError('ERR_UNKNOWN_CITIZEN')
  const record = await findSourceRecord(context, type, request, purpose, person)
  const claims = buildClaims(type, {
    person: person.data,
    record:
      context.country && 'issuing_country' in record.data
        ? { ...record.data, issuing_country: context.country }
        : record.data,
    computed: computeClaims(person.data, now),
  })

  const expiresAt = validUntil(type, record, now)
  if (expiresAt.getTime() <= now.getTime()) {
    throw new PolisError('ERR_EXPIRED', { detail: 'the registry record of this document has expired' })
  }
  const signingKey = context.signingKeyOf(type.issuer)
  const slot = await (options.reserve ?? allocateStatusSlot)({
    store: context.store,
    issuerId: type.issuer,
    citizenId: request.citizenId,
    documentType: type.code,
    format: request.format,
    deviceId: request.deviceId,
    now,
    expiresAt,
  })
  const status = { uri: statusListUri(context.publicUrl, slot.listId), idx: slot.idx }

  let credential: string
  if (request.format === 'dc+sd-jwt') {
    const values: Record<string, unknown> = {}
    const disclosable: string[] = []
    for (const [spec, value] of claims) {
      values[spec.name] = spec.type === 'image' ? `data:image/png;base64,${value}` : value
      if (spec.disclosable) disclosable.push(spec.name)
    }
    credential = await issueSdJwtVc({
      issuer: issuerUrl(context.publicUrl, type.issuer),
      vct: vctOf(context.publicUrl, type.code),
      claims: values,
      disclosable,
      holderKey: request.holderKey,
      status,
      signingKey,
      now,
      expiresAt,
      decoys: 2,
    })
  } else if (request.format === 'polis_qr') {
    const shown = new Set(inPersonClaims(type))
    const values: Record<string, unknown> = {}
    for (const [spec, value] of claims) {
      if (!shown.has(spec.name)) continue
      // Dates stay ISO text here: three bytes fewer each than a tagged full-date, in a tight QR.
      values[spec.name] = spec.type === 'image' ? cborValue(spec, value) : value
    }
    const bytes = await issueQrCredential({
      documentType: type.code,
      claims: values,
      deviceKey: request.holderKey,
      signingKey,
      validUntil: expiresAt,
      status: { listId: slot.listId, idx: slot.idx },
    })
    credential = Buffer.from(bytes).toString('base64url')
  } else {
    const mdoc = type.mdoc
    if (!mdoc) throw new PolisError('ERR_UNSUPPORTED_FORMAT')
    const namespaces: Record<string, Record<string, unknown>> = {}
    for (const [spec, value] of claims) {
      const namespace = spec.mdocNamespace ?? mdoc.namespace
      const elements = namespaces[namespace] ?? {}
      namespaces[namespace] = elements
      elements[spec.mdocName ?? spec.name] = cborValue(spec, value)
    }
    const bytes = await issueMdoc({
      docType: mdoc.docType,
      namespaces,
      deviceKey: request.holderKey,
      signingKey,
      validFrom: now,
      validUntil: expiresAt,
      now,
      status,
    })
    credential = Buffer.from(bytes).toString('base64url')
  }
  return {
    credentialId: slot.credentialId,
    documentType: type.code,
    format: request.format,
    credential,
    expiresAt,
    status,
  }
}

async function findSourceRecord(
  context: IssuerContext,
  type: DocumentType,
  request: IssueDocumentRequest,
  purpose: string,
  person: RegistryRecord,
): Promise<RegistryRecord> {
  if (type.source.registry === 'population' && type.source.kind === 'person') return person
  const records = await context.queryRegistry({
    registry: type.source.registry,
    citizenId: request.citizenId,
    purpose,
    kind: type.source.kind,
  })
  const sorted = [...records].sort((a, b) => a.id.localeCompare(b.id))
  const record = request.recordId ? sorted.find((r) => r.id === request.recordId) : sorted[0]
  if (!record) throw new PolisError('ERR_NO_REGISTRY_RECORD')
  return record
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/

/** A claim value as CBOR formats carry it: a portrait as its bytes, dates as full-dates. */
function cborValue(spec: ClaimSpec, value: unknown): unknown {
  if (spec.type === 'image' && typeof value === 'string') return new Uint8Array(Buffer.from(value, 'base64'))
  if (spec.type === 'date' || spec.type === 'array' || spec.type === 'object') return withFullDates(value)
  return value
}

/**
 * ISO 18013-5 encodes calendar dates as full-date (tag 1004), also inside structures
 * such as `driving_privileges`; registry records keep them as ISO strings.
 */
function withFullDates(value: unknown): unknown {
  if (typeof value === 'string') return isoDate.test(value) ? fullDate(value) : value
  if (Array.isArray(value)) return value.map(withFullDates)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withFullDates(inner)]))
  }
  return value
}

function validUntil(type: DocumentType, record: RegistryRecord, now: Date): Date {
  const byPolicy = new Date(now.getTime() + type.validityDays * dayMs)
  const expiry = record.data.expiry_date ?? record.data.valid_until
  if (typeof expiry === 'string' && /^\d{4}-\d{2}-\d{2}/.test(expiry)) {
    const recordEnd = new Date(`${expiry.slice(0, 10)}T23:59:59Z`)
    if (recordEnd < byPolicy) return recordEnd
  }
  return byPolicy
}
