/**
 * Throwaway PKIs for tests (`@polis/trust/testing`): never imported by production code.
 */
import { createPrivateKey, generateKeyPairSync, type JsonWebKey, sign, webcrypto } from 'node:crypto'
import { derSignatureToRaw, type PublicJwk, type Sign, type SigningKey } from '@polis/kernel'
import { createAnchorCertificate, createIssuerCertificate } from './create-certificate.ts'
import { createChainCache, trustAnchors } from './verify-certificate-chain.ts'

const ec = { name: 'ECDSA', namedCurve: 'P-256' }

/** A P-256 key with its public and private JWKs and a raw r||s signer (issuer, holder or device). */
export interface TestKey {
  publicJwk: PublicJwk
  privateJwk: JsonWebKey
  sign: Sign
}

/** A fresh P-256 key pair for a test. */
export function createTestKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const privateJwk = privateKey.export({ format: 'jwk' })
  const key = createPrivateKey({ key: privateJwk, format: 'jwk' })
  return {
    publicJwk: publicKey.export({ format: 'jwk' }) as PublicJwk,
    privateJwk,
    sign: async (data) => derSignatureToRaw(sign('sha256', data, key)),
  }
}

export interface CreateTestPkiOptions {
  /** Start of validity of both certificates (default 2026-01-01); the anchor lasts 10 years, the issuer 3. */
  notBefore?: Date
  issuerName?: string
}

/** A national root and one issuing agency under it, as the platform builds them, for tests. */
export async function createTestPki(options: CreateTestPkiOptions = {}) {
  const notBefore = options.notBefore ?? new Date('2026-01-01T00:00:00Z')
  const anchorKeys = (await webcrypto.subtle.generateKey(ec, false, ['sign', 'verify'])) as CryptoKeyPair
  const anchor = await createAnchorCertificate({
    keys: anchorKeys,
    commonName: 'Test National Root',
    country: 'ZZ',
    notBefore,
    validityYears: 10,
  })
  const issuer = createTestKey()
  const certificate = await createIssuerCertificate({
    publicKey: (await webcrypto.subtle.importKey('jwk', issuer.publicJwk, ec, true, ['verify'])) as CryptoKey,
    commonName: options.issuerName ?? 'Test Issuing Agency',
    organisation: 'Ministry of Tests',
    country: 'ZZ',
    anchor: { certificate: anchor, privateKey: anchorKeys.privateKey },
    notBefore,
    validityYears: 3,
  })
  const signingKey: SigningKey = { id: 'issuer:test', alg: 'ES256', sign: issuer.sign, chain: [certificate] }
  const anchors = trustAnchors([anchor])
  return { anchor, anchors, verifyChain: createChainCache(anchors), certificate, signingKey, issuer }
}

/** What `createTestPki` gives. */
export type TestPki = Awaited<ReturnType<typeof createTestPki>>
