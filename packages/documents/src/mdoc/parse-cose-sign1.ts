import { PolisError } from '@polis/kernel/errors'
import { CborTag } from './cbor-tag.ts'
import { asArray, asBytes, asMap, type CborMap, decodeCbor } from './decode-cbor.ts'

/** A COSE_Sign1 split into its parts (RFC 9052 section 4.2), with the protected header still as its bytes. */
export interface CoseSign1 {
  protectedBytes: Uint8Array
  protectedHeader: CborMap
  unprotectedHeader: CborMap
  payload: Uint8Array | null
  signature: Uint8Array
}

// RFC 9360 section 2 header label.
const x5chainLabel = 33

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
