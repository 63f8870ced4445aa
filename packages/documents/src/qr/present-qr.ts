import { PolisError } from '@polis/kernel/errors'
import { toBase45 } from './base45.ts'
import { deviceAuthenticationBytes, encodePresentation, qrPrefix } from './qr-format.ts'
import { readIssuerAuth, readQrCredential } from './read-qr-credential.ts'

export interface PresentQrOptions {
  /** The in-person copy as the issuer gave it. */
  credential: Uint8Array
  /** The names of the claims to show; the others stay hidden behind their digests. */
  disclose: string[]
  /** Signs with the holder's device key: raw r||s ES256, as WebCrypto returns it. */
  deviceSign: (bytes: Uint8Array) => Promise<Uint8Array>
  now: Date
}

/**
 * The text of an in-person QR code: the claims chosen, the issuer's signature over all of
 * them, and the device's signature over this moment, which a verifier accepts for three
 * minutes. Base45 after a `PQ1:` prefix, so the QR is in alphanumeric mode.
 */
export async function presentQr(options: PresentQrOptions): Promise<string> {
  const credential = readQrCredential(options.credential)
  const wanted = new Set(options.disclose)
  const items = credential.items.filter((item) => wanted.has(item.name))
  if (items.length !== wanted.size) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'a claim to show is not in this document' })
  }
  const time = Math.floor(options.now.getTime() / 1000)
  const { sign1 } = readIssuerAuth(credential.issuerAuth)
  const deviceSignature = await options.deviceSign(
    deviceAuthenticationBytes({
      time,
      issuerSignature: sign1.signature,
    }),
  )
  const bytes = encodePresentation({
    issuerAuth: credential.issuerAuth,
    items: items.map((item) => item.bytes),
    time,
    deviceSignature,
  })
  return qrPrefix + toBase45(bytes)
}
