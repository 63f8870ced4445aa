import { randomBytes } from 'node:crypto'
import { PolisError, rawSignatureToDer, type Sign } from '@polis/kernel'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { isTimestampAuthority } from './certificates.ts'
import {
  assembleSignedData,
  attributeValue,
  compareBytes,
  findSignerCertificate,
  namesCertificate,
  oids,
  readSignedData,
  sha256,
  signedAttributesBytes,
  toBeSigned,
} from './cms.ts'
import { type ChainCheck, verifyEcdsa } from './verify-chain.ts'

/**
 * The policy under which Polis time-stamps (RFC 3161 asks for one): an OID under the
 * UUID arc 2.25, so that it needs no registration.
 */
export const timestampPolicy = '2.25.195940316462063411409624339620185858761'

/** The platform's time-stamping authority: its certificate and signer. */
export interface TimestampAuthority {
  certificate: Uint8Array
  sign: Sign
}

/**
 * An RFC 3161 time-stamp token over `data` (its SHA-256 is the message imprint): a
 * TSTInfo signed by the authority as CMS SignedData, with signing-certificate-v2 as
 * RFC 5816 asks. Polis signs the token itself; no request goes over the network.
 */
export async function createTimestampToken(options: {
  authority: TimestampAuthority
  data: Uint8Array
  genTime: Date
}): Promise<Uint8Array> {
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: timestampPolicy,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: oids.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256(options.data) }),
    }),
    serialNumber: new asn1js.Integer({ valueHex: positive(randomBytes(16)) }),
    genTime: options.genTime,
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
  })
  const content = new Uint8Array(tstInfo.toSchema().toBER(false))
  const signedBytes = toBeSigned({
    digest: sha256(content),
    certificate: options.authority.certificate,
    contentType: oids.tstInfo,
  })
  const signature = rawSignatureToDer(await options.authority.sign(signedBytes))
  return assembleSignedData({
    signedBytes,
    signature,
    certificates: [options.authority.certificate],
    content: { type: oids.tstInfo, bytes: content },
  })
}

function positive(bytes: Uint8Array): Uint8Array {
  bytes[0] = 0x40 | ((bytes[0] as number) & 0x3f)
  return bytes
}

/** A checked time-stamp: when, and by whom. */
export interface VerifiedTimestamp {
  genTime: Date
  authority: Uint8Array
}

const invalid = (detail: string, cause?: unknown) => new PolisError('ERR_TIMESTAMP_INVALID', { detail, cause })

/**
 * Checks an RFC 3161 token over `data`: the authority's signature and certificate
 * (time-stamping only, chained to a trusted anchor, valid at the time it states), the
 * signed attributes, and that the imprint is `data`'s SHA-256. ERR_TIMESTAMP_INVALID otherwise.
 */
export function verifyTimestampToken(options: {
  token: Uint8Array
  data: Uint8Array
  checkChain: ChainCheck
}): VerifiedTimestamp {
  let read: ReturnType<typeof readSignedData>
  let tstInfo: pkijs.TSTInfo
  try {
    read = readSignedData(options.token)
    if (read.contentType !== oids.tstInfo || !read.content) throw invalid('the token holds no TSTInfo')
    tstInfo = new pkijs.TSTInfo({ schema: asn1js.fromBER(read.content).result })
  } catch (cause) {
    throw cause instanceof PolisError && cause.code === 'ERR_TIMESTAMP_INVALID'
      ? cause
      : invalid('the time-stamp token cannot be read', cause)
  }
  const { signerInfo } = read
  const authority = findSignerCertificate(signerInfo, read.certificates)
  const attributes = signerInfo.signedAttrs
  const contentType = attributeValue(attributes, oids.contentType)
  const digest = attributeValue(attributes, oids.messageDigest)
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.getValue() !== oids.tstInfo) {
    throw invalid('the content type attribute is not TSTInfo')
  }
  if (
    !(digest instanceof asn1js.OctetString) ||
    compareBytes(digest.valueBlock.valueHexView, sha256(read.content)) !== 0
  ) {
    throw invalid('the TSTInfo does not match its digest')
  }
  if (!namesCertificate(attributeValue(attributes, oids.signingCertificateV2), authority)) {
    throw invalid('the token does not name the authority’s certificate')
  }
  if (signerInfo.signatureAlgorithm.algorithmId !== oids.ecdsaWithSha256) throw invalid('unsupported algorithm')
  if (!verifyEcdsa(authority, signedAttributesBytes(signerInfo), signerInfo.signature.valueBlock.valueHexView)) {
    throw invalid('the authority’s signature does not verify')
  }
  const imprint = tstInfo.messageImprint
  if (
    imprint.hashAlgorithm.algorithmId !== oids.sha256 ||
    compareBytes(imprint.hashedMessage.valueBlock.valueHexView, sha256(options.data)) !== 0
  ) {
    throw invalid('the time-stamp is for other data')
  }
  if (!isTimestampAuthority(authority)) throw invalid('the certificate is not a time-stamping authority’s')
  try {
    options.checkChain(authority, read.certificates, tstInfo.genTime)
  } catch (cause) {
    throw invalid('the time-stamping authority is not trusted', cause)
  }
  return { genTime: tstInfo.genTime, authority }
}
