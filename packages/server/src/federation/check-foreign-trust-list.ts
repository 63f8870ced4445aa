import { createHash, X509Certificate } from 'node:crypto'
import { type QrTrust, readTrustList, TrustRefusal } from '@polis/documents/qr'
import { fromBase64url, isPolisError, PolisError } from '@polis/kernel'
import { z } from 'zod'

/** The protected header of a trust list: the anchor that signed it, as one DER certificate. */
const TrustListHeader = z.object({ typ: z.literal('trust-list+jwt'), x5c: z.array(z.string()).min(1) })

/** What an operator agreed for another country: its code and its anchor's fingerprint. */
export interface AgreedCountry {
  code: string
  /** Hex SHA-256 of the anchor certificate's DER. */
  anchorSha256: string
}

/** A verified foreign trust list, with the anchor key it verified against. */
export interface CheckedTrustList {
  trust: QrTrust
  anchor: { sha256: string; jwk: JsonWebKey; der: Uint8Array }
}

const countryOf = (agreed: AgreedCountry, trust?: QrTrust) => ({
  code: agreed.code,
  name: trust?.country.code === agreed.code && trust.country.name ? trust.country.name : agreed.code,
})

/**
 * Checks another country's trust list against what its operator agreed: the certificate
 * in its header is the agreed anchor (ERR_TRUST_ANCHOR_MISMATCH), its signature verifies
 * with that anchor's key (ERR_TRUST_LIST_SIGNATURE), it is that country's list (again
 * ERR_TRUST_ANCHOR_MISMATCH), and, unless `allowExpired`, it is still valid
 * (ERR_TRUST_LIST_STALE). Each refusal names the country.
 */
export async function checkForeignTrustList(
  jws: string,
  options: { agreed: AgreedCountry; now: Date; allowExpired?: boolean },
): Promise<CheckedTrustList> {
  const { agreed, now } = options
  const headerJson = fromBase64url(jws.split('.')[0] ?? '')
  let header: z.infer<typeof TrustListHeader> | undefined
  try {
    header = headerJson ? TrustListHeader.parse(JSON.parse(Buffer.from(headerJson).toString('utf8'))) : undefined
  } catch {
    header = undefined
  }
  if (!header) {
    throw new TrustRefusal('ERR_TRUST_LIST_SIGNATURE', {
      country: countryOf(agreed),
      detail: 'not a signed trust list with its anchor in x5c',
    })
  }
  const der = Buffer.from(header.x5c[0] as string, 'base64')
  const sha256 = createHash('sha256').update(der).digest('hex')
  if (sha256 !== agreed.anchorSha256) {
    throw new TrustRefusal('ERR_TRUST_ANCHOR_MISMATCH', {
      country: countryOf(agreed),
      detail: `signed by anchor ${sha256.slice(0, 16)}…, agreed ${agreed.anchorSha256.slice(0, 16)}…`,
    })
  }
  const jwk = new X509Certificate(der).publicKey.export({ format: 'jwk' }) as JsonWebKey
  let trust: QrTrust
  try {
    trust = await readTrustList(jws, jwk, now)
  } catch (error) {
    if (isPolisError(error, 'ERR_SIGNATURE_INVALID') || isPolisError(error, 'ERR_MALFORMED')) {
      throw new TrustRefusal('ERR_TRUST_LIST_SIGNATURE', {
        country: countryOf(agreed),
        detail: error.detail ?? 'the signature does not verify with the agreed anchor',
      })
    }
    throw error
  }
  if (trust.country.code !== agreed.code) {
    throw new TrustRefusal('ERR_TRUST_ANCHOR_MISMATCH', {
      country: countryOf(agreed),
      detail: `the list is ${trust.country.code}'s`,
    })
  }
  if (!options.allowExpired && now >= trust.expiresAt) {
    throw new TrustRefusal('ERR_TRUST_LIST_STALE', {
      country: countryOf(agreed, trust),
      detail: `valid until ${trust.expiresAt.toISOString()}`,
    })
  }
  return { trust, anchor: { sha256, jwk, der: new Uint8Array(der) } }
}

/** A fingerprint as operators copy it (with colons, in either case) made hex. */
export function parseFingerprint(text: string): string {
  const hex = text.replace(/[:\s]/g, '').toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the anchor fingerprint must be 64 hex digits (SHA-256)' })
  }
  return hex
}
