import { createTestKey, createTestPki, type TestKey } from '@polis/trust/testing'

/** A P-256 key pair as both sides of an interop test need it: JWKs for the library, a Sign for Polis. */
export type InteropKey = TestKey

/**
 * A throwaway national PKI for interop tests; the issuer's private key is also given as
 * a JWK, because the reference libraries sign with JWKs.
 */
export async function createInteropPki(notBefore = new Date('2026-01-01T00:00:00Z')) {
  return createTestPki({ notBefore, issuerName: 'Interop Issuing Agency' })
}

/** A fresh P-256 key (an issuer's or a holder's) with its public and private JWKs and a raw r||s signer. */
export const createInteropKey = createTestKey
