/**
 * ecdsa-sig-formatter (Brightspace, as jwa and jsonwebtoken use it) has no type
 * declarations; these follow its README: an ECDSA signature between ASN.1 DER and the
 * fixed-length r‖s form JOSE uses (RFC 7518 3.4).
 */
declare module 'ecdsa-sig-formatter' {
  /** A DER signature (bytes, or base64) as JOSE's r‖s, base64url. */
  export function derToJose(signature: Buffer | string, alg: 'ES256' | 'ES384' | 'ES512'): string
  /** JOSE's r‖s (bytes, or base64url) as a DER signature. */
  export function joseToDer(signature: Buffer | string, alg: 'ES256' | 'ES384' | 'ES512'): Buffer
}
