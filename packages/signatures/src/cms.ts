import { createHash } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

/** Object identifiers of RFC 5652 (CMS), RFC 5035 (ESS) and RFC 3161 (time-stamps) that Polis uses. */
export const oids = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const

export const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest())

const malformed = (detail: string, cause?: unknown) => new PolisError('ERR_MALFORMED', { detail, cause })

/** Parses one DER value that must span all of `bytes`. */
export function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes)
  if (parsed.offset === -1 || parsed.offset !== bytes.length) throw malformed(`${what} is not DER`)
  return parsed.result
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  try {
    return new pkijs.Certificate({ schema: parseDer(der, 'a certificate') })
  } catch (cause) {
    throw isMalformed(cause) ? cause : malformed('a certificate cannot be read', cause)
  }
}

const isMalformed = (error: unknown) => error instanceof PolisError

const der = (value: { toSchema(): asn1js.AsnType } | asn1js.AsnType): Uint8Array =>
  new Uint8Array(('toSchema' in value ? value.toSchema() : value).toBER(false))

/**
 * ESS signing-certificate-v2 (RFC 5035): the signer's certificate by its SHA-256 hash
 * (the default algorithm, so not written) and its issuer and serial number. CAdES and
 * PAdES baseline signatures must carry it, so that no other certificate for the same
 * key can be swapped in.
 */
function signingCertificateV2(certificate: Uint8Array): asn1js.Sequence {
  const parsed = parseCertificate(certificate)
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        // GeneralNames holding one directoryName ([4], explicit because Name is a CHOICE).
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [parsed.issuer.toSchema()] })],
      }),
      new asn1js.Integer({ valueHex: parsed.serialNumber.valueBlock.valueHexView }),
    ],
  })
  const certId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha256(certificate) }), issuerSerial],
  })
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] })
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  }
  return a.length - b.length
}

/** The signed attributes of a CAdES signature, in DER order (a SET OF is sorted by encoding). */
function signedAttributes(options: {
  contentType: string
  digest: Uint8Array
  certificate: Uint8Array
  signingTime?: Date
}): pkijs.Attribute[] {
  const attributes = [
    new pkijs.Attribute({
      type: oids.contentType,
      values: [new asn1js.ObjectIdentifier({ value: options.contentType })],
    }),
    new pkijs.Attribute({ type: oids.messageDigest, values: [new asn1js.OctetString({ valueHex: options.digest })] }),
    new pkijs.Attribute({ type: oids.signingCertificateV2, values: [signingCertificateV2(options.certificate)] }),
  ]
  if (options.signingTime) {
    attributes.push(
      new pkijs.Attribute({ type: oids.signingTime, values: [new asn1js.UTCTime({ valueDate: options.signingTime })] }),
    )
  }
  return attributes
    .map((attribute) => ({ attribute, encoded: der(attribute) }))
    .sort((a, b) => compareBytes(a.encoded, b.encoded))
    .map((entry) => entry.attribute)
}

/**
 * What the signer's key signs (RFC 5652, section 5.4): the DER of the signed attributes
 * as a SET. For PAdES the signing time is left out (the PDF's /M says it, ETSI EN 319
 * 142-1); for CAdES it is the time the signer claims.
 */
export function toBeSigned(options: {
  digest: Uint8Array
  certificate: Uint8Array
  signingTime?: Date
  contentType?: string
}): Uint8Array {
  const set = new asn1js.Set({
    value: signedAttributes({ contentType: oids.data, ...options }).map((a) => a.toSchema()),
  })
  return new Uint8Array(set.toBER(false))
}

/** The signed attributes back from the bytes that were signed (as `toBeSigned` made them). */
function attributesOf(signedBytes: Uint8Array): pkijs.Attribute[] {
  const set = parseDer(signedBytes, 'the signed attributes')
  if (!(set instanceof asn1js.Set)) throw malformed('the signed attributes are not a SET')
  return set.valueBlock.value.map((schema) => new pkijs.Attribute({ schema }))
}

function issuerAndSerial(certificate: pkijs.Certificate) {
  return new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber })
}

/**
 * A detached CMS SignedData (CAdES) from the bytes the signer signed, their ECDSA
 * signature (DER), the certificates to carry (signer first) and, for level B-T, the
 * signature's time-stamp token as an unsigned attribute.
 */
export function assembleSignedData(options: {
  signedBytes: Uint8Array
  signature: Uint8Array
  certificates: Uint8Array[]
  timestampToken?: Uint8Array
  /** The encapsulated content itself (a time-stamp's TSTInfo); absent for a detached signature. */
  content?: { type: string; bytes: Uint8Array }
}): Uint8Array {
  const certificates = options.certificates.map(parseCertificate)
  const signer = certificates[0] as pkijs.Certificate
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: issuerAndSerial(signer),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: oids.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attributesOf(options.signedBytes) }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: oids.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: options.signature }),
  })
  if (options.timestampToken) {
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [
        new pkijs.Attribute({
          type: oids.signatureTimeStampToken,
          values: [parseDer(options.timestampToken, 'the time-stamp token')],
        }),
      ],
    })
  }
  const signedData = new pkijs.SignedData({
    // Version 3 when the content is not id-data (RFC 5652, section 5.1), as a time-stamp's is.
    version: options.content && options.content.type !== oids.data ? 3 : 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: oids.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: options.content?.type ?? oids.data,
      ...(options.content ? { eContent: new asn1js.OctetString({ valueHex: options.content.bytes }) } : {}),
    }),
    certificates,
    signerInfos: [signerInfo],
  })
  const contentInfo = new pkijs.ContentInfo({ contentType: oids.signedData, content: signedData.toSchema(true) })
  const bytes = der(contentInfo)
  // What the signer signed must be exactly what the structure carries.
  if (compareBytes(signedAttributesBytes(readSignedData(bytes).signerInfo), options.signedBytes) !== 0) {
    throw new PolisError('ERR_INTERNAL', { detail: 'signed attributes changed on assembly' })
  }
  return bytes
}

/** A parsed CMS SignedData with its one signer, as the verifier reads it. */
export interface ReadSignedData {
  signedData: pkijs.SignedData
  signerInfo: pkijs.SignerInfo
  certificates: Uint8Array[]
  /** The encapsulated content, when the structure carries it (time-stamps do; detached signatures do not). */
  content?: Uint8Array
  contentType: string
}

/** Reads a DER ContentInfo holding a SignedData with exactly one signer. ERR_MALFORMED otherwise. */
export function readSignedData(bytes: Uint8Array): ReadSignedData {
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: parseDer(bytes, 'the CMS structure') })
    if (contentInfo.contentType !== oids.signedData) throw malformed('the CMS structure is not SignedData')
    const signedData = new pkijs.SignedData({ schema: contentInfo.content })
    if (signedData.signerInfos.length !== 1) throw malformed('a signature must have exactly one signer')
    const certificates = (signedData.certificates ?? []).map((c) => {
      if (!(c instanceof pkijs.Certificate)) throw malformed('only X.509 certificates may be carried')
      return der(c)
    })
    const eContent = signedData.encapContentInfo.eContent
    return {
      signedData,
      signerInfo: signedData.signerInfos[0] as pkijs.SignerInfo,
      certificates,
      contentType: signedData.encapContentInfo.eContentType,
      ...(eContent ? { content: new Uint8Array(eContent.getValue()) } : {}),
    }
  } catch (cause) {
    throw isMalformed(cause) ? cause : malformed('the signature cannot be read', cause)
  }
}

/** The bytes a signer signed: its signed attributes, re-tagged as the SET they were signed as. */
export function signedAttributesBytes(signerInfo: pkijs.SignerInfo): Uint8Array {
  const encoded = signerInfo.signedAttrs?.encodedValue
  if (!encoded || encoded.byteLength === 0) throw malformed('the signature has no signed attributes')
  const bytes = new Uint8Array(encoded.slice(0))
  bytes[0] = 0x31
  return bytes
}

/** The single value of a signed or unsigned attribute, or undefined. */
export function attributeValue(
  attributes: pkijs.SignedAndUnsignedAttributes | undefined,
  type: string,
): asn1js.AsnType | undefined {
  const found = attributes?.attributes.filter((a) => a.type === type) ?? []
  if (found.length > 1 || (found[0] && found[0].values.length !== 1)) {
    throw malformed(`attribute ${type} appears more than once`)
  }
  return found[0]?.values[0]
}

/** The certificate that `signerInfo` names (by issuer and serial number) among `certificates`. */
export function findSignerCertificate(signerInfo: pkijs.SignerInfo, certificates: Uint8Array[]): Uint8Array {
  const sid = signerInfo.sid
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) throw malformed('the signer is named by key identifier')
  for (const bytes of certificates) {
    const certificate = parseCertificate(bytes)
    if (certificate.serialNumber.isEqual(sid.serialNumber) && certificate.issuer.isEqual(sid.issuer)) return bytes
  }
  throw malformed('the signer’s certificate is not in the signature')
}

/** Whether the signing-certificate-v2 attribute names this very certificate. */
export function namesCertificate(value: asn1js.AsnType | undefined, certificate: Uint8Array): boolean {
  if (!(value instanceof asn1js.Sequence)) return false
  const certs = value.valueBlock.value[0]
  if (!(certs instanceof asn1js.Sequence)) return false
  const first = certs.valueBlock.value[0]
  if (!(first instanceof asn1js.Sequence)) return false
  const [head, second] = first.valueBlock.value
  // A hash algorithm other than the default SHA-256 comes first when present.
  if (head instanceof asn1js.Sequence) {
    const algorithm = new pkijs.AlgorithmIdentifier({ schema: head })
    if (algorithm.algorithmId !== oids.sha256 || !(second instanceof asn1js.OctetString)) return false
    return compareBytes(second.valueBlock.valueHexView, sha256(certificate)) === 0
  }
  if (!(head instanceof asn1js.OctetString)) return false
  return compareBytes(head.valueBlock.valueHexView, sha256(certificate)) === 0
}

export { compareBytes }
