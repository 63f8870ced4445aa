import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto'

/** What Koa's cookies ask of the keys that sign them (the interface of the `keygrip` package). */
export interface CookieSigner {
  sign(data: string): string
  verify(data: string, digest: string): boolean
  /** Which key made the digest, or -1 when none did. */
  index(data: string, digest: string): number
}

/**
 * Signs Polis ID's cookies with HMAC-SHA256 (the first key signs, every key verifies),
 * and compares digests in constant time with `timingSafeEqual`. It stands in for Koa's
 * default (keygrip with tsscmp), which makes fresh HMAC keys for every comparison: a
 * sign-in reads a signed cookie at nearly every step.
 */
export function createCookieSigner(keys: string[]): CookieSigner {
  if (keys.length === 0) throw new Error('cookies need at least one key')
  const secrets: KeyObject[] = keys.map((key) => createSecretKey(Buffer.from(key, 'utf8')))
  const digestWith = (secret: KeyObject, data: string) => createHmac('sha256', secret).update(data).digest()
  const index = (data: string, digest: string) => {
    const given = Buffer.from(digest, 'base64url')
    // A digest in another form (keygrip's base64 with padding) is a different string: not ours.
    if (given.toString('base64url') !== digest) return -1
    return secrets.findIndex((secret) => {
      const expected = digestWith(secret, data)
      return given.length === expected.length && timingSafeEqual(given, expected)
    })
  }
  return {
    sign: (data) => digestWith(secrets[0] as KeyObject, data).toString('base64url'),
    verify: (data, digest) => index(data, digest) !== -1,
    index,
  }
}
