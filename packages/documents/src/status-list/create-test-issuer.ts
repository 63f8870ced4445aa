import { webcrypto } from 'node:crypto'
import type { SigningKey } from '@polis/kernel'
import { createAnchorCertificate, createIssuerCertificate, type TrustAnchors, trustAnchors } from '@polis/trust'

const ec = { name: 'ECDSA', namedCurve: 'P-256' }

/** For tests only: a fresh root and a status issuer under it, valid from 2026-01-01 for three years. */
export async function createTestIssuer(): Promise<{
  anchors: TrustAnchors
  anchor: Uint8Array
  signingKey: SigningKey
}> {
  const notBefore = new Date('2026-01-01T00:00:00Z')
  const anchorKeys = (await webcrypto.subtle.generateKey(ec, false, ['sign', 'verify'])) as CryptoKeyPair
  const anchor = await createAnchorCertificate({
    keys: anchorKeys,
    commonName: 'Test Root',
    country: 'ZZ',
    notBefore,
    validityYears: 10,
  })
  const issuerKeys = (await webcrypto.subtle.generateKey(ec, false, ['sign', 'verify'])) as CryptoKeyPair
  const certificate = await createIssuerCertificate({
    publicKey: issuerKeys.publicKey,
    commonName: 'Test Status Issuer',
    organisation: 'Ministry of Tests',
    country: 'ZZ',
    anchor: { certificate: anchor, privateKey: anchorKeys.privateKey },
    notBefore,
    validityYears: 3,
  })
  const signingKey: SigningKey = {
    id: 'issuer:test-status',
    alg: 'ES256',
    // WebCrypto ECDSA already returns the raw r||s form JWS wants.
    sign: async (data) =>
      new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, issuerKeys.privateKey, data)),
    chain: [certificate],
  }
  return { anchors: trustAnchors([anchor]), anchor, signingKey }
}
