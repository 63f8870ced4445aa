import { type KeyObject, verify } from 'node:crypto'
import { type ErrorCode, PolisError } from '@polis/kernel'
import { encodeSigStructure } from './cbor-bytes.ts'
import type { CoseSign1 } from './parse-cose-sign1.ts'

// RFC 9052 section 3.1 header labels.
const algLabel = 1
const critLabel = 2

/**
 * Algorithms accepted, with the hash and curve each one requires (RFC 9053 section 2.1).
 * ES256 only, as HAIP profiles it and every sample uses; ISO/IEC 18013-5 also allows
 * ES384 (-35, sha384, secp384r1, 96 bytes) and ES512 (-36, sha512, secp521r1, 132 bytes).
 */
const algorithms = new Map([[-7, { name: 'ES256', hash: 'sha256', curve: 'prime256v1', size: 64 }]])

export interface VerifyCoseSign1Options {
  publicKey: KeyObject
  /** The payload to check against when the COSE_Sign1 carries none (a detached payload). */
  detachedPayload?: Uint8Array
  /** The code thrown when the signature does not verify. */
  failure: ErrorCode
}

/**
 * Checks a COSE_Sign1 signature with node:crypto. The algorithm must be in the
 * protected header (so that it is signed), be ECDSA and match the key's curve.
 */
export function verifyCoseSign1(sign1: CoseSign1, options: VerifyCoseSign1Options): void {
  const alg = sign1.protectedHeader.get(algLabel)
  const algorithm = typeof alg === 'number' ? algorithms.get(alg) : undefined
  if (!algorithm) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'COSE alg must be ES256' })
  }
  if (sign1.protectedHeader.has(critLabel)) {
    // RFC 9052 section 3.1: headers marked critical must be understood, and we understand none.
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'critical COSE headers are not supported' })
  }
  if (options.publicKey.asymmetricKeyDetails?.namedCurve !== algorithm.curve) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: `the key does not fit ${algorithm.name}` })
  }
  const payload = sign1.payload ?? options.detachedPayload
  if (!payload) throw new PolisError('ERR_MALFORMED', { detail: 'COSE_Sign1 has no payload' })
  const valid =
    sign1.signature.length === algorithm.size &&
    verify(
      algorithm.hash,
      encodeSigStructure(sign1.protectedBytes, payload),
      { key: options.publicKey, dsaEncoding: 'ieee-p1363' },
      sign1.signature,
    )
  if (!valid) throw new PolisError(options.failure, { detail: 'COSE_Sign1 signature does not verify' })
}
