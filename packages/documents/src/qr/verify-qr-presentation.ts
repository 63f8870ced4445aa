import { PolisError } from '@polis/kernel/errors'
import { encodeSigStructure } from '../mdoc/cbor-bytes.ts'
import { asBytes } from '../mdoc/decode-cbor.ts'
import { assertValidStatus } from '../status-list/assert-valid-status.ts'
import { getStatus } from '../status-list/get-status.ts'
import { fromBase45 } from './base45.ts'
import {
  clockSkewSeconds,
  coseAlg,
  coseCrit,
  coseKid,
  deviceAuthenticationBytes,
  es256,
  hexOf,
  itemDigest,
  jwkOfCoseKey,
  maxQrTextLength,
  presentationLifetimeSeconds,
  qrPrefix,
} from './qr-format.ts'
import { readIssuerAuth, readPresentationParts } from './read-qr-credential.ts'
import { assertEs256, importVerifyKey } from './read-signed-json.ts'
import type { StatusSnapshot } from './read-status-list-token.ts'
import type { QrTrust, QrTrustedIssuer } from './read-trust-list.ts'
import { TrustRefusal } from './trust-refusal.ts'

export interface VerifyQrOptions {
  trust: QrTrust
  /**
   * The status list of a list id (the UUID at the end of its URI): from the verifier's
   * cache offline, or fetched online; undefined when it has none.
   */
  statusOf: (listId: string) => StatusSnapshot | undefined | Promise<StatusSnapshot | undefined>
  now: Date
}

/** A presentation that passed every check. */
export interface QrCheck {
  documentType: string
  issuer: QrTrustedIssuer
  /** The claims shown: text, numbers, booleans, arrays, objects, `YYYY-MM-DD` dates, PNG bytes for a portrait. */
  claims: Record<string, unknown>
  validUntil: Date
  presentedAt: Date
  /**
   * What identifies this presentation: hex of the `r` half of the device signature, which
   * a verifier remembers to spot a replayed code (`s` could be negated by anyone; `r` not).
   */
  nonce: string
  /** When the status list relied on was signed. */
  statusIssuedAt: Date | undefined
}

/**
 * Checks an in-person QR offline, in this order: that it is a Polis code and well formed;
 * the issuer's certificate in the trust list and its right to issue this document type;
 * the issuer's signature and every claim's digest; the device signature by the key the
 * issuer bound; the three-minute window; the document's validity; its status in the
 * cached list. Each failure throws its PolisError code, and nothing else is returned.
 */
export async function verifyQrPresentation(text: string, options: VerifyQrOptions): Promise<QrCheck> {
  const { trust, now } = options
  if (typeof text !== 'string' || !text.startsWith(qrPrefix)) {
    throw new PolisError('ERR_QR_FOREIGN', { detail: 'the code does not start with PQ1:' })
  }
  if (text.length > maxQrTextLength) throw new PolisError('ERR_TOO_LARGE', { detail: 'the code is too long' })
  const parts = readPresentationParts(fromBase45(text.slice(qrPrefix.length)), maxQrTextLength)
  const { sign1, mso } = readIssuerAuth(parts.issuerAuth)

  if (sign1.protectedHeader.get(coseAlg) !== es256) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'the issuer signature must be ES256' })
  }
  if (sign1.protectedHeader.has(coseCrit)) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'critical COSE headers are not supported' })
  }
  const kid = asBytes(sign1.protectedHeader.get(coseKid), 'kid')
  if (kid.length !== 8) throw new PolisError('ERR_MALFORMED', { detail: 'kid must be a 64-bit thumbprint' })
  const prefix = hexOf(kid)
  const certificate = [...trust.certificates.values()].find((c) => c.sha256.startsWith(prefix))
  if (!certificate) {
    const withdrawn = [...trust.withdrawn.values()].find((c) => c.sha256.startsWith(prefix))
    if (withdrawn) {
      throw new TrustRefusal(
        withdrawn.certificateWithdrawn ? 'ERR_ISSUER_CERTIFICATE_WITHDRAWN' : 'ERR_ISSUER_WITHDRAWN',
        {
          country: withdrawn.issuer.country,
          issuer: withdrawn.issuer,
        },
      )
    }
    throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'the certificate is not on the trust list' })
  }
  // Another country's documents are relied on only while that country's list is valid.
  const from = certificate.issuer.country
  if (from.code !== trust.country.code) {
    const listUntil = trust.countries.get(from.code)?.expiresAt
    if (!listUntil || now >= listUntil) {
      throw new TrustRefusal('ERR_TRUST_LIST_STALE', { country: from, issuer: certificate.issuer })
    }
  }
  if (now < certificate.notBefore || now > certificate.notAfter) {
    throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'the issuer certificate is not valid now' })
  }
  if (!certificate.issuer.documents.includes(mso.documentType)) {
    throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'this issuer does not issue this document type' })
  }
  // The three cryptographic checks run side by side (WebCrypto answers each asynchronously),
  // and their outcomes are then read in this order, so the first failure named is the same.
  // Each check is an async function, so that even a synchronous throw settles it rather
  // than leaving the others' promises unawaited.
  const [issuerSigned, digests, deviceSigned] = await Promise.allSettled([
    (async () => {
      const signed = encodeSigStructure(sign1.protectedBytes, sign1.payload ?? new Uint8Array())
      await assertEs256(certificate.key, sign1.signature, signed)
    })(),
    Promise.all(parts.items.map((item) => itemDigest(item.bytes))),
    (async () => {
      const deviceKey = await importVerifyKey(jwkOfCoseKey(mso.deviceKey))
      const signed = deviceAuthenticationBytes({ time: parts.time, issuerSignature: sign1.signature })
      await assertEs256(deviceKey, parts.deviceSignature, signed)
    })(),
  ])
  if (issuerSigned.status === 'rejected') throw issuerSigned.reason
  if (digests.status === 'rejected') throw digests.reason
  const claims: Record<string, unknown> = {}
  for (const [index, item] of parts.items.entries()) {
    if (!mso.digests.has(hexOf(digests.value[index] as Uint8Array))) {
      throw new PolisError('ERR_DIGEST_MISMATCH', { detail: 'a claim does not match the issuer digest' })
    }
    claims[item.name] = item.value
  }
  if (deviceSigned.status === 'rejected') {
    const cause = deviceSigned.reason
    // A device key that is no key is the issuer's data gone wrong (malformed); a bad signature is the device's.
    if (cause instanceof PolisError && cause.code !== 'ERR_SIGNATURE_INVALID') throw cause
    throw new PolisError('ERR_KB_SIGNATURE_INVALID', { detail: 'the device signature does not verify', cause })
  }

  const nowSeconds = Math.floor(now.getTime() / 1000)
  if (nowSeconds - parts.time > presentationLifetimeSeconds || parts.time - nowSeconds > clockSkewSeconds) {
    throw new PolisError('ERR_PRESENTATION_EXPIRED', { detail: 'the code is outside its three minutes' })
  }
  if (nowSeconds >= mso.validUntil) throw new PolisError('ERR_EXPIRED')

  let statusIssuedAt: Date | undefined
  if (mso.status) {
    if (now >= trust.expiresAt) throw new PolisError('ERR_STATUS_STALE', { detail: 'the trust list has expired' })
    const snapshot = await options.statusOf(mso.status.listId)
    if (!snapshot) throw new PolisError('ERR_STATUS_UNAVAILABLE', { detail: 'no cached status list for this code' })
    if (snapshot.issuer.id !== certificate.issuer.id) {
      throw new PolisError('ERR_STATUS_UNAVAILABLE', { detail: 'the status list is signed by another issuer' })
    }
    if (snapshot.expiresAt && now >= snapshot.expiresAt) {
      throw new PolisError('ERR_STATUS_STALE', { detail: 'the cached status list has expired' })
    }
    assertValidStatus(getStatus(snapshot.list, mso.status.idx))
    statusIssuedAt = snapshot.issuedAt
  }
  return {
    documentType: mso.documentType,
    issuer: certificate.issuer,
    claims,
    validUntil: new Date(mso.validUntil * 1000),
    presentedAt: new Date(parts.time * 1000),
    nonce: hexOf(parts.deviceSignature.subarray(0, 16)),
    statusIssuedAt,
  }
}
