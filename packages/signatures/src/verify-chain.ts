import 'reflect-metadata'
import { verify, X509Certificate } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { PolisError } from '@polis/kernel'

/**
 * Checks that `leaf` chains, through certificates in `pool`, to a trusted anchor, each
 * CA within its path length, every link valid at `at` (when given); returns the path
 * (leaf first, anchor last) or throws ERR_SIGNER_UNTRUSTED or ERR_SIGNER_CERTIFICATE_EXPIRED.
 */
export type ChainCheck = (leaf: Uint8Array, pool: Uint8Array[], at?: Date) => X509Certificate[]

const maxDepth = 4

/** A chain check against fixed anchors: the national roots this verifier trusts. */
export function chainCheck(anchors: Uint8Array[]): ChainCheck {
  const roots = anchors.map((der) => new X509Certificate(Buffer.from(der)))
  return (leafBytes, pool, at) => {
    const leaf = readCertificate(leafBytes)
    if (!leaf) throw new PolisError('ERR_SIGNER_UNTRUSTED', { detail: 'the signer’s certificate cannot be read' })
    // A certificate that cannot be read links nothing: it is left out of the pool.
    const candidates = pool.map(readCertificate).filter((c) => c !== undefined)
    const path = [leaf]
    let current = leaf
    for (let depth = 0; depth < maxDepth; depth++) {
      const root = roots.find((r) => r.raw.equals(current.raw) || issued(current, r))
      if (root) {
        if (!root.raw.equals(current.raw)) path.push(root)
        checkPathLengths(path)
        for (const certificate of path) {
          if (at && (at < certificate.validFromDate || at > certificate.validToDate)) {
            throw new PolisError('ERR_SIGNER_CERTIFICATE_EXPIRED', {
              detail: 'a certificate of the chain was outside its validity at signing time',
            })
          }
        }
        return path
      }
      const parent = candidates.find((c) => !c.raw.equals(current.raw) && issued(current, c))
      if (!parent) break
      path.push(parent)
      current = parent
    }
    throw new PolisError('ERR_SIGNER_UNTRUSTED', { detail: 'the chain does not end at a trusted anchor' })
  }
}

/** A DER certificate, or undefined when its bytes are not one (damaged on the way, or made up). */
function readCertificate(der: Uint8Array): X509Certificate | undefined {
  try {
    return new X509Certificate(Buffer.from(der))
  } catch {
    return undefined
  }
}

/** RFC 5280, section 4.2.1.9: a CA allows at most pathLenConstraint CAs below it. */
function checkPathLengths(path: X509Certificate[]): void {
  path.forEach((certificate, index) => {
    if (index === 0) return
    const limit = new x509.X509Certificate(certificate.raw).getExtension(x509.BasicConstraintsExtension)?.pathLength
    // `index - 1` CAs stand between this one and the leaf.
    if (limit !== undefined && index - 1 > limit) {
      throw new PolisError('ERR_SIGNER_UNTRUSTED', { detail: 'the chain is longer than a CA allows' })
    }
  })
}

function issued(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey)
}

/** An ECDSA P-256/SHA-256 signature (DER) by the certificate's key over `data`. */
export function verifyEcdsa(certificate: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = new X509Certificate(Buffer.from(certificate)).publicKey
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return false
    return verify('sha256', data, { key, dsaEncoding: 'der' }, signature)
  } catch {
    return false
  }
}

/** An ECDSA P-256/SHA-256 signature in JOSE's r‖s form by the certificate's key over `data`. */
export function verifyEcdsaRaw(certificate: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = new X509Certificate(Buffer.from(certificate)).publicKey
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return false
    return signature.length === 64 && verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
  } catch {
    return false
  }
}
