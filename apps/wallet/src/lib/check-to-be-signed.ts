import { fromBase64url } from './base64url.ts'
import type { SigningRequest } from './read-signing-request.ts'

const base64url = /^[A-Za-z0-9_-]+$/

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let i = 0; i < needle.length; i++) if (haystack[start + i] !== needle[i]) continue outer
    return true
  }
  return false
}

/** The first document hash a JAdES protected header names (`sigD.hashV[0]`), if it names one. */
function jadesHashOf(toBeSigned: Uint8Array): string | undefined {
  // The signing input of a JWS with no payload: the encoded protected header and a dot.
  if (toBeSigned.some((byte) => byte > 0x7f)) return undefined
  const text = new TextDecoder().decode(toBeSigned)
  if (!text.endsWith('.') || !base64url.test(text.slice(0, -1))) return undefined
  const header: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(text.slice(0, -1))))
  if (typeof header !== 'object' || header === null || !('sigD' in header)) return undefined
  const { sigD } = header
  if (typeof sigD !== 'object' || sigD === null || !('hashV' in sigD) || !Array.isArray(sigD.hashV)) return undefined
  const [first] = sigD.hashV
  return typeof first === 'string' ? first : undefined
}

/**
 * Whether what the wallet is asked to sign commits to the digest it was told of
 * (docs/signatures.md, "Signing, step by step", 3), so that a key never signs bytes
 * about some other document: for CAdES and PAdES the digest's bytes occur in the
 * signed attributes (for CAdES it is also the file's own SHA-256); for JAdES the
 * protected header's `sigD.hashV` names the document's own SHA-256. Anything malformed
 * answers false.
 */
export function carriesDigest(request: Pick<SigningRequest, 'format' | 'document' | 'toBeSigned' | 'digest'>): boolean {
  if (!base64url.test(request.toBeSigned) || !base64url.test(request.digest)) return false
  try {
    const toBeSigned = fromBase64url(request.toBeSigned)
    const digest = fromBase64url(request.digest)
    if (digest.length !== 32) return false
    if (request.format === 'JAdES') {
      return request.digest === request.document.sha256 && jadesHashOf(toBeSigned) === request.digest
    }
    // A detached CAdES signature's message digest is the file's own SHA-256, the one shown.
    if (request.format === 'CAdES' && request.digest !== request.document.sha256) return false
    return contains(toBeSigned, digest)
  } catch {
    return false
  }
}
