/**
 * The exchange CA: the root that security servers' TLS certificates chain to. A server's
 * certificate serves both ends of mutual TLS (server and client authentication), names
 * its owner and code, and its SHA-256 goes in the global configuration, so a server is
 * known by the certificate it presents, not only by the CA that issued it.
 */
import 'reflect-metadata'
import { createHash, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
const serialNumber = () => {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16))
  bytes[0] = 0x40 | ((bytes[0] as number) & 0x3f)
  return Buffer.from(bytes).toString('hex')
}
const pemOf = (der: ArrayBuffer, label: string) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END ${label}-----\n`

export interface ExchangeCa {
  certificatePem: string
  keys: CryptoKeyPair
}

/** A new exchange CA for an instance, valid for `years`. */
export async function createExchangeCa(options: {
  instance: string
  notBefore: Date
  years: number
  /** The CA's keys, when it is kept elsewhere (a key store); a new pair otherwise. */
  keys?: CryptoKeyPair
}): Promise<ExchangeCa> {
  const keys = options.keys ?? ((await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair)
  const notAfter = new Date(options.notBefore)
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + options.years)
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=Polis exchange CA ${options.instance}`,
    notBefore: options.notBefore,
    notAfter,
    signingAlgorithm: ecdsa,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return { certificatePem: pemOf(certificate.rawData, 'CERTIFICATE'), keys }
}

/** A security server's TLS identity: its certificate and key (PEM, for node:tls) and the certificate's SHA-256. */
export interface ServerTls {
  certificatePem: string
  keyPem: string
  sha256: string
}

/**
 * Issues a security server's TLS certificate: `CN` its code, `O` its owner, the host
 * names it answers at, good for server and client authentication.
 */
export async function issueServerTls(
  ca: ExchangeCa,
  options: { owner: string; serverCode: string; hosts: string[]; notBefore: Date; days: number },
): Promise<ServerTls> {
  const keys = (await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair
  const issuer = new x509.X509Certificate(ca.certificatePem)
  const notAfter = new Date(options.notBefore.getTime() + options.days * 86_400_000)
  const escaped = (value: string) => value.replace(/([,+"\\<>;=#])/g, '\\$1')
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${escaped(options.serverCode)}, O=${escaped(options.owner)}`,
    issuer: issuer.subject,
    notBefore: options.notBefore,
    notAfter,
    signingAlgorithm: ecdsa,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension(
        options.hosts.map(
          (host): x509.JsonGeneralName =>
            /^[\d.]+$/.test(host) ? { type: 'ip', value: host } : { type: 'dns', value: host },
        ),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
    ],
  })
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  return {
    certificatePem: pemOf(certificate.rawData, 'CERTIFICATE'),
    keyPem: pemOf(pkcs8, 'PRIVATE KEY'),
    sha256: createHash('sha256').update(Buffer.from(certificate.rawData)).digest('base64url'),
  }
}
