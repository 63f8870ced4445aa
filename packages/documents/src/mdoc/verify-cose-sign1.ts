import { type KeyObject, verify } from 'node:crypto'
import { type ErrorCode, PolisError } from '@polis/kernel'
import { CborTag } from './cbor-tag.ts'
import { asArray, asBytes, asMap, type CborMap, decodeCbor } from './decode-cbor.ts'
import { encodeSigStructure } from './sign-cose-sign1.ts'

/** A COSE_Sign1 split into its parts (RFC 9052 section 4.2), with the protected header still as its bytes. */
export interface CoseSign1 {
  protectedBytes: Uint8Array
  protectedHeader: CborMap
  unprotectedHeader: CborMap
  payload: Uint8Array | null
  signature: Uint8Array
}

// RFC 9052 section 3.1 and RFC 9360 section 2 header labels.
const algLabel = 1
const critLabel = 2
const x5chainLabel = 33

/**
 * Algorithms accepted, with the hash and curve each one requires (RFC 9053 section 2.1).
 * ES256 only, as HAIP profiles it and every sample uses; ISO/IEC 18013-5 also allows
 * ES384 (-35, sha384, secp384r1, 96 bytes) and ES512 (-36, sha512, secp521r1, 132 bytes).
 */
const algorithms = new Map([[-7, { name: 'ES256', hash: 'sha256', curve: 'prime256v1', size: 64 }]])

/** Reads a COSE_Sign1 array, tagged 18 or not; ERR_MALFORMED when it is not one. */
export function parseCoseSign1(value: unknown, what: string): CoseSign1 {
  const array = asArray(value instanceof CborTag && value.tag === 18 ? value.value : value, what)
  if (array.length !== 4) throw new PolisError('ERR_MALFORMED', { detail: `${what} must have four parts` })
  const protectedBytes = asBytes(array[0], `${what} protected header`)
  // An empty protected header is a zero-length bstr, not an encoded empty map (RFC 9052 section 3).
  const protectedHeader =
    protectedBytes.length === 0 ? new Map() : asMap(decodeCbor(protectedBytes, 'protected header'), 'protected header')
  const payload = array[2] === null ? null : asBytes(array[2], `${what} payload`)
  return {
    protectedBytes,
    protectedHeader,
    unprotectedHeader: asMap(array[1], `${what} unprotected header`),
    payload,
    signature: asBytes(array[3], `${what} signature`),
  }
}

/** The DER certificates of the x5chain header, leaf first (RFC 9360 section 2); ERR_MALFORMED if absent. */
export function readX5chain(sign1: CoseSign1): Uint8Array[] {
  const value = sign1.protectedHeader.get(x5chainLabel) ?? sign1.unprotectedHeader.get(x5chainLabel)
  if (value instanceof Uint8Array) return [value]
  const chain = Array.isArray(value) ? value : []
  if (chain.length === 0) throw new PolisError('ERR_MALFORMED', { detail: 'issuerAuth carries no x5chain' })
  return chain.map((certificate) => asBytes(certificate, 'x5chain certificate'))
}

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
