import { PolisError } from '@polis/kernel/errors'
import { asArray, asBytes, asMap, asUint, decodeCbor, fromCborValue } from '../mdoc/decode-cbor.ts'
import { FullDate } from '../mdoc/full-date.ts'
import { parseCoseSign1 } from '../mdoc/parse-cose-sign1.ts'
import { readCbor } from '../mdoc/read-cbor.ts'
import { digestLength, hexOf, msoKeys, saltLength, uuidOf } from './qr-format.ts'

/** One claim of an in-person copy: its exact bytes, which the issuer's digest covers. */
export interface QrItem {
  bytes: Uint8Array
  name: string
  /** Strings, numbers, booleans, arrays, objects; dates as `YYYY-MM-DD`; images as Uint8Array. */
  value: unknown
}

/** The mobile security object: what the issuer signed. */
export interface QrMso {
  documentType: string
  /** Hex of every claim's digest; a claim shown must hash to one of them. */
  digests: Set<string>
  deviceKey: unknown
  validUntil: number
  /** The status list entry: the list's UUID and the index in it. */
  status: { idx: number; listId: string } | undefined
}

/** An in-person copy as the wallet keeps it, or the issuer-signed part of a presentation. */
export interface QrCredential {
  issuerAuth: Uint8Array
  items: QrItem[]
}

const maxCredentialBytes = 64 * 1024

/** Reads the credential the issuer gave (`[issuerAuth, [items]]`); ERR_MALFORMED when it is not one. */
export function readQrCredential(bytes: Uint8Array): QrCredential {
  const parts = asArray(readCbor(bytes, { maxBytes: maxCredentialBytes }), 'credential')
  if (parts.length !== 2) throw malformed('a credential has two parts')
  const [issuerAuth, items] = parts
  return { issuerAuth: asBytes(issuerAuth, 'issuerAuth'), items: readItems(items) }
}

/** The items of a credential or presentation, each checked for shape; names must not repeat. */
export function readItems(value: unknown): QrItem[] {
  const names = new Set<string>()
  return asArray(value, 'items').map((entry) => {
    const bytes = asBytes(entry, 'item')
    const item = asArray(decodeCbor(bytes, 'item'), 'item')
    if (item.length !== 3) throw malformed('an item has three parts')
    const [salt, name, value] = item
    if (asBytes(salt, 'salt').length !== saltLength) throw malformed('a salt is 16 bytes')
    if (typeof name !== 'string' || name.length === 0 || name.length > 64) throw malformed('a claim name is text')
    if (names.has(name)) throw malformed('a claim appears twice')
    names.add(name)
    return { bytes, name, value: plainValue(fromCborValue(value)) }
  })
}

/** The issuer's COSE_Sign1 and the mobile security object inside it, shape-checked. */
export function readIssuerAuth(issuerAuth: Uint8Array) {
  const sign1 = parseCoseSign1(decodeCbor(issuerAuth, 'issuerAuth'), 'issuerAuth')
  if (!sign1.payload) throw malformed('issuerAuth has no payload')
  const mso = asMap(decodeCbor(sign1.payload, 'mobile security object'), 'mobile security object')
  const field = (key: number) => mso.get(key)
  const documentType = field(msoKeys.documentType)
  if (typeof documentType !== 'string' || !/^[a-z0-9-]{1,64}$/.test(documentType)) {
    throw malformed('the document type is not a catalogue code')
  }
  const digests = new Set<string>()
  for (const digest of asArray(field(msoKeys.digests), 'digests')) {
    if (asBytes(digest, 'digest').length !== digestLength) throw malformed('a digest is 16 bytes')
    digests.add(hexOf(digest as Uint8Array))
  }
  let status: QrMso['status']
  if (mso.has(msoKeys.status)) {
    const [idx, listId, ...rest] = asArray(field(msoKeys.status), 'status')
    if (asBytes(listId, 'status list id').length !== 16 || rest.length > 0) throw malformed('status is [idx, list id]')
    status = { idx: asUint(idx, 'status idx'), listId: uuidOf(listId as Uint8Array) }
  }
  const result: QrMso = {
    documentType,
    digests,
    deviceKey: field(msoKeys.deviceKey),
    validUntil: asUint(field(msoKeys.validUntil), 'validUntil'),
    status,
  }
  return { sign1, mso: result }
}

/** Reads the presentation's parts: `[issuerAuth, [items], time, deviceSignature]`. */
export function readPresentationParts(bytes: Uint8Array, maxBytes: number) {
  const parts = asArray(readCbor(bytes, { maxBytes }), 'presentation')
  if (parts.length !== 4) throw malformed('a presentation has four parts')
  const [issuerAuth, items, time, deviceSignature] = parts
  const result = {
    issuerAuth: asBytes(issuerAuth, 'issuerAuth'),
    items: readItems(items),
    time: asUint(time, 'time'),
    deviceSignature: asBytes(deviceSignature, 'device signature'),
  }
  if (result.deviceSignature.length !== 64) throw malformed('the device signature is 64 bytes')
  return result
}

/** Claim values as an app shows them: full-dates as `YYYY-MM-DD` text. */
function plainValue(value: unknown): unknown {
  if (value instanceof FullDate) return value.value
  if (Array.isArray(value)) return value.map(plainValue)
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Map)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainValue(item)]))
  }
  return value
}

function malformed(detail: string): PolisError {
  return new PolisError('ERR_MALFORMED', { detail: `QR: ${detail}` })
}
