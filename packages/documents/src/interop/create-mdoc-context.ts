import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, X509Certificate } from 'node:crypto'
import { CoseKey, type MdocContext } from '@owf/mdoc'
import { z } from 'zod'
import { checkX509Chain } from './check-x509-chain.ts'

const hashes = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const

function unsupported(): never {
  throw new Error('deviceMac (and so MAC keys) is not used in these tests')
}

const Ec2Jwk = z.object({
  kty: z.literal('EC'),
  crv: z.string(),
  x: z.string(),
  y: z.string(),
  d: z.string().optional(),
})

/** The EC public members of a COSE key, as node:crypto wants a JWK. */
function publicJwk(key: CoseKey) {
  const { kty, crv, x, y } = Ec2Jwk.parse(key.jwk)
  return { kty, crv, x, y }
}

/** The EC private key of a COSE key; throws when it has no `d`. */
function privateJwk(key: CoseKey) {
  const { d } = Ec2Jwk.parse(key.jwk)
  if (d === undefined) throw new Error('the COSE key has no private part')
  return { ...publicJwk(key), d }
}

/** One field of a distinguished name as node:crypto prints it, one `KEY=value` a line. */
function nameField(name: string, field: string): string[] {
  return name
    .split('\n')
    .filter((line) => line.startsWith(`${field}=`))
    .map((line) => line.slice(field.length + 1))
}

/**
 * The crypto callbacks @owf/mdoc asks its caller for, written on node:crypto alone (not
 * on Polis's COSE or certificate code): SHA-2 digests, ES256 COSE_Sign1 over the
 * library's own ToBeSigned bytes, and certificate checks by `checkX509Chain`.
 */
export function createMdocContext(): MdocContext {
  return {
    crypto: {
      random: (length) => new Uint8Array(randomBytes(length)),
      digest: ({ digestAlgorithm, bytes }) =>
        new Uint8Array(createHash(hashes[digestAlgorithm]).update(bytes).digest()),
      calculateEphemeralMacKey: unsupported,
    },
    cose: {
      sign1: {
        sign: ({ toBeSigned, key }) =>
          new Uint8Array(
            sign('sha256', toBeSigned, {
              key: createPrivateKey({ key: privateJwk(key), format: 'jwk' }),
              dsaEncoding: 'ieee-p1363',
            }),
          ),
        verify: ({ key, sign1 }) =>
          sign1.signatureAlgorithmName === 'ES256' &&
          verify(
            'sha256',
            sign1.toBeSigned,
            { key: createPublicKey({ key: publicJwk(key), format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
            sign1.signature,
          ),
      },
      mac0: { sign: unsupported, verify: unsupported },
    },
    x509: {
      getIssuerNameField: ({ certificate, field }) => nameField(new X509Certificate(certificate).issuer, field),
      getPublicKey: ({ certificate }) =>
        CoseKey.fromJwk(
          new X509Certificate(certificate).publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
        ),
      verifyCertificateChain: ({ trustedCertificates, x5chain, now }) => {
        if (!now) throw new Error('a frozen clock is required')
        checkX509Chain({ chain: x5chain, trusted: trustedCertificates, at: now })
      },
      getCertificateData: ({ certificate }) => {
        const parsed = new X509Certificate(certificate)
        return {
          issuerName: parsed.issuer,
          subjectName: parsed.subject,
          serialNumber: parsed.serialNumber,
          thumbprint: parsed.fingerprint256.replaceAll(':', '').toLowerCase(),
          notBefore: parsed.validFromDate,
          notAfter: parsed.validToDate,
          pem: parsed.toString(),
        }
      },
    },
  }
}
