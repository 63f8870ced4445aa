/**
 * The global configuration of an exchange instance, as X-Road's central server
 * publishes it: the members and their subsystems, the security servers (owner, address,
 * the hash of their TLS certificate), the exchange CAs trusted for those certificates,
 * and the global groups access rights may name. The central registry signs it (a
 * compact JWS, ES256) with a serial that only grows and an expiry; every security server
 * holds the anchor (the instance and the central registry's public key), checks each
 * download against it, and keeps working on the copy it holds while the central
 * registry is down, until that copy expires.
 */
import { PolisError } from '@polis/kernel'
import { CompactSign, compactVerify, type JWK } from 'jose'
import { z } from 'zod'
import { isIdentifierPart, memberClasses, parseClientId } from './identifiers.ts'

const Part = z.string().refine(isIdentifierPart, 'an identifier part: letters, digits, . _ -')
const Instant = z.iso.datetime()
const Address = z.url({ protocol: /^https?$/ })

export const GlobalConfiguration = z
  .object({
    instance: Part,
    /** Grows with every publication: a security server never goes back to an older one. */
    serial: z.number().int().min(1),
    issuedAt: Instant,
    expiresAt: Instant,
    centralServer: z.object({ address: Address }).strict(),
    /** The exchange CAs (PEM) whose certificates security servers accept over mutual TLS. */
    exchangeCas: z.array(z.string().startsWith('-----BEGIN CERTIFICATE-----')).min(1),
    members: z.array(
      z
        .object({
          memberClass: z.enum(memberClasses),
          memberCode: Part,
          name: z.string().min(1).max(200),
          subsystems: z.array(Part),
          /** The public keys (JWK, P-256) the member signs its messages with. */
          signingKeys: z
            .array(z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }).loose())
            .default([]),
        })
        .strict(),
    ),
    securityServers: z.array(
      z
        .object({
          owner: z.object({ memberClass: z.enum(memberClasses), memberCode: Part }).strict(),
          serverCode: Part,
          address: Address,
          /** SHA-256 of the server's TLS certificate (DER), base64url: the certificate it must present. */
          tlsCertificateSha256: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
          /** The subsystems whose services it serves, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
          clients: z.array(z.string().refine(isClientId, 'INSTANCE/CLASS/MEMBER/SUBSYSTEM')),
        })
        .strict(),
    ),
    globalGroups: z.array(
      z
        .object({
          code: Part,
          description: z.string().max(200),
          members: z.array(z.string().refine(isClientId, 'INSTANCE/CLASS/MEMBER[/SUBSYSTEM]')),
        })
        .strict(),
    ),
  })
  .strict()
export type GlobalConfiguration = z.infer<typeof GlobalConfiguration>
/** A configuration as the central registry writes it (defaults not yet filled in). */
export type GlobalConfigurationInput = z.input<typeof GlobalConfiguration>

function isClientId(text: string): boolean {
  try {
    parseClientId(text)
    return true
  } catch {
    return false
  }
}

/** What a security server is given out of band: the instance and the key its central registry signs with. */
export interface ConfigurationAnchor {
  instance: string
  publicKey: CryptoKey | JWK
}

const typ = 'polis-globalconf+jws'

/** The central registry's publication: the configuration, signed. */
export async function signGlobalConfiguration(
  configuration: GlobalConfigurationInput,
  key: CryptoKey,
): Promise<string> {
  const checked = GlobalConfiguration.parse(configuration)
  return new CompactSign(new TextEncoder().encode(JSON.stringify(checked)))
    .setProtectedHeader({ alg: 'ES256', typ })
    .sign(key)
}

/**
 * A downloaded configuration, checked against the anchor: signed by its central
 * registry, for its instance, well formed, and not expired at `now`. The code says which.
 */
export async function verifyGlobalConfiguration(
  signed: string,
  anchor: ConfigurationAnchor,
  now: Date,
): Promise<GlobalConfiguration> {
  let payload: Uint8Array
  try {
    const verified = await compactVerify(signed, anchor.publicKey, { algorithms: ['ES256'] })
    if (verified.protectedHeader.typ !== typ) throw new Error('not a global configuration')
    payload = verified.payload
  } catch (cause) {
    throw new PolisError('ERR_EXCHANGE_CONF_SIGNATURE', { cause })
  }
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(payload))
  } catch (cause) {
    throw new PolisError('ERR_EXCHANGE_CONF_INVALID', { detail: 'not JSON', cause })
  }
  const parsed = GlobalConfiguration.safeParse(json)
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')
    throw new PolisError('ERR_EXCHANGE_CONF_INVALID', { detail: where })
  }
  const configuration = parsed.data
  if (configuration.instance !== anchor.instance) {
    throw new PolisError('ERR_EXCHANGE_CONF_SIGNATURE', { detail: 'another instance' })
  }
  if (Date.parse(configuration.expiresAt) <= now.getTime()) throw new PolisError('ERR_EXCHANGE_CONF_EXPIRED')
  return configuration
}

/** Where a security server's copy stands: for its status page. */
export interface ConfigurationState {
  serial: number | undefined
  expiresAt: string | undefined
  /** When the last download was checked and kept. */
  refreshedAt: string | undefined
  /** The code of the last failed download, until one succeeds. */
  lastError: string | undefined
}

export interface GlobalConfigurationClient {
  /** The instance whose configuration this is (its anchor's). */
  readonly instance: string
  /** The configuration held, while it has not expired; ERR_EXCHANGE_CONF_EXPIRED otherwise. */
  current(): GlobalConfiguration
  /**
   * Downloads and checks a new copy, kept when its serial is at least the one held. A
   * failure (the central registry down, a bad signature, an older serial) keeps the copy
   * held, and is answered, never thrown.
   */
  refresh(): Promise<{ kept: boolean; error?: string }>
  state(): ConfigurationState
}

/**
 * A security server's copy of the global configuration: downloaded from the central
 * registry, checked against the anchor, and used until it expires whatever happens to
 * the central registry in between.
 */
export function createGlobalConfigurationClient(options: {
  anchor: ConfigurationAnchor
  download: () => Promise<string>
  now: () => Date
}): GlobalConfigurationClient {
  let held: GlobalConfiguration | undefined
  /** The held configuration's end (ms), read once: every message asks. */
  let heldUntil = Number.NEGATIVE_INFINITY
  let refreshedAt: string | undefined
  let lastError: string | undefined
  return {
    instance: options.anchor.instance,
    current() {
      if (!held || heldUntil <= options.now().getTime()) {
        throw new PolisError('ERR_EXCHANGE_CONF_EXPIRED')
      }
      return held
    },
    async refresh() {
      try {
        const fresh = await verifyGlobalConfiguration(await options.download(), options.anchor, options.now())
        if (held && fresh.serial < held.serial) throw new PolisError('ERR_EXCHANGE_CONF_ROLLBACK')
        held = fresh
        heldUntil = Date.parse(fresh.expiresAt)
        refreshedAt = options.now().toISOString()
        lastError = undefined
        return { kept: true }
      } catch (error) {
        lastError = error instanceof PolisError ? error.code : 'ERR_EXCHANGE_CENTRAL_UNREACHABLE'
        return { kept: false, error: lastError }
      }
    },
    state: () => ({ serial: held?.serial, expiresAt: held?.expiresAt, refreshedAt, lastError }),
  }
}
