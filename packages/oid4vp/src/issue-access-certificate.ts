import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { PolisError } from '@polis/kernel'
import { createAnchorCertificate } from '@polis/trust'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

const ecdsa = { name: 'ECDSA', hash: 'SHA-256' }
/** ETSI EN 319 412-1 organizationIdentifier, where a business's register number goes. */
const organizationIdentifier = '2.5.4.97'

export interface CreateAccessCaOptions {
  keys: CryptoKeyPair
  country: string
  notBefore: Date
  validityYears: number
  commonName?: string
}

/**
 * Creates the platform's access CA: the root a wallet checks a business's access
 * certificate against. It is not the national document anchor, so an access
 * certificate can never pass for a document signer, nor the other way round.
 */
export async function createAccessCa(options: CreateAccessCaOptions): Promise<Uint8Array> {
  return createAnchorCertificate({
    keys: options.keys,
    commonName: options.commonName ?? 'Polis Access CA',
    country: options.country,
    notBefore: options.notBefore,
    validityYears: options.validityYears,
  })
}

export interface IssueAccessCertificateOptions {
  /** The business's request-signing key (its private half stays with the business). */
  publicKey: CryptoKey
  business: { legalName: string; registerNumber: string; country: string }
  ca: { certificate: Uint8Array; privateKey: CryptoKey }
  notBefore: Date
  validityDays: number
}

function escapeName(value: string): string {
  return value.replace(/([,+"\\<>;=#])/g, '\\$1')
}

/**
 * Issues a business's access certificate (the relying-party access certificate of the
 * EU wallet framework): its legal name and register number in the subject, signing
 * only. The SHA-256 of its DER is the business's `x509_hash` client identifier.
 */
export async function issueAccessCertificate(options: IssueAccessCertificateOptions): Promise<Uint8Array> {
  const { business } = options
  if (!/^[A-Z]{2}$/.test(business.country))
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'country is ISO 3166 alpha-2' })
  if (business.legalName.trim() === '' || business.registerNumber.trim() === '') {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'a business needs a legal name and a register number' })
  }
  const ca = new x509.X509Certificate(Buffer.from(options.ca.certificate))
  const serial = webcrypto.getRandomValues(new Uint8Array(16))
  serial[0] = 0x40 | ((serial[0] as number) & 0x3f)
  const notAfter = new Date(options.notBefore.getTime() + options.validityDays * 86_400_000)
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(serial).toString('hex'),
    subject: [
      `C=${business.country}`,
      `O=${escapeName(business.legalName)}`,
      `${organizationIdentifier}=${escapeName(`NTR${business.country}-${business.registerNumber}`)}`,
      `CN=${escapeName(business.legalName)}`,
    ].join(', '),
    issuer: ca.subject,
    notBefore: options.notBefore,
    notAfter,
    signingAlgorithm: ecdsa,
    publicKey: options.publicKey,
    signingKey: options.ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(options.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  })
  return new Uint8Array(certificate.rawData)
}
