import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto'
import { PolisError, type PublicJwk, type RandomBytes, type SigningKey } from '@polis/kernel'
import { concatBytes, encodeHead, encodeTag24 } from './cbor-bytes.ts'
import { coseKeyFromJwk } from './convert-cose-key.ts'
import { encodeCbor, toCborValue, toTdate } from './encode-cbor.ts'
import { signCoseSign1 } from './sign-cose-sign1.ts'

export interface IssueMdocOptions {
  /** e.g. `org.iso.18013.5.1.mDL` or `eu.europa.ec.eudi.pid.1`. */
  docType: string
  /**
   * Element values by namespace and element identifier. Strings, numbers, booleans,
   * null, Uint8Array (bstr), Date (tdate), FullDate (`fullDate('1990-01-02')`, tag 1004),
   * arrays and plain objects (maps) of these.
   */
  namespaces: Record<string, Record<string, unknown>>
  /** The holder's public key, which device authentication will be checked against. */
  deviceKey: PublicJwk
  signingKey: SigningKey
  validFrom: Date
  validUntil: Date
  now: Date
  /** The credential's Token Status List entry, carried in the MSO (draft-ietf-oauth-status-list section 6.3). */
  status?: { uri: string; idx: number }
  randomBytes?: RandomBytes
}

// ISO/IEC 18013-5 section 9.1.2.5 asks for at least 16 random bytes; 32 match the digest size.
const saltLength = 32
const x5chainLabel = 33

/**
 * Issues an mdoc as the IssuerSigned structure (ISO/IEC 18013-5 section 8.3.2.1.2.2):
 * every element salted and hashed into a MobileSecurityObject, which is signed as a
 * COSE_Sign1 with the issuer's certificate chain. OpenID4VCI carries it base64url-encoded.
 */
export async function issueMdoc(options: IssueMdocOptions): Promise<Uint8Array> {
  const randomBytes = options.randomBytes ?? ((length: number) => new Uint8Array(nodeRandomBytes(length)))
  checkOptions(options)
  const encodedNamespaces: Array<[string, Uint8Array[]]> = []
  const valueDigests = new Map<string, Map<number, Uint8Array>>()
  for (const [namespace, elements] of Object.entries(options.namespaces)) {
    const entries = Object.entries(elements)
    if (entries.length === 0) throw new PolisError('ERR_BAD_REQUEST', { detail: 'a namespace has no elements' })
    // Shuffled so that a digestID says nothing about which element it stands for (section 9.1.2.5).
    const digestIds = shuffle(
      entries.map((_, index) => index),
      randomBytes,
    )
    const items: Uint8Array[] = []
    const digests = new Map<number, Uint8Array>()
    for (const [index, [elementIdentifier, elementValue]] of entries.entries()) {
      const digestID = digestIds[index] as number
      const item = encodeCbor(
        new Map<string, unknown>([
          ['digestID', digestID],
          ['random', salt(randomBytes)],
          ['elementIdentifier', elementIdentifier],
          ['elementValue', toCborValue(elementValue)],
        ]),
      )
      const itemBytes = encodeTag24(item)
      items.push(itemBytes)
      digests.set(digestID, new Uint8Array(createHash('sha256').update(itemBytes).digest()))
    }
    encodedNamespaces.push([namespace, items])
    valueDigests.set(namespace, digests)
  }
  const mso = new Map<string, unknown>([
    ['version', '1.0'],
    ['digestAlgorithm', 'SHA-256'],
    ['valueDigests', valueDigests],
    ['deviceKeyInfo', new Map([['deviceKey', coseKeyFromJwk(options.deviceKey)]])],
    ['docType', options.docType],
    [
      'validityInfo',
      new Map([
        ['signed', toTdate(options.now)],
        ['validFrom', toTdate(options.validFrom)],
        ['validUntil', toTdate(options.validUntil)],
      ]),
    ],
  ])
  if (options.status) {
    mso.set(
      'status',
      new Map([
        [
          'status_list',
          new Map<string, unknown>([
            ['idx', options.status.idx],
            ['uri', options.status.uri],
          ]),
        ],
      ]),
    )
  }
  const chain = options.signingKey.chain
  const issuerAuth = await signCoseSign1({
    payload: encodeTag24(encodeCbor(mso)),
    unprotectedHeader: new Map([[x5chainLabel, chain.length === 1 ? chain[0] : chain]]),
    sign: options.signingKey.sign,
  })
  return encodeIssuerSigned(encodedNamespaces, encodeCbor(issuerAuth))
}

function checkOptions(options: IssueMdocOptions): void {
  const bad = (detail: string) => new PolisError('ERR_BAD_REQUEST', { detail })
  if (typeof options.docType !== 'string' || options.docType.length === 0) throw bad('docType is empty')
  if (Object.keys(options.namespaces).length === 0) throw bad('no namespaces')
  if (options.signingKey.alg !== 'ES256') throw bad('the signing key must be ES256')
  if (options.signingKey.chain.length === 0) throw bad('the signing key has no certificate chain')
  if (!(options.validFrom.getTime() < options.validUntil.getTime())) throw bad('validFrom must precede validUntil')
}

/**
 * Writes IssuerSigned by hand around the item bytes, so that each IssuerSignedItemBytes
 * appears exactly as it was hashed, whatever heads cbor-x would choose.
 */
function encodeIssuerSigned(namespaces: Array<[string, Uint8Array[]]>, issuerAuth: Uint8Array): Uint8Array {
  const parts = [encodeHead(5, 2), encodeCbor('nameSpaces'), encodeHead(5, namespaces.length)]
  for (const [namespace, items] of namespaces) parts.push(encodeCbor(namespace), encodeHead(4, items.length), ...items)
  parts.push(encodeCbor('issuerAuth'), issuerAuth)
  return concatBytes(...parts)
}

function salt(randomBytes: RandomBytes): Uint8Array {
  const bytes = randomBytes(saltLength)
  if (bytes.length !== saltLength)
    throw new PolisError('ERR_INTERNAL', { detail: 'randomBytes returned too few bytes' })
  return new Uint8Array(bytes)
}

/** Fisher-Yates with unbiased draws from randomBytes (rejection sampling). */
function shuffle(values: number[], randomBytes: RandomBytes): number[] {
  const result = [...values]
  for (let i = result.length - 1; i > 0; i--) {
    const j = uniformBelow(i + 1, randomBytes)
    ;[result[i], result[j]] = [result[j] as number, result[i] as number]
  }
  return result
}

function uniformBelow(bound: number, randomBytes: RandomBytes): number {
  const limit = 0x100000000 - (0x100000000 % bound)
  for (;;) {
    const value = Buffer.from(randomBytes(4)).readUInt32BE(0)
    if (value < limit) return value % bound
  }
}
