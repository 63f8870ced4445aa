import { generateKeyPairSync, sign, webcrypto } from 'node:crypto'
import type { PublicJwk, Sign, SigningKey } from '@polis/kernel'
import { createAnchorCertificate, createChainCache, createIssuerCertificate, trustAnchors } from '@polis/trust'

const ec = { name: 'ECDSA', namedCurve: 'P-256' }

/** A throwaway national PKI and holder key for tests: anchor, one issuer, a chain cache. */
export async function createTestPki(options: { notBefore?: Date } = {}) {
  const notBefore = options.notBefore ?? new Date('2026-01-01T00:00:00Z')
  const anchorKeys = (await webcrypto.subtle.generateKey(ec, true, ['sign', 'verify'])) as CryptoKeyPair
  const anchor = await createAnchorCertificate({
    keys: anchorKeys,
    commonName: 'Test National Root',
    country: 'ZZ',
    notBefore,
    validityYears: 10,
  })
  const issuerKeys = (await webcrypto.subtle.generateKey(ec, true, ['sign', 'verify'])) as CryptoKeyPair
  const certificate = await createIssuerCertificate({
    publicKey: issuerKeys.publicKey,
    commonName: 'Test Issuing Agency',
    organisation: 'Ministry of Tests',
    country: 'ZZ',
    anchor: { certificate: anchor, privateKey: anchorKeys.privateKey },
    notBefore,
    validityYears: 3,
  })
  const issuerPrivate = await webcrypto.subtle.exportKey('pkcs8', issuerKeys.privateKey)
  const issuerKeyObject = (await import('node:crypto')).createPrivateKey({
    key: Buffer.from(issuerPrivate),
    format: 'der',
    type: 'pkcs8',
  })
  const signingKey: SigningKey = {
    id: 'issuer:test',
    alg: 'ES256',
    sign: async (data) => sign('sha256', data, { key: issuerKeyObject, dsaEncoding: 'ieee-p1363' }),
    chain: [certificate],
  }
  const anchors = trustAnchors([anchor])
  return { anchor, anchors, signingKey, verifyChain: createChainCache(anchors) }
}

/** A holder key pair: the public JWK for `cnf` and a Sign for key-binding JWTs. */
export function createTestHolder(): { jwk: PublicJwk; sign: Sign } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    jwk: publicKey.export({ format: 'jwk' }) as PublicJwk,
    sign: async (data) => sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
  }
}
