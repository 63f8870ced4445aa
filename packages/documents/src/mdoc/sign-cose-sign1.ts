import { PolisError, type Sign } from '@polis/kernel'
import { encodeSigStructure } from './cbor-bytes.ts'
import { encodeCbor } from './encode-cbor.ts'

// RFC 9052 section 3.1 header label and RFC 9053 section 2.1 algorithm identifier.
const algLabel = 1
const es256 = -7

export interface SignCoseSign1Options {
  payload: Uint8Array
  /** Headers covered by the signature; `alg` ES256 alone unless given (it must then hold `alg`). */
  protectedHeader?: Map<number, unknown>
  unprotectedHeader: Map<number, unknown>
  /** Returns the raw r||s ES256 signature of the bytes it is given. */
  sign: Sign
}

/** Builds an ES256 COSE_Sign1 (RFC 9052 section 4.2) as the four-element array, untagged as ISO/IEC 18013-5 wants. */
export async function signCoseSign1(options: SignCoseSign1Options): Promise<unknown[]> {
  // The algorithm goes in the protected header so that it is covered by the signature.
  const protectedBytes = encodeCbor(options.protectedHeader ?? new Map([[algLabel, es256]]))
  const signature = await options.sign(encodeSigStructure(protectedBytes, options.payload))
  if (!(signature instanceof Uint8Array) || signature.length !== 64) {
    throw new PolisError('ERR_INTERNAL', { detail: 'the signer did not return a raw 64-byte ES256 signature' })
  }
  return [protectedBytes, options.unprotectedHeader, options.payload, new Uint8Array(signature)]
}
