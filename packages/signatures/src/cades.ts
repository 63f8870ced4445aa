import { PolisError, rawSignatureToDer } from '@polis/kernel'
import * as asn1js from 'asn1js'
import { allowsNonRepudiation, signerOf } from './certificates.ts'
import {
  assembleSignedData,
  attributeValue,
  compareBytes,
  findSignerCertificate,
  namesCertificate,
  oids,
  parseCertificate,
  readSignedData,
  signedAttributesBytes,
  toBeSigned,
} from './cms.ts'
import { createTimestampToken, type TimestampAuthority, verifyTimestampToken } from './timestamp.ts'
import { type ChainCheck, verifyEcdsa, verifyEcdsaRaw } from './verify-chain.ts'

/**
 * What the citizen's key signs for a CAdES or PAdES signature over content whose
 * SHA-256 is `digest`: the signed attributes (content type, message digest, signing
 * certificate v2 and, for CAdES only, the claimed signing time).
 */
export function prepareCms(options: { digest: Uint8Array; certificate: Uint8Array; signingTime?: Date }): Uint8Array {
  return toBeSigned(options)
}

/**
 * The CMS signature from what was signed and the signer's ECDSA signature (r‖s, as
 * WebCrypto gives it), time-stamped over the signature value by the platform's
 * authority: level B-T of ETSI EN 319 122-1 (CAdES) and EN 319 142-1 (PAdES).
 */
export async function finishCms(options: {
  signedBytes: Uint8Array
  signature: Uint8Array
  /** Signer's certificate first, then its CA. */
  certificates: Uint8Array[]
  timestampAuthority: TimestampAuthority
  now: Date
}): Promise<Uint8Array> {
  const signer = options.certificates[0] as Uint8Array
  if (!verifyEcdsaRaw(signer, options.signedBytes, options.signature)) {
    throw new PolisError('ERR_SIGNER_SIGNATURE_INVALID', { detail: 'the wallet’s signature does not verify' })
  }
  const signature = rawSignatureToDer(options.signature)
  return assembleSignedData({
    signedBytes: options.signedBytes,
    signature,
    certificates: options.certificates,
    timestampToken: await createTimestampToken({
      authority: options.timestampAuthority,
      data: signature,
      genTime: options.now,
    }),
  })
}

/** A signing certificate's status as its CA's records know it. */
export type CertificateStatus = (certificate: Uint8Array) => Promise<{ known: boolean; revokedAt?: Date }>

/** What a verifier found: who signed, when (by the time-stamp), and whether it holds. */
export interface SignatureReport {
  valid: boolean
  format: 'PAdES' | 'CAdES' | 'JAdES'
  /**
   * The signature's form: B-T when it carries a signature time-stamp, B-B without, read
   * before any check, so that a signature that fails is still named for what it is (a
   * time-stamped one whose document changed is B-T, not valid).
   */
  level: 'B-B' | 'B-T'
  signer?: { name: string; identifier?: string; country?: string; certificateSerial: string; issuer: string }
  /** The time-stamp's time: when the signature is proven to have existed. */
  timestampedAt?: string
  timestampAuthority?: string
  /** The time the signer's software claimed. */
  claimedSigningTime?: string
  certificateStatus?: 'good' | 'revoked-later'
  revokedAt?: string
  documentName?: string
  /** Why the signature does not hold, when it does not. */
  error?: PolisError
}

/** Throws with a code unless `ok`. */
function require(ok: boolean, code: PolisError['code'], detail: string): asserts ok {
  if (!ok) throw new PolisError(code, { detail })
}

/**
 * Checks a CMS signature over content whose SHA-256 is `digest`: the message digest,
 * the signer's ECDSA signature, signing-certificate-v2, the chain to a trusted anchor at
 * the time of signing, the time-stamp over the signature, non-repudiation key usage,
 * and the certificate's status at the time-stamp's time (a certificate revoked after
 * a signature was made leaves that signature valid).
 */
export async function verifyCms(options: {
  cms: Uint8Array
  digest: Uint8Array
  format: 'PAdES' | 'CAdES'
  checkChain: ChainCheck
  status: CertificateStatus
  now: Date
}): Promise<SignatureReport> {
  const read = readSignedData(options.cms)
  const report: SignatureReport = { valid: false, format: options.format, level: 'B-B' }
  try {
    const { signerInfo } = read
    const token = attributeValue(signerInfo.unsignedAttrs, oids.signatureTimeStampToken)
    if (token) report.level = 'B-T'
    require(read.contentType === oids.data && !read.content, 'ERR_MALFORMED', 'not a detached signature of data')
    const certificate = findSignerCertificate(signerInfo, read.certificates)
    const parsed = parseCertificate(certificate)
    report.signer = {
      ...signerOf(certificate),
      certificateSerial: Buffer.from(parsed.serialNumber.valueBlock.valueHexView).toString('hex'),
      issuer: parsed.issuer.typesAndValues.map((t) => t.value.valueBlock.value).join(', '),
    }
    const attributes = signerInfo.signedAttrs
    const digest = attributeValue(attributes, oids.messageDigest)
    require(digest instanceof asn1js.OctetString, 'ERR_MALFORMED', 'no message digest')
    require(compareBytes(digest.valueBlock.valueHexView, options.digest) ===
      0, 'ERR_DOCUMENT_CHANGED', 'the message digest is not the document’s')
    require(signerInfo.signatureAlgorithm.algorithmId === oids.ecdsaWithSha256 &&
      signerInfo.digestAlgorithm.algorithmId === oids.sha256, 'ERR_UNSUPPORTED_ALGORITHM', 'only ECDSA with SHA-256')
    const signature = new Uint8Array(signerInfo.signature.valueBlock.valueHexView)
    require(verifyEcdsa(
      certificate,
      signedAttributesBytes(signerInfo),
      signature,
    ), 'ERR_SIGNER_SIGNATURE_INVALID', 'the signature does not verify')
    require(namesCertificate(
      attributeValue(attributes, oids.signingCertificateV2),
      certificate,
    ), 'ERR_SIGNER_SIGNATURE_INVALID', 'the signing certificate attribute does not name the signer’s certificate')
    const signingTime = attributeValue(attributes, oids.signingTime)
    if (signingTime instanceof asn1js.UTCTime || signingTime instanceof asn1js.GeneralizedTime) {
      report.claimedSigningTime = signingTime.toDate().toISOString()
    }
    // Trusted at all, before any time is known: a foreign signer is named as such, not by its time-stamp.
    options.checkChain(certificate, read.certificates)
    let at = options.now
    if (token) {
      const timestamp = verifyTimestampToken({
        token: new Uint8Array(token.toBER(false)),
        data: signature,
        checkChain: options.checkChain,
      })
      at = timestamp.genTime
      report.timestampedAt = at.toISOString()
      report.timestampAuthority = signerOf(timestamp.authority).name
    }
    await checkSigner({ certificate, pool: read.certificates, at, report, ...options })
    report.valid = true
  } catch (error) {
    if (!(error instanceof PolisError)) throw error
    report.error = error
  }
  return report
}

/**
 * The checks every format shares once its signature verified: a certificate for
 * non-repudiation, chained to a trusted anchor and valid at `at` (the time-stamp's
 * time, or now without one), and not revoked by then.
 */
export async function checkSigner(options: {
  certificate: Uint8Array
  pool: Uint8Array[]
  at: Date
  report: SignatureReport
  checkChain: ChainCheck
  status: CertificateStatus
}): Promise<void> {
  const { certificate, at, report } = options
  require(allowsNonRepudiation(
    certificate,
  ), 'ERR_SIGNER_UNTRUSTED', 'the certificate is not for signatures that commit to content')
  options.checkChain(certificate, options.pool, at)
  const status = await options.status(certificate)
  require(status.known, 'ERR_STATUS_UNAVAILABLE', 'the signing CA does not know the certificate')
  if (status.revokedAt) {
    report.revokedAt = status.revokedAt.toISOString()
    require(status.revokedAt > at, 'ERR_SIGNER_CERTIFICATE_REVOKED', 'revoked before the signature was time-stamped')
    report.certificateStatus = 'revoked-later'
  } else {
    report.certificateStatus = 'good'
  }
}
