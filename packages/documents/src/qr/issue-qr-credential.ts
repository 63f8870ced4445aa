import { randomBytes as nodeRandomBytes } from 'node:crypto'
import { PolisError, type PublicJwk, type RandomBytes, type SigningKey } from '@polis/kernel'
import { encodeArray, encodeByteString } from '../mdoc/cbor-bytes.ts'
import { coseKeyFromJwk } from '../mdoc/convert-cose-key.ts'
import { encodeCbor, toCborValue } from '../mdoc/encode-cbor.ts'
import { signCoseSign1 } from '../mdoc/sign-cose-sign1.ts'
import {
  certificateThumbprint,
  coseAlg,
  coseX5t,
  es256,
  itemDigest,
  msoKeys,
  saltLength,
  sha256Truncated64,
} from './qr-format.ts'

export interface IssueQrCredentialOptions {
  /** The catalogue code of the document type, e.g. `id-card`. */
  documentType: string
  /** The claims an inspector may be shown, by name: strings, numbers, booleans, FullDate, Uint8Array, arrays, objects. */
  claims: Record<string, unknown>
  deviceKey: PublicJwk
  signingKey: SigningKey
  validFrom: Date
  validUntil: Date
  now: Date
  status?: { uri: string; idx: number }
  randomBytes?: RandomBytes
}

/**
 * Issues the in-person copy of a document (docs/qr-format.md): each claim salted and
 * hashed into a mobile security object signed by the agency, which names its
 * certificate by thumbprint instead of carrying it. Returns the CBOR
 * `[bstr .cbor COSE_Sign1, [+ bstr .cbor [digestID, salt, name, value]]]`.
 */
export async function issueQrCredential(options: IssueQrCredentialOptions): Promise<Uint8Array> {
  const randomBytes = options.randomBytes ?? ((length: number) => new Uint8Array(nodeRandomBytes(length)))
  const entries = Object.entries(options.claims)
  if (entries.length === 0) throw new PolisError('ERR_BAD_REQUEST', { detail: 'an in-person copy needs claims' })
  if (entries.length > 255) throw new PolisError('ERR_BAD_REQUEST', { detail: 'too many claims' })
  if (options.signingKey.alg !== 'ES256' || options.signingKey.chain.length === 0) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the signing key must be ES256 with a certificate' })
  }
  if (!(options.validFrom.getTime() < options.validUntil.getTime())) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'validFrom must precede validUntil' })
  }
  // Digest IDs in a random order, so that an ID says nothing about which claim it stands for.
  const ids = shuffledIds(entries.length, randomBytes)
  const items: Uint8Array[] = []
  const digests = new Map<number, Uint8Array>()
  for (const [index, [name, value]] of entries.entries()) {
    const id = ids[index] as number
    const salt = new Uint8Array(randomBytes(saltLength))
    if (salt.length !== saltLength) throw new PolisError('ERR_INTERNAL', { detail: 'randomBytes returned too few' })
    const item = encodeCbor([id, salt, name, toCborValue(value)])
    items.push(item)
    digests.set(id, await itemDigest(item))
  }
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000)
  const mso = new Map<number, unknown>([
    [msoKeys.documentType, options.documentType],
    [msoKeys.digests, digests],
    [msoKeys.deviceKey, coseKeyFromJwk(options.deviceKey)],
    [msoKeys.signed, seconds(options.now)],
    [msoKeys.validFrom, seconds(options.validFrom)],
    [msoKeys.validUntil, seconds(options.validUntil)],
  ])
  if (options.status) mso.set(msoKeys.status, [options.status.idx, options.status.uri])
  const thumbprint = await certificateThumbprint(options.signingKey.chain[0] as Uint8Array)
  const issuerAuth = await signCoseSign1({
    payload: encodeCbor(mso),
    protectedHeader: new Map<number, unknown>([
      [coseAlg, es256],
      [coseX5t, [sha256Truncated64, thumbprint]],
    ]),
    unprotectedHeader: new Map(),
    sign: options.signingKey.sign,
  })
  return encodeArray([encodeByteString(encodeCbor(issuerAuth)), encodeArray(items.map(encodeByteString))])
}

function shuffledIds(count: number, randomBytes: RandomBytes): number[] {
  const ids = Array.from({ length: count }, (_, index) => index)
  for (let i = ids.length - 1; i > 0; i--) {
    // Rejection sampling over one byte keeps every order equally likely (count <= 255).
    const limit = 256 - (256 % (i + 1))
    let draw: number
    do draw = randomBytes(1)[0] as number
    while (draw >= limit)
    const j = draw % (i + 1)
    ;[ids[i], ids[j]] = [ids[j] as number, ids[i] as number]
  }
  return ids
}
