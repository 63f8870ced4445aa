import { createPrivateKey, generateKeyPairSync, type JsonWebKey, sign, webcrypto } from 'node:crypto'
import type { PublicJwk, Sign, SigningKey } from '@polis/kernel'
import { createAnchorCertificate, createChainCache, createIssuerCertificate, trustAnchors } from '@polis/trust'

const ec = { name: 'ECDSA', namedCurve: 'P-256' }

/** A P-256 key pair as both sides of an interop test need it: JWKs for the library, a Sign for Polis. */
export interface InteropKey {
  publicJwk: PublicJwk
  privateJwk: JsonWebKey
  sign: Sign
}

/**
 * A throwaway national PKI for interop tests: like `createTestPki`, but the issuer's
 * private key is also given as a JWK, because the reference libraries sign with JWKs.
 */
export async function createInteropPki(notBefore = new Date('2026-01-01T00:00:00Z')) {
  const anchorKeys = (await webcrypto.subtle.generateKey(ec, false, ['sign', 'verify'])) as CryptoKeyPair
  const anchor = await createAnchorCertificate({
    keys: anchorKeys,
    commonName: 'Interop Test Root',
    country: 'ZZ',
    notBefore,
    validityYears: 10,
  })
  const issuer = createInteropKey()
  const certificate = await createIssuerCertificate({
    publicKey: (await webcrypto.subtle.importKey('jwk', issuer.publicJwk, ec, true, ['verify'])) as CryptoKey,
    commonName: 'Interop Issuing Agency',
    organisation: 'Ministry of Tests',
    country: 'ZZ',
    anchor: { certificate: anchor, privateKey: anchorKeys.privateKey },
    notBefore,
    validityYears: 3,
  })
  const signingKey: SigningKey = { id: 'issuer:interop', alg: 'ES256', sign: issuer.sign, chain: [certificate] }
  const anchors = trustAnchors([anchor])
  return { anchor, anchors, verifyChain: createChainCache(anchors), certificate, signingKey, issuer }
}

/** A fresh P-256 key (an issuer's or a holder's) with its public and private JWKs and a raw r||s signer. */
export function createInteropKey(): InteropKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const privateJwk = privateKey.export({ format: 'jwk' })
  const key = createPrivateKey({ key: privateJwk, format: 'jwk' })
  return {
    publicJwk: publicKey.export({ format: 'jwk' }),
    privateJwk,
    sign: async (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })),
  }
}
