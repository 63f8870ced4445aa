import { toBase64url } from './base64url.ts'

const algorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const

/** A P-256 key that never leaves this browser: WebCrypto keeps it non-extractable in IndexedDB. */
export async function createDeviceKey(): Promise<{ keys: CryptoKeyPair; publicJwk: JsonWebKey }> {
  const keys = (await crypto.subtle.generateKey(algorithm, false, ['sign', 'verify'])) as CryptoKeyPair
  const { kty = 'EC', crv = 'P-256', x = '', y = '' } = await crypto.subtle.exportKey('jwk', keys.publicKey)
  return { keys, publicJwk: { kty, crv, x, y } }
}

/** A compact ES256 JWS; WebCrypto's ECDSA signature is already the raw r||s JWS wants. */
export async function signJwt(
  key: CryptoKey,
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): Promise<string> {
  const input = `${toBase64url(JSON.stringify({ alg: 'ES256', ...header }))}.${toBase64url(JSON.stringify(payload))}`
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(input))
  return `${input}.${toBase64url(new Uint8Array(signature))}`
}
