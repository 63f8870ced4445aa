import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { PolisError } from '@polis/kernel/errors'
import { x509HashClientId } from './x509-hash-client-id.ts'

/** What a wallet learns of the business behind a request from its access certificate. */
export interface AccessCertificate {
  /** The certificate's subject, e.g. `C=ZZ, O=Demo Bank, 2.5.4.97=NTRZZ-..., CN=Demo Bank`. */
  subject: string
  legalName: string | undefined
  /** The business register number from organizationIdentifier (`NTR<country>-<number>`). */
  registerNumber: string | undefined
  /** `x509_hash:` and the SHA-256 of the leaf: the client id a request signed with it must carry. */
  clientId: string
  /** The key the request object must be signed with. */
  publicKey: CryptoKey
  notBefore: Date
  notAfter: Date
}

/** Checks an `x5c` (base64 DER, leaf first) against the access CAs at a moment. */
export type CheckAccessCertificate = (x5c: readonly string[], now: Date) => Promise<AccessCertificate>

const refuse = (detail: string, cause?: unknown) => new PolisError('ERR_UNTRUSTED_VERIFIER', { detail, cause })
const maxChainLength = 4
const maxCached = 256

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

async function issuedBy(certificate: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (certificate.issuer !== issuer.subject) return false
  const basic = issuer.getExtension(x509.BasicConstraintsExtension)
  if (!basic?.ca) return false
  const keyUsage = issuer.getExtension(x509.KeyUsagesExtension)
  if (keyUsage && !(keyUsage.usages & x509.KeyUsageFlags.keyCertSign)) return false
  return certificate.verify({ publicKey: issuer, signatureOnly: true })
}

/**
 * Makes the wallet's check of a business's access certificate chain: the leaf is a
 * signing end entity, every link is signed by the next, the last by one of the access
 * CAs, and all are valid at `now`. WebCrypto only (no Node), so the PWA can run it;
 * chains already checked are remembered by their text, validity is checked each time.
 */
export function createAccessCertificateCheck(accessCas: readonly Uint8Array[]): CheckAccessCertificate {
  const anchors = accessCas.map((der) => new x509.X509Certificate(der as Uint8Array<ArrayBuffer>))
  const cache = new Map<string, AccessCertificate>()
  const check = async (x5c: readonly string[]): Promise<AccessCertificate> => {
    if (x5c.length === 0 || x5c.length > maxChainLength) throw refuse('the certificate chain is empty or too long')
    let chain: x509.X509Certificate[]
    try {
      chain = x5c.map((text) => new x509.X509Certificate(decodeBase64(text)))
    } catch (cause) {
      throw refuse('a certificate cannot be read', cause)
    }
    const leaf = chain[0] as x509.X509Certificate
    if (leaf.getExtension(x509.BasicConstraintsExtension)?.ca) throw refuse('the access certificate is a CA')
    const keyUsage = leaf.getExtension(x509.KeyUsagesExtension)
    if (keyUsage && !(keyUsage.usages & x509.KeyUsageFlags.digitalSignature)) throw refuse('the key may not sign')
    let notBefore = leaf.notBefore.getTime()
    let notAfter = leaf.notAfter.getTime()
    for (let i = 0; i < chain.length; i++) {
      const certificate = chain[i] as x509.X509Certificate
      notBefore = Math.max(notBefore, certificate.notBefore.getTime())
      notAfter = Math.min(notAfter, certificate.notAfter.getTime())
      let anchor: x509.X509Certificate | undefined
      for (const candidate of anchors) if (await issuedBy(certificate, candidate)) anchor = candidate
      if (anchor) {
        notBefore = Math.max(notBefore, anchor.notBefore.getTime())
        notAfter = Math.min(notAfter, anchor.notAfter.getTime())
        const publicKey = await leaf.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify'])
        const name = leaf.subjectName
        const organisationId = name.getField('2.5.4.97')[0]
        return {
          clientId: await x509HashClientId(new Uint8Array(leaf.rawData)),
          subject: leaf.subject,
          legalName: name.getField('O')[0] ?? name.getField('CN')[0],
          registerNumber: organisationId?.replace(/^NTR[A-Z]{2}-/, ''),
          publicKey,
          notBefore: new Date(notBefore),
          notAfter: new Date(notAfter),
        }
      }
      const next = chain[i + 1]
      if (!next || !(await issuedBy(certificate, next))) break
    }
    throw refuse('the certificate is not from the access CA')
  }
  return async (x5c, now) => {
    const key = x5c.join('.')
    let known = cache.get(key)
    if (!known) {
      known = await check(x5c)
      if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string)
      cache.set(key, known)
    }
    const at = now.getTime()
    if (at < known.notBefore.getTime() || at > known.notAfter.getTime()) {
      throw refuse('the access certificate is outside its validity period')
    }
    return known
  }
}
