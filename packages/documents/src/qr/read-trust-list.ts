import { PolisError } from '@polis/kernel/errors'
import { bytesOfBase64, hexOf, sha256 } from './qr-format.ts'
import { assertEs256, importVerifyKey, readCompactJws } from './read-signed-json.ts'

/** An agency the national anchor vouches for, and the documents it may issue. */
export interface QrTrustedIssuer {
  id: string
  name: Record<'uk' | 'en' | 'et', string>
  documents: string[]
}

/** One certificate of a trusted issuer, with its key ready for WebCrypto. */
export interface QrTrustedCertificate {
  issuer: QrTrustedIssuer
  key: CryptoKey
  /** Hex SHA-256 of the certificate's DER. */
  sha256: string
  notBefore: Date
  notAfter: Date
}

/** A verified trust list, indexed for the checks a verifier makes. */
export interface QrTrust {
  country: { code: string; name: string }
  issuedAt: Date
  nextUpdate: Date
  /** After this the list is not relied on (its `exp`). */
  expiresAt: Date
  issuers: QrTrustedIssuer[]
  /** Certificates by hex SHA-256 of their DER; the first 16 hex digits are the `x5t` a QR names. */
  certificates: Map<string, QrTrustedCertificate>
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
  const country = list.country as { code?: unknown; name?: unknown } | undefined
  const issuers: QrTrustedIssuer[] = []
  const certificates = new Map<string, QrTrustedCertificate>()
  for (const entity of list.entities as Array<Record<string, unknown>>) {
    if (entity.role !== 'issuer' || typeof entity.id !== 'string' || !Array.isArray(entity.certificates)) continue
    const issuer: QrTrustedIssuer = {
      id: entity.id,
      name: entity.name as QrTrustedIssuer['name'],
      documents: Array.isArray(entity.documents) ? entity.documents.filter((d) => typeof d === 'string') : [],
    }
    issuers.push(issuer)
    for (const certificate of entity.certificates as Array<Record<string, unknown>>) {
      const der = typeof certificate.x5c === 'string' ? bytesOfBase64(certificate.x5c, 'base64') : undefined
      if (!der) throw new PolisError('ERR_MALFORMED', { detail: 'a trust list certificate is not base64' })
      const fingerprint = hexOf(await sha256(der))
      if (fingerprint !== certificate.sha256) {
        throw new PolisError('ERR_MALFORMED', { detail: 'a trust list certificate does not match its fingerprint' })
      }
      certificates.set(fingerprint, {
        issuer,
        key: await importVerifyKey(certificate.jwk),
        sha256: fingerprint,
        notBefore: new Date(String(certificate.not_before)),
        notAfter: new Date(String(certificate.not_after)),
      })
    }
  }
  return {
    country: { code: String(country?.code ?? ''), name: String(country?.name ?? '') },
    issuedAt: new Date(iat * 1000),
    nextUpdate: new Date(String(list.next_update)),
    expiresAt: new Date(exp * 1000),
    issuers,
    certificates,
  }
}
