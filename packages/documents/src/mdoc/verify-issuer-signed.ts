import { createHash, type KeyObject } from 'node:crypto'
import { PolisError, type PublicJwk } from '@polis/kernel'
import { type TrustAnchors, verifyCertificateChain } from '@polis/trust'
import { jwkFromCoseKey } from './convert-cose-key.ts'
import {
  asArray,
  asBytes,
  asDate,
  asMap,
  assertKnownKeys,
  asTag24,
  asText,
  asUint,
  type CborMap,
  decodeCbor,
  fromCborValue,
  getField,
} from './decode-cbor.ts'
import { parseCoseSign1, readX5chain } from './parse-cose-sign1.ts'
import { verifyCoseSign1 } from './verify-cose-sign1.ts'

/** What a verifier learns from an mdoc whose issuer data checked out. */
export interface VerifiedMdoc {
  docType: string
  /** The document signer certificate (the leaf of x5chain). */
  issuer: { subject: string; issuedBy: string; serialNumber: string; certificate: Uint8Array }
  validity: { signed: Date; validFrom: Date; validUntil: Date; expectedUpdate?: Date }
  /** Element values by namespace and identifier: only the elements presented, each matching its signed digest. */
  namespaces: Record<string, Record<string, unknown>>
  /** The holder's key from the MSO, to check device authentication against. */
  deviceKey: PublicJwk
  /**
   * True only when the device signature over the caller's SessionTranscript verified.
   * False means the issuer data is genuine but the presentation may be a copy or a replay.
   */
  deviceAuthenticated: boolean
  /** The Token Status List entry from the MSO, when the issuer gave one; the caller checks it. */
  status?: { uri: string; idx: number }
}

export interface VerifyIssuerSignedOptions {
  anchors: TrustAnchors
  now: Date
  /** docTypes the MSO must carry: the one the verifier asked for and, in a DeviceResponse, the Document's own. */
  docTypes: string[]
}

/** The issuer part of a verified mdoc, and the device key as node:crypto needs it. */
export interface VerifiedIssuerSigned extends Omit<VerifiedMdoc, 'deviceAuthenticated'> {
  devicePublicKey: KeyObject
}

const digestAlgorithms = new Map([
  ['SHA-256', 'sha256'],
  ['SHA-384', 'sha384'],
  ['SHA-512', 'sha512'],
])

/**
 * Checks an IssuerSigned structure (ISO/IEC 18013-5 section 9.3.1): x5chain to a trust
 * anchor, the issuerAuth signature over the MobileSecurityObject, the digest of every
 * presented element, the docType and the validity window.
 */
export function verifyIssuerSigned(value: unknown, options: VerifyIssuerSignedOptions): VerifiedIssuerSigned {
  const issuerSigned = asMap(value, 'IssuerSigned')
  assertKnownKeys(issuerSigned, ['nameSpaces', 'issuerAuth'], 'IssuerSigned')
  const issuerAuth = parseCoseSign1(getField(issuerSigned, 'issuerAuth', 'IssuerSigned'), 'issuerAuth')
  const chain = verifyCertificateChain({ chain: readX5chain(issuerAuth), anchors: options.anchors, now: options.now })
  verifyCoseSign1(issuerAuth, { publicKey: chain.publicKey, failure: 'ERR_SIGNATURE_INVALID' })
  if (!issuerAuth.payload) throw new PolisError('ERR_MALFORMED', { detail: 'issuerAuth has no payload' })
  // Signed, so from here on a malformed MSO is the issuer's mistake, not an attack.
  const msoBytes = asTag24(decodeCbor(issuerAuth.payload, 'MobileSecurityObjectBytes'), 'MobileSecurityObjectBytes')
  const mso = asMap(decodeCbor(msoBytes.content, 'MobileSecurityObject'), 'MobileSecurityObject')
  const version = asText(getField(mso, 'version', 'MSO'), 'MSO version')
  if (!version.startsWith('1.')) throw new PolisError('ERR_MALFORMED', { detail: 'unknown MSO version' })
  const docType = asText(getField(mso, 'docType', 'MSO'), 'MSO docType')
  if (options.docTypes.some((expected) => expected !== docType)) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the docType is not the one expected' })
  }
  const hash = digestAlgorithms.get(asText(getField(mso, 'digestAlgorithm', 'MSO'), 'MSO digestAlgorithm'))
  if (!hash) throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'MSO digestAlgorithm is not SHA-2' })
  const deviceKeyInfo = asMap(getField(mso, 'deviceKeyInfo', 'MSO'), 'MSO deviceKeyInfo')
  const deviceKey = jwkFromCoseKey(getField(deviceKeyInfo, 'deviceKey', 'MSO deviceKeyInfo'))
  const validity = readValidity(asMap(getField(mso, 'validityInfo', 'MSO'), 'MSO validityInfo'))
  const namespaces = verifyDigests(
    issuerSigned.get('nameSpaces'),
    readValueDigests(getField(mso, 'valueDigests', 'MSO')),
    hash,
  )
  const status = mso.has('status') ? readStatus(mso.get('status')) : undefined
  if (options.now.getTime() < validity.validFrom.getTime()) throw new PolisError('ERR_NOT_YET_VALID')
  if (options.now.getTime() > validity.validUntil.getTime()) throw new PolisError('ERR_EXPIRED')
  return {
    docType,
    issuer: {
      subject: chain.leaf.subject,
      issuedBy: chain.leaf.issuer,
      serialNumber: chain.leaf.serialNumber,
      certificate: new Uint8Array(chain.leaf.raw),
    },
    validity,
    namespaces,
    deviceKey: deviceKey.jwk,
    devicePublicKey: deviceKey.publicKey,
    ...(status ? { status } : {}),
  }
}

/** The MSO `status` member: `{ status_list: { idx, uri } }` (draft-ietf-oauth-status-list section 6.3). */
function readStatus(value: unknown): { uri: string; idx: number } {
  const statusList = asMap(getField(asMap(value, 'MSO status'), 'status_list', 'MSO status'), 'MSO status_list')
  return {
    idx: asUint(getField(statusList, 'idx', 'status_list'), 'status_list idx'),
    uri: asText(getField(statusList, 'uri', 'status_list'), 'status_list uri'),
  }
}

function readValidity(validityInfo: CborMap): VerifiedMdoc['validity'] {
  const validity: VerifiedMdoc['validity'] = {
    signed: asDate(getField(validityInfo, 'signed', 'validityInfo'), 'signed'),
    validFrom: asDate(getField(validityInfo, 'validFrom', 'validityInfo'), 'validFrom'),
    validUntil: asDate(getField(validityInfo, 'validUntil', 'validityInfo'), 'validUntil'),
  }
  if (validityInfo.has('expectedUpdate')) {
    validity.expectedUpdate = asDate(validityInfo.get('expectedUpdate'), 'expectedUpdate')
  }
  return validity
}

/** valueDigests as namespace -> digestID -> digest, with digestIDs as plain numbers. */
function readValueDigests(value: unknown): Map<string, Map<number, Uint8Array>> {
  const result = new Map<string, Map<number, Uint8Array>>()
  for (const [namespace, digests] of asMap(value, 'valueDigests')) {
    const byId = new Map<number, Uint8Array>()
    for (const [digestID, digest] of asMap(digests, 'valueDigests namespace')) {
      byId.set(asUint(digestID, 'digestID'), asBytes(digest, 'digest'))
    }
    result.set(asText(namespace, 'valueDigests namespace'), byId)
  }
  return result
}

/**
 * Hashes each IssuerSignedItemBytes, `#6.24(bstr .cbor IssuerSignedItem)`, exactly as
 * presented (ISO/IEC 18013-5 section 9.1.2.5), and compares it with the digest the issuer
 * signed under its namespace and digestID.
 */
function verifyDigests(
  value: unknown,
  valueDigests: Map<string, Map<number, Uint8Array>>,
  hash: string,
): Record<string, Record<string, unknown>> {
  // nameSpaces is optional in IssuerSigned: a presentation may disclose no elements.
  if (value === undefined) return {}
  const namespaces: Array<[string, Record<string, unknown>]> = []
  for (const [key, items] of asMap(value, 'nameSpaces')) {
    const namespace = asText(key, 'namespace')
    const digests = valueDigests.get(namespace)
    if (!digests) throw new PolisError('ERR_DISCLOSURE_UNREFERENCED', { detail: 'namespace not in the MSO' })
    const seenIds = new Set<number>()
    const seenIdentifiers = new Set<string>()
    const elements: Array<[string, unknown]> = []
    for (const itemBytes of asArray(items, 'namespace items')) {
      const { content, bytes } = asTag24(itemBytes, 'IssuerSignedItemBytes')
      const item = asMap(decodeCbor(content, 'IssuerSignedItem'), 'IssuerSignedItem')
      const digestID = asUint(getField(item, 'digestID', 'IssuerSignedItem'), 'digestID')
      asBytes(getField(item, 'random', 'IssuerSignedItem'), 'random')
      const identifier = asText(getField(item, 'elementIdentifier', 'IssuerSignedItem'), 'elementIdentifier')
      const elementValue = getField(item, 'elementValue', 'IssuerSignedItem')
      if (seenIds.has(digestID) || seenIdentifiers.has(identifier)) {
        throw new PolisError('ERR_DISCLOSURE_DUPLICATE', { detail: 'an element appears twice in a namespace' })
      }
      seenIds.add(digestID)
      seenIdentifiers.add(identifier)
      const expected = digests.get(digestID)
      if (!expected) throw new PolisError('ERR_DISCLOSURE_UNREFERENCED', { detail: 'digestID not in the MSO' })
      const actual = createHash(hash).update(bytes).digest()
      if (!actual.equals(expected)) throw new PolisError('ERR_DIGEST_MISMATCH')
      elements.push([identifier, fromCborValue(elementValue)])
    }
    namespaces.push([namespace, Object.fromEntries(elements)])
  }
  return Object.fromEntries(namespaces)
}
