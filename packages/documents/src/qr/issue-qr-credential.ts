import { randomBytes as nodeRandomBytes } from 'node:crypto'
import { PolisError, type PublicJwk, type RandomBytes, type SigningKey } from '@polis/kernel'
import { encodeArray, encodeByteString } from '../mdoc/cbor-bytes.ts'
import { coseKeyFromJwk } from '../mdoc/convert-cose-key.ts'
import { encodeCbor, toCborValue } from '../mdoc/encode-cbor.ts'
import { signCoseSign1 } from '../mdoc/sign-cose-sign1.ts'
import {
  certificateThumbprint,
  coseAlg,
  coseKid,
  es256,
  itemDigest,
  msoKeys,
  saltLength,
  uuidPattern,
} from './qr-format.ts'

export interface IssueQrCredentialOptions {
  /** The catalogue code of the document type, e.g. `id-card`. */
  documentType: string
  /** The claims an inspector may be shown, by name: strings, numbers, booleans, FullDate, Uint8Array, arrays, objects. */
  claims: Record<string, unknown>
  deviceKey: PublicJwk
  signingKey: SigningKey
  validUntil: Date
  /**
   * The credential's entry in a Token Status List, named by the list's UUID (its URI is
   * `<instance>/status/<uuid>`): 16 bytes in the QR instead of a 60-character URI.
   */
  status?: { listId: string; idx: number }
  randomBytes?: RandomBytes
}

/**
 * Issues the in-person copy of a document (docs/qr-format.md): each claim salted and
 * hashed into a mobile security object signed by the agency, which names its
 * certificate by thumbprint instead of carrying it. Returns the CBOR
 * `[bstr .cbor COSE_Sign1, [+ bstr .cbor [salt, name, value]]]`.
 */
export async function issueQrCredential(options: IssueQrCredentialOptions): Promise<Uint8Array> {
  const randomBytes = options.randomBytes ?? ((length: number) => new Uint8Array(nodeRandomBytes(length)))
  const entries = Object.entries(options.claims)
  if (entries.length === 0) throw new PolisError('ERR_BAD_REQUEST', { detail: 'an in-person copy needs claims' })
  if (entries.length > 255) throw new PolisError('ERR_BAD_REQUEST', { detail: 'too many claims' })
  if (options.signingKey.alg !== 'ES256' || options.signingKey.chain.length === 0) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the signing key must be ES256 with a certificate' })
  }
  if (Number.isNaN(options.validUntil.getTime())) throw new PolisError('ERR_BAD_REQUEST', { detail: 'no validUntil' })
  const items: Uint8Array[] = []
  const digests: Uint8Array[] = []
  for (const [name, value] of entries) {
    const salt = new Uint8Array(randomBytes(saltLength))
    if (salt.length !== saltLength) throw new PolisError('ERR_INTERNAL', { detail: 'randomBytes returned too few' })
    const item = encodeCbor([salt, name, toCborValue(value)])
    items.push(item)
    digests.push(await itemDigest(item))
  }
  // Sorted, as SD-JWT sorts its digests: their order then says nothing about the claims'.
  digests.sort(compareBytes)
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000)
  const mso = new Map<number, unknown>([
    [msoKeys.documentType, options.documentType],
    [msoKeys.digests, digests],
    [msoKeys.deviceKey, coseKeyFromJwk(options.deviceKey)],
    [msoKeys.validUntil, seconds(options.validUntil)],
  ])
  if (options.status) mso.set(msoKeys.status, [options.status.idx, uuidBytes(options.status.listId)])
  const thumbprint = await certificateThumbprint(options.signingKey.chain[0] as Uint8Array)
  const issuerAuth = await signCoseSign1({
    payload: encodeCbor(mso),
    protectedHeader: new Map<number, unknown>([
      [coseAlg, es256],
      [coseKid, thumbprint],
    ]),
    unprotectedHeader: new Map(),
    sign: options.signingKey.sign,
  })
  return encodeArray([encodeByteString(encodeCbor(issuerAuth)), encodeArray(items.map(encodeByteString))])
}

function uuidBytes(uuid: string): Uint8Array {
  if (!uuidPattern.test(uuid)) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the status list id is not a UUID' })
  return new Uint8Array(Buffer.from(uuid.replace(/-/g, ''), 'hex'))
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  return a.length - b.length
}
