import { PolisError } from './errors.ts'

/**
 * ECDSA P-256 signatures in their two encodings: raw r||s (JWS, COSE) and the DER
 * `ECDSA-Sig-Value` (RFC 3279 section 2.2.3) that OpenSSL produces and reads. Handing
 * `node:crypto` DER and a bare key is its fastest path.
 */
function derInteger(bytes: Uint8Array): Uint8Array {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const value = bytes.subarray(start)
  return (value[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value
}

/** A raw 64-byte r||s signature as DER. */
export function rawSignatureToDer(signature: Uint8Array): Buffer {
  if (signature.length !== 64) throw new PolisError('ERR_MALFORMED', { detail: 'an ES256 signature has 64 bytes' })
  const r = derInteger(signature.subarray(0, 32))
  const s = derInteger(signature.subarray(32))
  return Buffer.concat([
    Buffer.from([0x30, r.length + s.length + 4, 0x02, r.length]),
    r,
    Buffer.from([0x02, s.length]),
    s,
  ])
}

/** A DER P-256 signature (as OpenSSL signs) as raw 64-byte r||s. */
export function derSignatureToRaw(der: Uint8Array): Uint8Array {
  const fail = () => new PolisError('ERR_MALFORMED', { detail: 'not a DER ECDSA P-256 signature' })
  if (der[0] !== 0x30 || der[1] !== der.length - 2 || der[2] !== 0x02) throw fail()
  const rLength = der[3] as number
  const r = der.subarray(4, 4 + rLength)
  if (der[4 + rLength] !== 0x02) throw fail()
  const sLength = der[5 + rLength] as number
  const s = der.subarray(6 + rLength, 6 + rLength + sLength)
  if (6 + rLength + sLength !== der.length || rLength > 33 || sLength > 33) throw fail()
  const raw = new Uint8Array(64)
  const strip = (value: Uint8Array) => (value.length === 33 ? value.subarray(1) : value)
  const rr = strip(r)
  const ss = strip(s)
  raw.set(rr, 32 - rr.length)
  raw.set(ss, 64 - ss.length)
  return raw
}
