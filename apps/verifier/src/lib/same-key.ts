/**
 * True when two JWKs are the same public key: the members RFC 7638 section 3.2 hashes
 * for a thumbprint agree. `alg`, `kid` and other optional members do not count.
 */
export function sameKey(a: JsonWebKey, b: JsonWebKey): boolean {
  const members = a.kty === 'RSA' ? (['kty', 'n', 'e'] as const) : (['kty', 'crv', 'x', 'y'] as const)
  return a.kty !== undefined && members.every((name) => a[name] === b[name])
}
