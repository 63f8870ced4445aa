import type { webcrypto } from 'node:crypto'

/** A public key as a JSON Web Key. */
export type PublicJwk = webcrypto.JsonWebKey

/** Signs bytes with a key the caller never sees (a key file, an HSM, a remote signer). */
export type Sign = (data: Uint8Array) => Promise<Uint8Array>

/** A signing key as the pure packages need it: the signer, its algorithm and its certificate chain. */
export interface SigningKey {
  /** Stable identifier of the key, e.g. `issuer:population`. */
  id: string
  alg: 'ES256'
  sign: Sign
  /** DER certificates, leaf first, ending below the trust anchor. */
  chain: Uint8Array[]
}

/**
 * Where private keys live. The default implementation keeps them encrypted in the
 * database; a hardware security module implements the same port.
 */
export interface KeyStore {
  /** Creates a P-256 key under `id` and returns its public JWK; fails if it exists. */
  generate(id: string): Promise<PublicJwk>
  /** The signer for a key; throws ERR_NOT_FOUND when there is none. */
  signer(id: string): Promise<Sign>
  /** The public JWK of a key, or undefined. */
  findPublicKey(id: string): Promise<PublicJwk | undefined>
}

/** Cryptographically secure random bytes. */
export type RandomBytes = (length: number) => Uint8Array

/** Seals and opens secrets under the instance's key-encryption key (the platform's DatabaseKeyStore). */
export interface Sealer {
  seal(plaintext: string, label: string): string
  unseal(sealed: string, label: string): string
}
