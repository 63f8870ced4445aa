import { createHash, type KeyObject, X509Certificate } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { checkCertificateProfile } from './certificate-profile.ts'

/** The certificates a verifier trusts as roots: national anchors, its own and federated ones. */
export interface TrustAnchors {
  certificates: X509Certificate[]
}

/** Builds the anchor set from DER or PEM certificates. */
export function trustAnchors(certificates: Array<Uint8Array | string>): TrustAnchors {
  return { certificates: certificates.map((c) => new X509Certificate(typeof c === 'string' ? c : Buffer.from(c))) }
}

/** A chain that was checked: the leaf, its public key and the window in which every link is valid. */
export interface VerifiedChain {
  leaf: X509Certificate
  /** The leaf's subject and its anchor's, read once: each read of X509Certificate.subject calls into OpenSSL. */
  subject: string
  anchorSubject: string
  publicKey: KeyObject
  anchor: X509Certificate
  notBefore: number
  notAfter: number
}

export interface VerifyCertificateChainOptions {
  /** DER certificates, leaf first (as in `x5c` and COSE `x5chain`). */
  chain: Uint8Array[]
  anchors: TrustAnchors
  now: Date
}

const maxChainLength = 5

/**
 * Checks that a certificate chain ends at a trusted anchor, with every signature
 * valid, every issuer a CA and every certificate valid at `now` (RFC 5280, section 6,
 * for the subset a closed national PKI needs). Throws ERR_UNTRUSTED_ISSUER otherwise.
 */
export function verifyCertificateChain(options: VerifyCertificateChainOptions): VerifiedChain {
  const verified = verifyChainLinks(options.chain, options.anchors)
  const at = options.now.getTime()
  if (at < verified.notBefore || at > verified.notAfter) {
    throw new PolisError('ERR_UNTRUSTED_ISSUER', {
      detail: 'a certificate in the chain is outside its validity period',
    })
  }
  return verified
}

function verifyChainLinks(chain: Uint8Array[], anchors: TrustAnchors): VerifiedChain {
  if (chain.length === 0 || chain.length > maxChainLength) {
    throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'certificate chain is empty or too long' })
  }
  let certificates: X509Certificate[]
  try {
    certificates = chain.map((der) => new X509Certificate(Buffer.from(der)))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'a certificate in the chain cannot be parsed', cause })
  }
  let notBefore = Number.NEGATIVE_INFINITY
  let notAfter = Number.POSITIVE_INFINITY
  const within = (certificate: X509Certificate) => {
    notBefore = Math.max(notBefore, certificate.validFromDate.getTime())
    notAfter = Math.min(notAfter, certificate.validToDate.getTime())
  }
  for (let i = 0; i < certificates.length; i++) {
    const certificate = certificates[i] as X509Certificate
    within(certificate)
    const anchor = anchors.certificates.find((a) => a.raw.equals(certificate.raw) || isIssuedBy(certificate, a))
    if (anchor) {
      const path = certificates.slice(0, i + 1)
      if (!anchor.raw.equals(certificate.raw)) {
        within(anchor)
        path.push(anchor)
      }
      checkCertificateProfile(path)
      const leaf = certificates[0] as X509Certificate
      return {
        leaf,
        subject: leaf.subject,
        anchorSubject: anchor.subject,
        publicKey: leaf.publicKey,
        anchor,
        notBefore,
        notAfter,
      }
    }
    const next = certificates[i + 1]
    if (!next || !isIssuedBy(certificate, next)) break
  }
  throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'the certificate chain does not end at a trusted anchor' })
}

function isIssuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey)
}

/** Checks an `x5c`/`x5chain` against trusted anchors at a moment; `createChainCache` makes one. */
export type VerifyChain = (chain: Uint8Array[], now: Date) => VerifiedChain

/**
 * Remembers chains already checked, keyed by their bytes, so that verifying many
 * credentials from one issuer costs one chain check. Validity is still checked per call.
 */
export function createChainCache(anchors: TrustAnchors, options: { maxEntries?: number } = {}): VerifyChain {
  const maxEntries = options.maxEntries ?? 1024
  const cache = new Map<string, VerifiedChain>()
  // Callers that reuse the same chain array skip even the hashing.
  const byIdentity = new WeakMap<Uint8Array[], VerifiedChain>()
  return (chain: Uint8Array[], now: Date): VerifiedChain => {
    let verified = byIdentity.get(chain)
    if (!verified) {
      const hash = createHash('sha256')
      for (const der of chain) hash.update(der)
      const key = hash.digest('base64')
      verified = cache.get(key)
      if (!verified) {
        verified = verifyChainLinks(chain, anchors)
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string)
        cache.set(key, verified)
      }
      byIdentity.set(chain, verified)
    }
    const at = now.getTime()
    if (at < verified.notBefore || at > verified.notAfter) {
      throw new PolisError('ERR_UNTRUSTED_ISSUER', {
        detail: 'a certificate in the chain is outside its validity period',
      })
    }
    return verified
  }
}
