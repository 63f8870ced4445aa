import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

const ecdsa = { name: 'ECDSA', hash: 'SHA-256' }
/** ISO/IEC 18013-5 Annex B: extended key usage of an mdoc document signer. */
const mdocDocumentSignerEku = '1.0.18013.5.1.2'

function serialNumber(): string {
  // Positive, 20 octets at most (RFC 5280, section 4.1.2.2), and minimally encoded as
  // DER asks: a first octet of 0x00 would make the INTEGER one octet too long.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16))
  bytes[0] = 0x40 | ((bytes[0] as number) & 0x3f)
  return Buffer.from(bytes).toString('hex')
}

function distinguishedName(fields: { commonName: string; organisation?: string; country: string }): string {
  const escaped = (value: string) => value.replace(/([,+"\\<>;=])/g, '\\$1')
  const parts = [`C=${fields.country}`]
  if (fields.organisation) parts.push(`O=${escaped(fields.organisation)}`)
  parts.push(`CN=${escaped(fields.commonName)}`)
  return parts.join(', ')
}

function addYears(date: Date, years: number): Date {
  const result = new Date(date)
  result.setUTCFullYear(result.getUTCFullYear() + years)
  return result
}

export interface CreateAnchorCertificateOptions {
  keys: CryptoKeyPair
  commonName: string
  country: string
  notBefore: Date
  validityYears: number
}

/** Creates the self-signed national root (the IACA of ISO 18013-5 and the anchor of every `x5c`). */
export async function createAnchorCertificate(options: CreateAnchorCertificateOptions): Promise<Uint8Array> {
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: distinguishedName({ commonName: options.commonName, country: options.country }),
    notBefore: options.notBefore,
    notAfter: addYears(options.notBefore, options.validityYears),
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

export interface CreateIssuerCertificateOptions {
  publicKey: CryptoKey
  commonName: string
  organisation: string
  country: string
  anchor: { certificate: Uint8Array; privateKey: CryptoKey }
  notBefore: Date
  validityYears: number
}

/** Creates an end-entity certificate for an issuing agency, signed by the national anchor. */
export async function createIssuerCertificate(options: CreateIssuerCertificateOptions): Promise<Uint8Array> {
  const anchor = new x509.X509Certificate(Buffer.from(options.anchor.certificate))
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: distinguishedName(options),
    issuer: anchor.subject,
    notBefore: options.notBefore,
    notAfter: addYears(options.notBefore, options.validityYears),
    signingAlgorithm: ecdsa,
    publicKey: options.publicKey,
    signingKey: options.anchor.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([mdocDocumentSignerEku], false),
      await x509.SubjectKeyIdentifierExtension.create(options.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(anchor),
    ],
  })
  return new Uint8Array(certificate.rawData)
}

/** PEM text of a DER certificate. */
export function toPem(der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`
}

/** Every certificate in a PEM bundle, as DER. */
export function fromPem(pem: string): Uint8Array[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
  return blocks.map(
    (block) =>
      new Uint8Array(
        Buffer.from(block.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64'),
      ),
  )
}
