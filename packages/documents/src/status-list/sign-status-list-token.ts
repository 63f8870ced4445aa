import { epochSeconds, PolisError, type SigningKey, toBase64url } from '@polis/kernel'
import { encodeStatusList } from './encode-status-list.ts'
import type { StatusList } from './status-list.ts'

/** What to sign into a Status List Token, and with which key. */
export interface SignStatusListTokenOptions {
  /** The list's own URI: becomes `sub`, and credentials reference it in `status_list.uri`. */
  uri: string
  list: StatusList
  signingKey: SigningKey
  now: Date
  /** `ttl`: how long verifiers may cache the token before fetching a fresh one (section 13.7). */
  ttlSeconds?: number
  /** Sets `exp` to `iat` plus this many seconds; verifiers must not rely on the list after it. */
  validitySeconds?: number
}

/** The media type of a Status List Token in JWT format, as `typ` (section 5.1). */
export const statusListJwtType = 'statuslist+jwt'

/** Signs a Status List Token in JWT format (section 5.1), with the signer's chain in `x5c`. */
export async function signStatusListToken(options: SignStatusListTokenOptions): Promise<string> {
  const { uri, list, signingKey, now, ttlSeconds, validitySeconds } = options
  if (signingKey.alg !== 'ES256') {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'status list tokens are signed with ES256' })
  }
  if (signingKey.chain.length === 0) {
    throw new PolisError('ERR_CONFIG_INVALID', { detail: 'the signing key has no certificate chain for x5c' })
  }
  if (!URL.canParse(uri)) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the status list URI is not an absolute URI' })
  }
  for (const seconds of [ttlSeconds, validitySeconds]) {
    if (seconds !== undefined && (!Number.isSafeInteger(seconds) || seconds <= 0)) {
      throw new PolisError('ERR_MALFORMED', { detail: 'ttlSeconds and validitySeconds must be positive integers' })
    }
  }
  const header = {
    alg: 'ES256',
    typ: statusListJwtType,
    // x5c holds standard base64 DER, not base64url (RFC 7515, section 4.1.6).
    x5c: signingKey.chain.map((der) => Buffer.from(der).toString('base64')),
  }
  const iat = epochSeconds(now)
  const payload = {
    sub: uri,
    iat,
    ...(validitySeconds === undefined ? {} : { exp: iat + validitySeconds }),
    ...(ttlSeconds === undefined ? {} : { ttl: ttlSeconds }),
    status_list: encodeStatusList(list),
  }
  const signingInput = `${toBase64url(JSON.stringify(header))}.${toBase64url(JSON.stringify(payload))}`
  const signature = await signingKey.sign(Buffer.from(signingInput, 'ascii'))
  if (signature.length !== 64) {
    throw new PolisError('ERR_INTERNAL', { detail: 'the signer must return a raw 64-byte r||s ES256 signature' })
  }
  return `${signingInput}.${toBase64url(signature)}`
}
