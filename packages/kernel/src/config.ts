import { z } from 'zod'
import { PolisError } from './errors.ts'

/** An OpenID Connect provider citizens prove who they are with before enrolling a device. */
export const IdentityProviderConfig = z.object({
  /** Stable id the wallet names it by, e.g. `bank-x`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes'),
  name: z.object({ uk: z.string().min(1), en: z.string().min(1), et: z.string().min(1) }),
  /** The provider's issuer identifier; its discovery document is read from there. */
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
})
export type IdentityProviderConfig = z.infer<typeof IdentityProviderConfig>

const IdentityProviders = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array' })
      return z.NEVER
    }
  })
  .pipe(
    z
      .array(IdentityProviderConfig)
      .min(1)
      .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'provider ids must be unique'),
  )

/** Environment variables Polis reads, validated once at start. */
export const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the embedded database, key file and caches live. */
  POLIS_DATA_DIR: z.string().min(1).default('./data'),
  /**
   * How the server runs the exchange's security servers: each in a worker thread of its own
   * (`workers`), or all in the server's thread (`in-process`, lighter for a small machine).
   */
  POLIS_EXCHANGE: z.enum(['workers', 'in-process']).default('in-process'),
  /** `postgres://...` selects PostgreSQL; unset means embedded SQLite in the data directory. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** The origin citizens and verifiers reach this instance at; used in `iss`, `vct` and status URLs. */
  POLIS_PUBLIC_URL: z.url().optional(),
  /** 32 bytes, base64 or hex: the key that encrypts private keys at rest. */
  POLIS_KEY_ENCRYPTION_KEY: z.string().min(1).optional(),
  /** A file holding the key-encryption key; generated for the demo when neither is set. */
  POLIS_KEY_FILE: z.string().min(1).optional(),
  /** The passphrase `polis backup` seals a backup with and `polis restore` opens it with, unless a file gives it. */
  POLIS_BACKUP_PASSPHRASE: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Bearer token of the operator API (`/api/admin/*`); without it that API is closed. */
  POLIS_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Event-loop lag in milliseconds past which new requests are answered 503 ERR_OVERLOADED
   * with Retry-After instead of queueing (docs/operations.md); 0 turns shedding off.
   */
  POLIS_SHED_LAG_MS: z.coerce.number().int().min(0).default(250),
  /**
   * Addresses of the proxies in front (separated by commas or spaces) whose X-Forwarded-For
   * names the client, for the per-address rate limits; unset, the socket's peer is the client.
   */
  POLIS_TRUSTED_PROXIES: z
    .string()
    .regex(/^[\s,]*[0-9A-Fa-f:.]+(?:[\s,]+[0-9A-Fa-f:.]+)*[\s,]*$/, 'must be IP addresses separated by commas')
    .optional(),
  /**
   * Which demo country the instance is (`polis serve --country EE`): its population, first
   * language, issuers and the defaults below. Each country keeps its own data and keys.
   */
  POLIS_COUNTRY: z.enum(['UA', 'EE']).default('UA'),
  POLIS_COUNTRY_NAME: z.string().min(1).default('Ukraine (Polis demo)'),
  /** ISO 3166-1 alpha-2 code of the instance's country; the demo population is Ukrainian. */
  POLIS_COUNTRY_CODE: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('UA'),
  /**
   * JSON array of identity providers (see IdentityProviderConfig); unset means the one
   * built-in DEMO BANK at `$POLIS_PUBLIC_URL/demo-bank`.
   */
  POLIS_IDENTITY_PROVIDERS: IdentityProviders.optional(),
  /** `smtp://user:password@host:port` (or `smtps://`) where citizens' e-mail goes out; unset keeps messages in the inbox only. */
  POLIS_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of citizens' e-mail. */
  POLIS_MAIL_FROM: z.string().min(3).default('Polis <no-reply@polis.invalid>'),
  /**
   * The transparency log's witnesses: their cosigner keys (c2sp.org/signed-note vkeys of
   * type 0x04, as `polis log witness-key` prints them), separated by spaces or commas.
   */
  POLIS_LOG_WITNESSES: z
    .string()
    .regex(
      /^\s*[^\s,+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+(?:[\s,]+[^\s,+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+)*\s*$/,
      'must be witness keys, name+keyid+key, separated by spaces',
    )
    .optional(),
  /** The DEMO BANK's client secret for Polis; generated and kept sealed in the database when unset. */
  POLIS_DEMO_BANK_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
})
export type Config = z.infer<typeof Config>

/**
 * What each demo country changes of the defaults, so that two instances run side by side
 * on one machine with separate data (and so keys, anchors and registries) and ports.
 */
export const countryDefaults = {
  UA: { POLIS_COUNTRY_CODE: 'UA', POLIS_COUNTRY_NAME: 'Ukraine (Polis demo)', POLIS_DATA_DIR: './data', PORT: '8080' },
  EE: {
    POLIS_COUNTRY_CODE: 'EE',
    POLIS_COUNTRY_NAME: 'Estonia (Polis demo)',
    POLIS_DATA_DIR: './data-ee',
    PORT: '8081',
  },
} as const

/** Parses configuration from an environment; throws ERR_CONFIG_INVALID naming the variables at fault. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const country = env.POLIS_COUNTRY
  // Variables set explicitly win over the country's defaults; an unknown country fails below.
  const defaults = country === 'EE' || country === 'UA' ? countryDefaults[country] : {}
  const result = Config.safeParse({ ...defaults, ...definedOnly(env) })
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
    throw new PolisError('ERR_CONFIG_INVALID', { detail })
  }
  return result.data
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined))
}
