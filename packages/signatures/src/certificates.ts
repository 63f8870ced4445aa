import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

const ecdsa = { name: 'ECDSA', hash: 'SHA-256' }

/** RFC 5280 object identifiers of the names in a citizen's signing certificate. */
const oid = {
  country: '2.5.4.6',
  organisation: '2.5.4.10',
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  givenName: '2.5.4.42',
  serialNumber: '2.5.4.5',
}

/** A certificate and the key behind it, as the platform's key store hands them out. */
export interface Authority {
  certificate: Uint8Array
  privateKey: CryptoKey
}

function serialNumber(): string {
  // Positive and minimally encoded (RFC 5280, section 4.1.2.2), 16 random octets.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16))
  bytes[0] = 0x40 | ((bytes[0] as number) & 0x3f)
  return Buffer.from(bytes).toString('hex')
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000)
}

async function issue(options: {
  issuer: Authority
  subject: x509.JsonName
  publicKey: CryptoKey
  notBefore: Date
  days: number
  extensions: x509.Extension[]
}): Promise<Uint8Array> {
  const issuer = new x509.X509Certificate(Buffer.from(options.issuer.certificate))
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: options.subject,
    issuer: issuer.subject,
    notBefore: options.notBefore,
    notAfter: addDays(options.notBefore, options.days),
    signingAlgorithm: ecdsa,
    publicKey: options.publicKey,
    signingKey: options.issuer.privateKey,
    extensions: [
      ...options.extensions,
      await x509.SubjectKeyIdentifierExtension.create(options.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
    ],
  })
  return new Uint8Array(certificate.rawData)
}

/**
 * The signing CA: a root of its own, apart from the national root of documents (which
 * allows no CA below it), as qualified signature CAs stand apart from document PKIs.
 * It certifies citizens' signing keys and the time-stamping authority, nothing below
 * them (path length 0), and signs the list of those it revoked.
 */
export async function createSigningCaCertificate(options: {
  keys: CryptoKeyPair
  country: { code: string; name: string }
  notBefore: Date
}): Promise<Uint8Array> {
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: [
      { [oid.country]: [options.country.code] },
      { [oid.organisation]: [options.country.name] },
      { [oid.commonName]: [`${options.country.name} Signing CA`] },
    ],
    notBefore: options.notBefore,
    notAfter: addDays(options.notBefore, 20 * 365),
    signingAlgorithm: ecdsa,
    keys: options.keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(options.keys.publicKey),
    ],
  })
  return new Uint8Array(certificate.rawData)
}

/** The time-stamping authority's certificate (RFC 3161, section 2.3: the one critical extended key usage). */
export function createTimestampAuthorityCertificate(options: {
  publicKey: CryptoKey
  signingCa: Authority
  country: { code: string; name: string }
  notBefore: Date
}): Promise<Uint8Array> {
  return issue({
    issuer: options.signingCa,
    subject: [
      { [oid.country]: [options.country.code] },
      { [oid.organisation]: [options.country.name] },
      { [oid.commonName]: [`${options.country.name} Time-Stamping Authority`] },
    ],
    publicKey: options.publicKey,
    notBefore: options.notBefore,
    days: 10 * 365,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
    ],
  })
}

/** Who a signing certificate names: the citizen as the population register knows them. */
export interface Signer {
  givenName: string
  familyName: string
  /**
   * The citizen's identifier as ETSI EN 319 412-1 writes it (semantics identifier):
   * `TINUA-3012345678` for a Ukrainian tax number (as Diia's certificates carry it),
   * `PNOEE-38001085718` for an Estonian personal code.
   */
  identifier: string
  country: string
}

/**
 * A citizen's signing certificate for a key that never leaves their phone: key usage
 * non-repudiation (content commitment) and digital signature, the signing CA's
 * revocation list named so that anyone can check it.
 */
export function createSignerCertificate(options: {
  publicKey: CryptoKey
  signingCa: Authority
  signer: Signer
  notBefore: Date
  days: number
  crlUrl: string
}): Promise<Uint8Array> {
  const { signer } = options
  return issue({
    issuer: options.signingCa,
    subject: [
      { [oid.country]: [signer.country] },
      { [oid.surname]: [signer.familyName] },
      { [oid.givenName]: [signer.givenName] },
      { [oid.serialNumber]: [signer.identifier] },
      { [oid.commonName]: [`${signer.givenName} ${signer.familyName}`] },
    ],
    publicKey: options.publicKey,
    notBefore: options.notBefore,
    days: options.days,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.nonRepudiation | x509.KeyUsageFlags.digitalSignature, true),
      new x509.CRLDistributionPointsExtension([options.crlUrl]),
    ],
  })
}

/** The signing CA's certificate revocation list: every revoked serial with its date. */
export async function createRevocationList(options: {
  signingCa: Authority
  revoked: Array<{ serialNumber: string; revokedAt: Date }>
  thisUpdate: Date
  nextUpdate: Date
}): Promise<Uint8Array> {
  const ca = new x509.X509Certificate(Buffer.from(options.signingCa.certificate))
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.subject,
    thisUpdate: options.thisUpdate,
    nextUpdate: options.nextUpdate,
    signingAlgorithm: ecdsa,
    signingKey: options.signingCa.privateKey,
    entries: options.revoked.map((r) => ({ serialNumber: r.serialNumber, revocationDate: r.revokedAt })),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca)],
  })
  return new Uint8Array(crl.rawData)
}

/** The name fields of a signing certificate's subject, for reports. */
export function signerOf(certificate: Uint8Array): { name: string; identifier?: string; country?: string } {
  const parsed = new x509.X509Certificate(Buffer.from(certificate))
  const first = (type: string) => parsed.subjectName.getField(type)[0]
  const serial = first(oid.serialNumber)
  return {
    name: first(oid.commonName) ?? parsed.subject,
    ...(serial ? { identifier: serial } : {}),
    ...(first(oid.country) ? { country: first(oid.country) } : {}),
  }
}

/** Whether a certificate's key usage allows signatures that commit to content. */
export function allowsNonRepudiation(certificate: Uint8Array): boolean {
  const usage = new x509.X509Certificate(Buffer.from(certificate)).getExtension(x509.KeyUsagesExtension)
  return usage !== null && (usage.usages & x509.KeyUsageFlags.nonRepudiation) !== 0
}

/** Whether a certificate is a time-stamping authority's (its extended key usage). */
export function isTimestampAuthority(certificate: Uint8Array): boolean {
  const eku = new x509.X509Certificate(Buffer.from(certificate)).getExtension(x509.ExtendedKeyUsageExtension)
  return eku?.usages.map(String).includes(x509.ExtendedKeyUsage.timeStamping) ?? false
}

/**
 * An electronic seal's certificate (ETSI EN 319 412-3): the platform itself, as a legal
 * person, commits to what it certifies (non-repudiation), e.g. the certificates its
 * e-services produce. Certified by the signing CA, so any verifier of citizens'
 * signatures verifies the seal too.
 */
export function createSealCertificate(options: {
  publicKey: CryptoKey
  signingCa: Authority
  country: { code: string; name: string }
  /** Who seals: the platform of the e-services. */
  name: string
  notBefore: Date
  days: number
  crlUrl: string
}): Promise<Uint8Array> {
  return issue({
    issuer: options.signingCa,
    subject: [
      { [oid.country]: [options.country.code] },
      { [oid.organisation]: [options.country.name] },
      { [oid.commonName]: [options.name] },
    ],
    publicKey: options.publicKey,
    notBefore: options.notBefore,
    days: options.days,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.nonRepudiation | x509.KeyUsageFlags.digitalSignature, true),
      new x509.CRLDistributionPointsExtension([options.crlUrl]),
    ],
  })
}
