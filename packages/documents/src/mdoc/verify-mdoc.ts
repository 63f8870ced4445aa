import { PolisError } from '@polis/kernel'
import type { TrustAnchors } from '@polis/trust'
import {
  asArray,
  asMap,
  assertKnownKeys,
  asText,
  asUint,
  type CborMap,
  decodeCbor,
  getField,
  maxMdocBytes,
} from './decode-cbor.ts'
import { verifyDeviceSignature } from './verify-device-signature.ts'
import { type VerifiedMdoc, verifyIssuerSigned } from './verify-issuer-signed.ts'

export interface VerifyMdocOptions {
  /** CBOR bytes of an IssuerSigned structure or of a DeviceResponse. */
  data: Uint8Array
  anchors: TrustAnchors
  now: Date
  expectedDocType?: string
  /**
   * The SessionTranscript (ISO/IEC 18013-5 section 9.1.5.1) as CBOR bytes, built from
   * the handover of the exchange. When given, every document must carry a
   * deviceSignature over it; when absent, only the issuer data is checked.
   */
  sessionTranscript?: Uint8Array
}

export { maxMdocBytes }

type MdocData = { kind: 'IssuerSigned'; issuerSigned: CborMap } | { kind: 'DeviceResponse'; deviceResponse: CborMap }

/**
 * Checks one mdoc, given either as IssuerSigned (as issued, e.g. over OpenID4VCI) or as
 * a DeviceResponse holding one document; throws PolisError with a stable code.
 */
export function verifyMdoc(options: VerifyMdocOptions): VerifiedMdoc {
  const data = readMdocData(options.data)
  if (data.kind === 'DeviceResponse') {
    const documents = verifyDocuments(data.deviceResponse, options)
    const [document] = documents
    if (!document || documents.length > 1) {
      throw new PolisError('ERR_MALFORMED', { detail: 'the DeviceResponse must hold exactly one document' })
    }
    return document
  }
  if (options.sessionTranscript) {
    // An IssuerSigned alone proves nothing about who presents it.
    throw new PolisError('ERR_KB_MISSING', { detail: 'IssuerSigned carries no device authentication' })
  }
  const { devicePublicKey: _, ...verified } = verifyIssuerSigned(data.issuerSigned, {
    anchors: options.anchors,
    now: options.now,
    docTypes: options.expectedDocType === undefined ? [] : [options.expectedDocType],
  })
  return { ...verified, deviceAuthenticated: false }
}

/**
 * Checks a DeviceResponse (ISO/IEC 18013-5 section 8.3.2.1.2.2) and returns one result
 * per document; any document that fails makes the whole response fail.
 */
export function verifyDeviceResponse(options: VerifyMdocOptions): VerifiedMdoc[] {
  const data = readMdocData(options.data)
  if (data.kind !== 'DeviceResponse') throw new PolisError('ERR_MALFORMED', { detail: 'not a DeviceResponse' })
  return verifyDocuments(data.deviceResponse, options)
}

function readMdocData(bytes: Uint8Array): MdocData {
  if (!(bytes instanceof Uint8Array)) throw new PolisError('ERR_MALFORMED', { detail: 'mdoc data must be bytes' })
  if (bytes.length > maxMdocBytes) throw new PolisError('ERR_TOO_LARGE')
  const map = asMap(decodeCbor(bytes, 'mdoc'), 'mdoc')
  if (map.has('issuerAuth')) return { kind: 'IssuerSigned', issuerSigned: map }
  if (map.has('version') && map.has('status')) return { kind: 'DeviceResponse', deviceResponse: map }
  throw new PolisError('ERR_MALFORMED', { detail: 'neither IssuerSigned nor DeviceResponse' })
}

function verifyDocuments(deviceResponse: CborMap, options: VerifyMdocOptions): VerifiedMdoc[] {
  assertKnownKeys(deviceResponse, ['version', 'documents', 'documentErrors', 'status'], 'DeviceResponse')
  const version = asText(getField(deviceResponse, 'version', 'DeviceResponse'), 'DeviceResponse version')
  if (!version.startsWith('1.')) throw new PolisError('ERR_MALFORMED', { detail: 'unknown DeviceResponse version' })
  asUint(getField(deviceResponse, 'status', 'DeviceResponse'), 'DeviceResponse status')
  // documentErrors is not read: a document the holder did not return is simply absent.
  const documents = deviceResponse.has('documents') ? asArray(deviceResponse.get('documents'), 'documents') : []
  return documents.map((value) => {
    const document = asMap(value, 'Document')
    assertKnownKeys(document, ['docType', 'issuerSigned', 'deviceSigned', 'errors'], 'Document')
    const docType = asText(getField(document, 'docType', 'Document'), 'Document docType')
    const docTypes = options.expectedDocType === undefined ? [docType] : [docType, options.expectedDocType]
    const { devicePublicKey, ...verified } = verifyIssuerSigned(getField(document, 'issuerSigned', 'Document'), {
      anchors: options.anchors,
      now: options.now,
      docTypes,
    })
    if (!options.sessionTranscript) return { ...verified, deviceAuthenticated: false }
    verifyDeviceSignature({
      deviceSigned: getField(document, 'deviceSigned', 'Document'),
      docType,
      sessionTranscript: options.sessionTranscript,
      devicePublicKey,
    })
    return { ...verified, deviceAuthenticated: true }
  })
}
