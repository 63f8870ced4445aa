import { epochSeconds, PolisError, type PublicJwk } from '@polis/kernel'
import type { VerifiedChain, VerifyChain } from '@polis/trust'
import type { ParsedJws } from '../jose/compact-jws.ts'
import { assertValidStatus } from '../status-list/assert-valid-status.ts'
import { parseStatusReference } from '../status-list/parse-status-reference.ts'
import { type KeyBindingExpectation, verifySdJwt } from './verify-sd-jwt.ts'

/** Checks an `x5c` chain against the trusted anchors; `createChainCache` from @polis/trust makes one. */
export type { VerifyChain }

/**
 * The status value of a Token Status List entry. `issuerSubject` names the credential's
 * signer, so that a list signed by any other authority can be refused.
 */
export type StatusOf = (reference: { uri: string; idx: number; issuerSubject?: string }) => number | Promise<number>

export interface VerifySdJwtVcOptions {
  /** An SD-JWT VC presentation (SD-JWT+KB), or an issued credential when key binding is not required. */
  presentation: string
  verifyChain: VerifyChain
  expected: KeyBindingExpectation
  /** Current status of a status-list entry, from a cache the caller keeps. */
  statusOf: StatusOf
  now: Date
  skewSeconds?: number
}

/** A credential presentation that verified, with only what the holder chose to disclose. */
export interface VerifiedSdJwtVc {
  vct: string
  issuer: { iss: string | undefined; subject: string; anchor: string }
  /** The disclosed and always-visible claims, without registered JWT and SD-JWT members. */
  claims: Record<string, unknown>
  issuedAt: Date | undefined
  expiresAt: Date | undefined
  holderKey: PublicJwk | undefined
  keyBound: boolean
  status: { uri: string; idx: number } | undefined
}

const registeredClaims = new Set(['iss', 'iat', 'nbf', 'exp', 'vct', 'vct#integrity', 'cnf', 'status', 'sub'])

/**
 * Verifies an SD-JWT VC end to end: header type, issuer chain to a trusted anchor,
 * issuer signature, disclosures, key binding, validity period and status.
 */
export async function verifySdJwtVc(options: VerifySdJwtVcOptions): Promise<VerifiedSdJwtVc> {
  let chain: VerifiedChain | undefined
  const issuerKey = (jwt: ParsedJws) => {
    const typ = jwt.header.typ
    if (typ !== 'dc+sd-jwt' && typ !== 'vc+sd-jwt') {
      throw new PolisError('ERR_MALFORMED', { detail: 'typ must be dc+sd-jwt' })
    }
    chain = options.verifyChain(decodeX5c(jwt.header.x5c), options.now)
    return chain.publicKey
  }
  const verified = verifySdJwt({
    sdJwt: options.presentation,
    issuerKey,
    keyBinding: options.expected,
    now: options.now,
    ...(options.skewSeconds === undefined ? {} : { skewSeconds: options.skewSeconds }),
  })
  const { claims } = verified
  if (typeof claims.vct !== 'string') throw new PolisError('ERR_MALFORMED', { detail: 'vct is missing' })
  const now = epochSeconds(options.now)
  const skew = options.skewSeconds ?? 60
  const exp = optionalNumber(claims.exp, 'exp')
  const nbf = optionalNumber(claims.nbf, 'nbf')
  const iat = optionalNumber(claims.iat, 'iat')
  if (exp !== undefined && now >= exp + skew) throw new PolisError('ERR_EXPIRED')
  if (nbf !== undefined && now + skew < nbf) throw new PolisError('ERR_NOT_YET_VALID')

  const status = claims.status === undefined ? undefined : parseStatusReference(claims.status)
  if (status) {
    const value = await options.statusOf({ ...status, issuerSubject: (chain as unknown as VerifiedChain).subject })
    assertValidStatus(value)
  }

  const disclosed: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(claims)) if (!registeredClaims.has(name)) disclosed[name] = value
  const issuerChain = chain as unknown as VerifiedChain
  return {
    vct: claims.vct,
    issuer: {
      iss: typeof claims.iss === 'string' ? claims.iss : undefined,
      subject: issuerChain.subject,
      anchor: issuerChain.anchorSubject,
    },
    claims: disclosed,
    issuedAt: iat === undefined ? undefined : new Date(iat * 1000),
    expiresAt: exp === undefined ? undefined : new Date(exp * 1000),
    holderKey: verified.holderKey,
    keyBound: verified.keyBound,
    status,
  }
}

function optionalNumber(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new PolisError('ERR_MALFORMED', { detail: `${name} is not a number` })
  }
  return value
}

const base64 = /^[A-Za-z0-9+/]+={0,2}$/
// Keyed by the x5c array of a cached (frozen) header: one issuer, one entry, no hashing.
const decodedChains = new WeakMap<object, Uint8Array[]>()

/** Decodes `x5c`; issuers are few, so their decoded chains are remembered. */
function decodeX5c(x5c: unknown): Uint8Array[] {
  if (!Array.isArray(x5c) || x5c.length === 0) {
    throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'the credential carries no x5c certificate chain' })
  }
  const known = decodedChains.get(x5c)
  if (known) return known
  const chain = x5c.map((entry) => {
    if (typeof entry !== 'string' || !base64.test(entry)) {
      throw new PolisError('ERR_MALFORMED', { detail: 'x5c holds a value that is not base64' })
    }
    return new Uint8Array(Buffer.from(entry, 'base64'))
  })
  decodedChains.set(x5c, chain)
  return chain
}
