import { type P256Jwk, p256Jwk, publicKeyFromJwk } from '@polis/documents'
import { PolisError } from '@polis/kernel'

/** JWK members that carry private key material, in any key type (RFC 7518 section 6). */
const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']

/**
 * A device's public key: a P-256 JWK that is a point on the curve. A JWK with private
 * members is refused rather than stripped, since a wallet sending one has leaked its key.
 */
export function parseDeviceKey(value: unknown): P256Jwk {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PolisError('ERR_DEVICE_KEY_INVALID', { detail: 'not a JWK' })
  }
  if (privateMembers.some((member) => member in value)) {
    throw new PolisError('ERR_DEVICE_KEY_INVALID', { detail: 'the JWK holds private key material' })
  }
  try {
    publicKeyFromJwk(value)
    return p256Jwk(value)
  } catch (cause) {
    throw new PolisError('ERR_DEVICE_KEY_INVALID', { detail: 'not a P-256 public key', cause })
  }
}
