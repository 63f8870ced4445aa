import { PolisError } from '@polis/kernel/errors'
import { encodeArray, encodeByteString, encodeTextString, encodeUint } from '../mdoc/cbor-bytes.ts'
import { asBytes, asMap } from '../mdoc/decode-cbor.ts'

/**
 * The Polis in-person QR format, version 1 (docs/qr-format.md). ISO/IEC 18013-5's mdoc
 * structures cut to fit a QR code read from a phone screen: the issuer named by a
 * certificate thumbprint (`kid`) the verifier looks up in its cached trust list, integer map keys,
 * times in epoch seconds, digests of 128 bits, and a device signature over the time in
 * place of a session with the reader. ECDSA signs with a fresh random number each time, so
 * no two presentations share the signature's `r`, by which a verifier spots a replay.
 */
export const qrPrefix = 'PQ1:'

/** Longest QR text read; a version-40 code holds 4,296 alphanumeric characters. */
export const maxQrTextLength = 4296

/** How long a presentation is good for after the wallet made it (issue 3: the QR refreshes every 3 minutes). */
export const presentationLifetimeSeconds = 180

/** How far ahead of the verifier's clock a wallet's clock may run. */
export const clockSkewSeconds = 60

/** The text the device signs in front of the time, so that its signature means nothing elsewhere. */
export const deviceAuthenticationContext = 'PolisQR1'

export const saltLength = 16
/** SHA-256 truncated to 128 bits (`sha-256-128` in the IANA Named Information Hash registry). */
export const digestLength = 16

/** Keys of the mobile security object (the issuer-signed payload). */
export const msoKeys = {
  documentType: 1,
  digests: 2,
  deviceKey: 3,
  validUntil: 4,
  status: 5,
} as const

// RFC 9052 section 3.1 header labels and RFC 9053 section 2.1 algorithm.
export const coseAlg = 1
export const coseCrit = 2
export const coseKid = 4
export const es256 = -7

/** SHA-256 with WebCrypto, which both Node and browsers have. */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
}

/** The digest an item is committed to in the mobile security object. */
export async function itemDigest(itemBytes: Uint8Array): Promise<Uint8Array> {
  return (await sha256(itemBytes)).slice(0, digestLength)
}

/** The `kid` of an issuer certificate: its SHA-256 thumbprint cut to 64 bits (as RFC 9360's SHA-256/64). */
export async function certificateThumbprint(der: Uint8Array): Promise<Uint8Array> {
  return (await sha256(der)).slice(0, 8)
}

/** The bytes the device signs: `["PolisQR1", time, issuer signature]`. */
export function deviceAuthenticationBytes(options: { time: number; issuerSignature: Uint8Array }): Uint8Array {
  return encodeArray([
    encodeTextString(deviceAuthenticationContext),
    encodeUint(options.time),
    encodeByteString(options.issuerSignature),
  ])
}

/** The presentation's CBOR: `[issuerAuth, [items shown], time, deviceSignature]`. */
export function encodePresentation(parts: {
  issuerAuth: Uint8Array
  items: Uint8Array[]
  time: number
  deviceSignature: Uint8Array
}): Uint8Array {
  return encodeArray([
    encodeByteString(parts.issuerAuth),
    encodeArray(parts.items.map(encodeByteString)),
    encodeUint(parts.time),
    encodeByteString(parts.deviceSignature),
  ])
}

/** The P-256 JWK of a COSE_Key (RFC 9052 section 7), for WebCrypto; ERR_MALFORMED otherwise. */
export function jwkOfCoseKey(value: unknown): JsonWebKey {
  const key = asMap(value, 'device key')
  // kty EC2 (2), crv P-256 (1), x (-2) and y (-3) of 32 bytes each.
  if (key.get(1) !== 2 || key.get(-1) !== 1) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'the device key is not a P-256 key' })
  }
  const x = asBytes(key.get(-2), 'device key x')
  const y = asBytes(key.get(-3), 'device key y')
  if (x.length !== 32 || y.length !== 32) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the device key coordinates have the wrong length' })
  }
  return { kty: 'EC', crv: 'P-256', x: base64urlOf(x), y: base64urlOf(y), ext: true }
}

/** Unpadded base64url of bytes, without Buffer (this module runs in browsers). */
export function base64urlOf(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Bytes of strict unpadded base64url (or, with `padded`, plain base64); undefined otherwise. */
export function bytesOfBase64(text: string, alphabet: 'base64url' | 'base64'): Uint8Array | undefined {
  const pattern = alphabet === 'base64url' ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9+/]*={0,2}$/
  if (!pattern.test(text) || (alphabet === 'base64url' && text.length % 4 === 1)) return undefined
  const standard = alphabet === 'base64url' ? text.replace(/-/g, '+').replace(/_/g, '/') : text
  try {
    const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='))
    return Uint8Array.from(binary, (character) => character.charCodeAt(0))
  } catch {
    return undefined
  }
}

/** A UUID in its text form, as status lists are named. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The text form of a 16-byte UUID. */
export function uuidOf(bytes: Uint8Array): string {
  const hex = hexOf(bytes)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Lower-case hex of bytes. */
export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
