import { base64url } from 'jose'

/**
 * The `x509_hash` client identifier of a certificate (OpenID4VP 1.0 section 5.9.3):
 * `x509_hash:` and the base64url SHA-256 of its DER. WebCrypto only, for wallet and verifier alike.
 */
export async function x509HashClientId(der: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', der as Uint8Array<ArrayBuffer>)
  return `x509_hash:${base64url.encode(new Uint8Array(digest))}`
}
