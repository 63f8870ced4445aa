import type { Sign } from '@polis/kernel'
import { PolisError } from '@polis/kernel/errors'
import { type CborItem, embedCbor, encodeCbor } from './encode-cbor.ts'
import { type CborTagged, decodeCborValue, readCbor } from './read-cbor.ts'

/** An mdoc as issued (IssuerSigned), taken apart for presenting: every element with its signed bytes. */
export interface HeldMdoc {
  docType: string
  /** Element values by namespace and identifier. */
  namespaces: Record<string, Record<string, unknown>>
  /** IssuerSignedItemBytes exactly as the issuer hashed them, by namespace and identifier. */
  items: Map<string, Map<string, Uint8Array>>
  issuerAuth: Uint8Array
}

const malformed = (detail: string) => new PolisError('ERR_MALFORMED', { detail })

function asMap(value: unknown, what: string): Map<unknown, unknown> {
  if (!(value instanceof Map)) throw malformed(`${what} is not a map`)
  return value
}

function embedded(value: unknown, what: string): Uint8Array {
  const tagged = value as CborTagged
  if (tagged?.tag !== 24 || !(tagged.value instanceof Uint8Array)) throw malformed(`${what} is not embedded CBOR`)
  return tagged.value
}

const cache = new WeakMap<Uint8Array, HeldMdoc>()

/** Reads an IssuerSigned structure (ISO/IEC 18013-5 section 8.3.2.1.2.2) the wallet holds; nothing is verified. */
export function readHeldMdoc(issuerSigned: Uint8Array): HeldMdoc {
  let held = cache.get(issuerSigned)
  if (!held) {
    held = readIssuerSigned(issuerSigned)
    cache.set(issuerSigned, held)
  }
  return held
}

function readIssuerSigned(issuerSigned: Uint8Array): HeldMdoc {
  const top = readCbor(issuerSigned)
  if (!(top.value instanceof Map)) throw malformed('IssuerSigned is not a map')
  // Walk the top map again by spans: issuerAuth and each item are copied byte for byte.
  let at = readHeadLength(issuerSigned, 0).next
  const namespaces: HeldMdoc['namespaces'] = {}
  const items: HeldMdoc['items'] = new Map()
  let issuerAuth: Uint8Array | undefined
  for (let i = 0; i < top.value.size; i++) {
    const key = readCbor(issuerSigned, at)
    const value = readCbor(issuerSigned, key.end)
    at = value.end
    if (key.value === 'issuerAuth') issuerAuth = issuerSigned.subarray(value.start, value.end)
    if (key.value !== 'nameSpaces') continue
    for (const [namespace, list] of asMap(value.value, 'nameSpaces')) {
      if (typeof namespace !== 'string' || !Array.isArray(list)) throw malformed('a namespace is not a list')
      namespaces[namespace] = {}
      items.set(namespace, new Map())
    }
    // Item spans: re-read each namespace's array element by element.
    let inner = readCbor(issuerSigned, key.end).start
    const mapHead = readHeadLength(issuerSigned, inner)
    inner = mapHead.next
    for (let n = 0; n < mapHead.length; n++) {
      const namespace = readCbor(issuerSigned, inner)
      if (typeof namespace.value !== 'string') throw malformed('a namespace is not text')
      const arrayHead = readHeadLength(issuerSigned, namespace.end)
      let element = arrayHead.next
      for (let e = 0; e < arrayHead.length; e++) {
        const item = readCbor(issuerSigned, element)
        const fields = asMap(decodeCborValue(embedded(item.value, 'IssuerSignedItemBytes')), 'IssuerSignedItem')
        const identifier = fields.get('elementIdentifier')
        if (typeof identifier !== 'string') throw malformed('an item has no elementIdentifier')
        const ns = namespace.value as string
        ;(namespaces[ns] as Record<string, unknown>)[identifier] = plain(fields.get('elementValue'))
        items.get(ns)?.set(identifier, issuerSigned.subarray(item.start, item.end))
        element = item.end
      }
      inner = element
    }
  }
  if (!issuerAuth) throw malformed('IssuerSigned has no issuerAuth')
  const sign1 = decodeCborValue(issuerAuth)
  const payload = Array.isArray(sign1) ? sign1[2] : undefined
  if (!(payload instanceof Uint8Array)) throw malformed('issuerAuth has no payload')
  const mso = asMap(decodeCborValue(embedded(decodeCborValue(payload), 'MobileSecurityObjectBytes')), 'MSO')
  const docType = mso.get('docType')
  if (typeof docType !== 'string') throw malformed('the MSO has no docType')
  return { docType, namespaces, items, issuerAuth }
}

function readHeadLength(bytes: Uint8Array, offset: number): { length: number; next: number } {
  // Only map and array heads are read here; their contents were decoded once already.
  const major = (bytes[offset] ?? 0) >> 5
  if (major !== 4 && major !== 5) throw malformed('a map or list was expected')
  const item = readCbor(bytes, offset)
  const length = item.value instanceof Map ? item.value.size : (item.value as unknown[]).length
  const info = (bytes[offset] as number) & 0x1f
  const headSize = info < 24 ? 1 : info === 24 ? 2 : info === 25 ? 3 : info === 26 ? 5 : 9
  return { length, next: offset + headSize }
}

/** Element values as a holder compares them with DCQL `values`: full-dates (tag 1004) and tdates as their text. */
function plain(value: unknown): unknown {
  const tagged = value as CborTagged
  if (tagged && typeof tagged === 'object' && 'tag' in tagged && (tagged.tag === 1004 || tagged.tag === 0)) {
    return tagged.value
  }
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]))
  if (Array.isArray(value)) return value.map(plain)
  return value
}

export interface PresentMdocOptions {
  held: HeldMdoc
  /** The elements to disclose, as `[namespace, identifier]`. */
  elements: ReadonlyArray<readonly [string, string]>
  /** The SessionTranscript of this exchange, as CBOR bytes. */
  sessionTranscript: Uint8Array
  /** Signs with the device key the MSO names. */
  sign: Sign
}

/**
 * Builds a DeviceResponse (ISO/IEC 18013-5 section 8.3.2.1.2.2) with one document that
 * holds only the chosen elements, as the issuer signed them, and a device signature
 * (ES256 COSE_Sign1, detached) over DeviceAuthenticationBytes for this session transcript.
 */
export async function presentMdoc(options: PresentMdocOptions): Promise<Uint8Array> {
  const { held } = options
  const byNamespace = new Map<string, CborItem[]>()
  for (const [namespace, identifier] of options.elements) {
    const item = held.items.get(namespace)?.get(identifier)
    if (!item) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the mdoc has no such element' })
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), { raw: item }])
  }
  const deviceNameSpacesBytes = embedCbor(encodeCbor({ map: [] }))
  const deviceAuthentication = encodeCbor([
    'DeviceAuthentication',
    { raw: options.sessionTranscript },
    held.docType,
    deviceNameSpacesBytes,
  ])
  const protectedHeader = encodeCbor({ map: [[1, -7]] })
  const toBeSigned = encodeCbor([
    'Signature1',
    protectedHeader,
    new Uint8Array(0),
    encodeCbor(embedCbor(deviceAuthentication)),
  ])
  const signature = await options.sign(toBeSigned)
  const document: CborItem = {
    map: [
      ['docType', held.docType],
      [
        'issuerSigned',
        {
          map: [
            ['nameSpaces', { map: [...byNamespace] }],
            ['issuerAuth', { raw: held.issuerAuth }],
          ],
        },
      ],
      [
        'deviceSigned',
        {
          map: [
            ['nameSpaces', deviceNameSpacesBytes],
            ['deviceAuth', { map: [['deviceSignature', [protectedHeader, { map: [] }, null, signature]]] }],
          ],
        },
      ],
    ],
  }
  return encodeCbor({
    map: [
      ['version', '1.0'],
      ['documents', [document]],
      ['status', 0],
    ],
  })
}
