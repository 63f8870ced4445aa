import { randomBytes as nodeRandomBytes } from 'node:crypto'
import { epochSeconds, PolisError, type PublicJwk, type RandomBytes, type SigningKey, toBase64url } from '@polis/kernel'
import { signCompactJws } from '../jose/compact-jws.ts'
import { sha256Base64url } from './parse-sd-jwt.ts'

export interface IssueSdJwtVcOptions {
  /** The issuer identifier (`iss`), an HTTPS URL of the issuing agency. */
  issuer: string
  /** The credential type (`vct`), a URL where its type metadata is served. */
  vct: string
  claims: Record<string, unknown>
  /** Top-level claim names to make selectively disclosable; the rest are always visible. */
  disclosable: ReadonlySet<string> | readonly string[]
  /** The holder's public key, bound as `cnf.jwk` (RFC 7800). */
  holderKey: PublicJwk
  /** This credential's entry in its issuer's Token Status List. */
  status?: { uri: string; idx: number }
  signingKey: SigningKey
  now: Date
  expiresAt: Date
  /** Decoy digests added to hide how many claims are disclosable (RFC 9901 section 4.2.5). */
  decoys?: number
  randomBytes?: RandomBytes
}

const saltLength = 16
/** Claims SD-JWT VC reserves for the issuer (section 3.2.2); a document claim must not take their names. */
export const reservedClaimNames: ReadonlySet<string> = new Set([
  'iss',
  'iat',
  'nbf',
  'exp',
  'vct',
  'vct#integrity',
  'cnf',
  'status',
  'sub',
  '_sd',
  '_sd_alg',
  '...',
])

/**
 * Issues an SD-JWT VC (`dc+sd-jwt`, RFC 9901 and SD-JWT VC): ES256, `x5c` chain to the
 * national anchor, holder binding and status reference. Returns `<jwt>~<disclosure>~...~`.
 */
export async function issueSdJwtVc(options: IssueSdJwtVcOptions): Promise<string> {
  const random = options.randomBytes ?? nodeRandomBytes
  const disclosable = options.disclosable instanceof Set ? options.disclosable : new Set(options.disclosable)
  const entries = Object.entries(options.claims).filter(([, value]) => value !== undefined)
  const clash = entries.find(([name]) => reservedClaimNames.has(name))
  if (clash) throw new PolisError('ERR_BAD_REQUEST', { detail: `claim name ${clash[0]} is reserved by SD-JWT VC` })
  const hiddenCount = entries.reduce((n, [name]) => n + (disclosable.has(name) ? 1 : 0), 0)
  const decoys = options.decoys ?? 0
  // One call for every salt and decoy: cheaper than one call each on the hot path.
  const entropy = random(saltLength * (hiddenCount + decoys))

  const visible: Record<string, unknown> = {}
  const disclosures: string[] = []
  const digests: string[] = []
  let offset = 0
  for (const [name, value] of entries) {
    if (!disclosable.has(name)) {
      visible[name] = value
      continue
    }
    const salt = toBase64url(entropy.subarray(offset, offset + saltLength))
    offset += saltLength
    const encoded = toBase64url(JSON.stringify([salt, name, value]))
    disclosures.push(encoded)
    digests.push(sha256Base64url(encoded))
  }
  for (let i = 0; i < decoys; i++) {
    digests.push(sha256Base64url(toBase64url(entropy.subarray(offset, offset + saltLength))))
    offset += saltLength
  }
  // Sorted digests reveal nothing about the order of claims (section 4.2.4.1).
  digests.sort()

  const payload: Record<string, unknown> = {
    iss: options.issuer,
    iat: epochSeconds(options.now),
    exp: epochSeconds(options.expiresAt),
    vct: options.vct,
    cnf: { jwk: publicPart(options.holderKey) },
    ...(options.status ? { status: { status_list: { idx: options.status.idx, uri: options.status.uri } } } : {}),
    ...visible,
    _sd: digests,
    _sd_alg: 'sha-256',
  }
  const header = {
    alg: 'ES256',
    typ: 'dc+sd-jwt',
    x5c: options.signingKey.chain.map((der) => Buffer.from(der).toString('base64')),
  }
  const jwt = await signCompactJws({ header, payload, sign: options.signingKey.sign })
  return `${jwt}~${disclosures.map((d) => `${d}~`).join('')}`
}

/** Only the public members of an EC JWK; a private `d` must never be copied into a credential. */
function publicPart(jwk: PublicJwk): PublicJwk {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } as PublicJwk
}
