import { PolisError } from '@polis/kernel/errors'
import { bytesOfBase64, hexOf, sha256 } from './qr-format.ts'
import { assertEs256, importVerifyKey, readCompactJws } from './read-signed-json.ts'

/** An agency the national anchor vouches for, and the documents it may issue. */
export interface QrTrustedIssuer {
  id: string
  name: Record<'uk' | 'en' | 'et', string>
  documents: string[]
  /** The country whose trust list names it. */
  country: QrCountry
}

/** A country as its trust list names itself: ISO 3166-1 alpha-2 code and name. */
export interface QrCountry {
  code: string
  name: string
}

/** One certificate of a trusted issuer, with its key ready for WebCrypto. */
export interface QrTrustedCertificate {
  issuer: QrTrustedIssuer
  key: CryptoKey
  /** Hex SHA-256 of the certificate's DER. */
  sha256: string
  notBefore: Date
  notAfter: Date
  /** Withdrawn on its own, the issuer still trusted: its key was compromised (`status: "withdrawn"`). */
  certificateWithdrawn?: true
}

/** A verified trust list, indexed for the checks a verifier makes. */
export interface QrTrust {
  /** The verifier's own country, whose list this is (or, combined, the first list's). */
  country: QrCountry
  issuedAt: Date
  nextUpdate: Date
  /** After this the list is not relied on (its `exp`). */
  expiresAt: Date
  issuers: QrTrustedIssuer[]
  /** Certificates by hex SHA-256 of their DER; the first 16 hex digits are the `x5t` a QR names. */
  certificates: Map<string, QrTrustedCertificate>
  /**
   * Certificates of issuers their country has withdrawn (entity `status: "withdrawn"`), and
   * certificates withdrawn on their own (a certificate's `status: "withdrawn"`: its key
   * compromised), by the same key: known, so that a refusal can name them, never trusted.
   */
  withdrawn: Map<string, QrTrustedCertificate>
  /** Each country's list's `exp`, by code: a combined trust holds several (combineTrust). */
  countries: Map<string, QrCountry & { expiresAt: Date }>
}

const maxTrustListLength = 1024 * 1024

/**
 * Verifies the trust list (`/trust/list`, a JWS of type `trust-list+jwt`) against the
 * national anchor's key, which the verifier pinned, and indexes its issuers' certificates.
 * An expired list is still read: the verifier decides, by its age, whether to rely on it.
 * Each certificate's DER must hash to the fingerprint the list gives.
 */
export async function readTrustList(jws: string, anchor: JsonWebKey, now: Date): Promise<QrTrust> {
  const token = readCompactJws(jws, { typ: 'trust-list+jwt', maxLength: maxTrustListLength })
  await assertEs256(await importVerifyKey(anchor), token.signature, token.signingInput)
  const list = token.payload
  const iat = list.iat
  const exp = list.exp
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Array.isArray(list.entities)) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the trust list lacks iat, exp or entities' })
  }
  if (iat * 1000 > now.getTime() + 5 * 60_000) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the trust list is dated in the future' })
  }
  const named = list.country as { code?: unknown; name?: unknown } | undefined
  const country: QrCountry = { code: String(named?.code ?? ''), name: String(named?.name ?? '') }
  const issuers: QrTrustedIssuer[] = []
  const certificates = new Map<string, QrTrustedCertificate>()
  const withdrawn = new Map<string, QrTrustedCertificate>()
  for (const entity of list.entities as Array<Record<string, unknown>>) {
    if (entity.role !== 'issuer' || typeof entity.id !== 'string' || !Array.isArray(entity.certificates)) continue
    const issuer: QrTrustedIssuer = {
      id: entity.id,
      name: entity.name as QrTrustedIssuer['name'],
      documents: Array.isArray(entity.documents) ? entity.documents.filter((d) => typeof d === 'string') : [],
      country,
    }
    const trusted = entity.status === undefined || entity.status === 'granted'
    if (trusted) issuers.push(issuer)
    const kept = trusted ? certificates : withdrawn
    for (const certificate of entity.certificates as Array<Record<string, unknown>>) {
      const der = typeof certificate.x5c === 'string' ? bytesOfBase64(certificate.x5c, 'base64') : undefined
      if (!der) throw new PolisError('ERR_MALFORMED', { detail: 'a trust list certificate is not base64' })
      const fingerprint = hexOf(await sha256(der))
      if (fingerprint !== certificate.sha256) {
        throw new PolisError('ERR_MALFORMED', { detail: 'a trust list certificate does not match its fingerprint' })
      }
      const alone = trusted && certificate.status === 'withdrawn'
      ;(alone ? withdrawn : kept).set(fingerprint, {
        issuer,
        key: await importVerifyKey(certificate.jwk),
        sha256: fingerprint,
        notBefore: new Date(String(certificate.not_before)),
        notAfter: new Date(String(certificate.not_after)),
        ...(alone ? { certificateWithdrawn: true as const } : {}),
      })
    }
  }
  const expiresAt = new Date(exp * 1000)
  return {
    country,
    issuedAt: new Date(iat * 1000),
    nextUpdate: new Date(String(list.next_update)),
    expiresAt,
    issuers,
    certificates,
    withdrawn,
    countries: new Map([[country.code, { ...country, expiresAt }]]),
  }
}
