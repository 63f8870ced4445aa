import { createPublicKey, type KeyObject } from 'node:crypto'
import { PolisError, type PublicJwk } from '@polis/kernel'
import { asBytes, asMap, type CborMap } from './decode-cbor.ts'

// RFC 9053 section 7.1 (EC2 curves) and RFC 9052 section 7.1 (key labels).
const kty = 1
const crv = -1
const x = -2
const y = -3
const ec2 = 2
const curves = [
  { cose: 1, jwk: 'P-256', size: 32 },
  { cose: 2, jwk: 'P-384', size: 48 },
  { cose: 3, jwk: 'P-521', size: 66 },
] as const

/**
 * The COSE_Key (RFC 9052 section 7) of a public P-256 JWK, checked to be a point on the
 * curve. P-256 only, because device signatures are verified as ES256.
 */
export function coseKeyFromJwk(jwk: PublicJwk): CborMap {
  const curve = curves.find((c) => c.jwk === jwk.crv)
  if (jwk.kty !== 'EC' || curve?.jwk !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the device key must be a P-256 EC JWK' })
  }
  try {
    createPublicKey({ key: { kty: 'EC', crv: curve.jwk, x: jwk.x, y: jwk.y }, format: 'jwk' })
  } catch (cause) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the device key is not a valid public key', cause })
  }
  return new Map<number, unknown>([
    [kty, ec2],
    [crv, curve.cose],
    [x, new Uint8Array(Buffer.from(jwk.x, 'base64url'))],
    [y, new Uint8Array(Buffer.from(jwk.y, 'base64url'))],
  ])
}

/** The public JWK and the node:crypto key of a COSE_Key; ERR_MALFORMED or ERR_UNSUPPORTED_ALGORITHM otherwise. */
export function jwkFromCoseKey(value: unknown): { jwk: PublicJwk; publicKey: KeyObject } {
  const key = asMap(value, 'deviceKey')
  const curve = curves.find((c) => c.cose === key.get(crv))
  if (key.get(kty) !== ec2 || !curve) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'the device key is not a P-256, P-384 or P-521 key' })
  }
  const xBytes = asBytes(key.get(x), 'deviceKey x')
  const yBytes = asBytes(key.get(y), 'deviceKey y')
  if (xBytes.length !== curve.size || yBytes.length !== curve.size) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the device key coordinates have the wrong length' })
  }
  const jwk = {
    kty: 'EC',
    crv: curve.jwk,
    x: Buffer.from(xBytes).toString('base64url'),
    y: Buffer.from(yBytes).toString('base64url'),
  }
  try {
    return { jwk, publicKey: createPublicKey({ key: jwk, format: 'jwk' }) }
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the device key is not a point on its curve', cause })
  }
}
