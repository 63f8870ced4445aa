import 'reflect-metadata'
import type { X509Certificate } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { PolisError } from '@polis/kernel'

/** ISO/IEC 18013-5 Annex B: extended key usage of an mdoc document signer, which Polis issuers carry. */
export const documentSignerEku = '1.0.18013.5.1.2'
const anyExtendedKeyUsage = '2.5.29.37.0'

function extensions(certificate: X509Certificate) {
  const parsed = new x509.X509Certificate(certificate.raw)
  return {
    basic: parsed.getExtension(x509.BasicConstraintsExtension),
    keyUsage: parsed.getExtension(x509.KeyUsagesExtension),
    extendedKeyUsage: parsed.getExtension(x509.ExtendedKeyUsageExtension),
  }
}

const refuse = (detail: string) => new PolisError('ERR_UNTRUSTED_ISSUER', { detail })

/**
 * Checks what RFC 5280 section 6 asks of a path beyond its signatures: the signer is
 * an end entity allowed to sign documents (digitalSignature; if it names extended key
 * usages, the document-signer one), every CA above it may sign certificates and
 * allows that many CAs below it (pathLenConstraint). `path` runs leaf first, anchor last.
 */
export function checkCertificateProfile(path: X509Certificate[]): void {
  const [leaf, ...cas] = path
  if (!leaf || leaf.ca) throw refuse('the signing certificate is a CA certificate')
  const leafExtensions = extensions(leaf)
  if (leafExtensions.keyUsage && !(leafExtensions.keyUsage.usages & x509.KeyUsageFlags.digitalSignature)) {
    throw refuse('the signing certificate may not sign (key usage)')
  }
  const eku = leafExtensions.extendedKeyUsage?.usages.map(String)
  if (eku && !eku.includes(documentSignerEku) && !eku.includes(anyExtendedKeyUsage)) {
    throw refuse('the signing certificate is not for signing documents (extended key usage)')
  }
  cas.forEach((ca, index) => {
    const { basic, keyUsage } = extensions(ca)
    if (keyUsage && !(keyUsage.usages & x509.KeyUsageFlags.keyCertSign)) {
      throw refuse('a CA in the chain may not sign certificates (key usage)')
    }
    // `index` CAs stand between this one and the leaf.
    if (basic?.pathLength !== undefined && index > basic.pathLength) {
      throw refuse('the chain is longer than a CA allows (path length)')
    }
  })
}
