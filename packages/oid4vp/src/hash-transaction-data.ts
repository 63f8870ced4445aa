import { base64url } from 'jose'

/**
 * The hash a key-binding JWT carries for one transaction data entry (OpenID4VP 1.0
 * section 8.4): SHA-256 over the entry exactly as the request sent it, base64url-encoded.
 */
export async function hashTransactionData(encoded: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(encoded))
  return base64url.encode(new Uint8Array(digest))
}
