import { createHash, createPublicKey, randomBytes, timingSafeEqual } from 'node:crypto'
import { type Language, PolisError, type Sealer } from '@polis/kernel'
import type { IdClientTable, Store } from '@polis/store'
import type { ClientMetadata } from 'oidc-provider'
import { z } from 'zod'
import { type PolisScope, polisScopes } from './scopes.ts'

/** A relying party as an official (the office) or an operator (`polis clients add`) registers it. */
export const ClientRegistration = z.object({
  name: z.string().trim().min(1).max(100),
  purpose: z
    .object({
      uk: z.string().trim().min(1).max(300),
      en: z.string().trim().min(1).max(300),
      et: z.string().trim().min(1).max(300),
    })
    .optional(),
  redirectUris: z.array(z.string().max(2000)).min(1).max(10),
  postLogoutRedirectUris: z.array(z.string().max(2000)).max(10).default([]),
  scopes: z.array(z.enum(polisScopes as [PolisScope, ...PolisScope[]])).default(['openid', 'profile']),
  /** Public keys for `private_key_jwt`; without them the client gets a secret for `client_secret_basic`. */
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) }).optional(),
  /** `public` only for the platform's own services; others see pairwise identifiers. */
  subjectType: z.enum(['pairwise', 'public']).default('pairwise'),
})
export type ClientRegistration = z.input<typeof ClientRegistration>

/** The fields of a registration a problem is found in, as the office's form names them. */
export type ClientField = keyof typeof clientFields

const clientFields = { name: 1, purpose: 1, redirectUris: 1, postLogoutRedirectUris: 1, scopes: 1, jwks: 1 }

/** What is wrong with a registration, field by field, each said once. */
export type ClientProblems = Partial<Record<ClientField, string>>

/** A registered client; the secret is given once, at registration. */
export interface RegisteredClient {
  clientId: string
  clientSecret?: string
  name: string
  tokenEndpointAuthMethod: 'client_secret_basic' | 'private_key_jwt'
  /** Registered before by the same submission: no secret is given again. */
  again?: true
}

const sealLabel = (clientId: string) => `polis-id.client-secret:${clientId}`

/** A JWK's members that carry a private or symmetric key: never taken, never stored. */
const secretMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']

/**
 * An address a client may be sent back to: https, or http on the machine itself for
 * development; absolute and exact (no fragment, no user or password), as OAuth 2.0
 * Security BCP (RFC 9700, section 2.1) asks. Undefined when it is one.
 */
function redirectProblem(uri: string): string | undefined {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return 'not an absolute URL'
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return 'not https (http only on localhost)'
  if (url.hash || uri.includes('#')) return 'has a fragment'
  if (url.username || url.password) return 'carries a user or password'
  return undefined
}

/**
 * A client's public keys as Polis ID keeps them: each an ES256 key (EC P-256) that
 * node:crypto reads, with its `kid`, `use` and `alg` if given, and nothing else. A key
 * with a private part is refused, so a pasted private key is never stored.
 */
function publicKeysOf(jwks: { keys: Array<Record<string, unknown>> }): { keys: Array<Record<string, string>> } {
  const kids = new Set<string>()
  const keys = jwks.keys.map((key) => {
    if (secretMembers.some((member) => member in key)) throw new Error('a private key')
    if (key.kty !== 'EC' || key.crv !== 'P-256') throw new Error('not an EC P-256 key')
    if (key.use !== undefined && key.use !== 'sig') throw new Error('not a signing key')
    if (key.alg !== undefined && key.alg !== 'ES256') throw new Error('not for ES256')
    if (key.kid !== undefined && (typeof key.kid !== 'string' || key.kid.length > 200 || kids.has(key.kid)))
      throw new Error('a kid repeated or not a short string')
    const kept: Record<string, string> = { kty: 'EC', crv: 'P-256', x: String(key.x), y: String(key.y) }
    try {
      createPublicKey({ key: kept, format: 'jwk' })
    } catch {
      throw new Error('not a point node:crypto reads')
    }
    if (typeof key.kid === 'string') {
      kids.add(key.kid)
      kept.kid = key.kid
    }
    if (key.use) kept.use = 'sig'
    if (key.alg) kept.alg = 'ES256'
    return kept
  })
  return { keys }
}

/**
 * Checks a registration as a whole: what it would be stored as, or every problem found,
 * each under its field (a detail in English, never the value: a pasted key stays out).
 */
export function checkClientRegistration(
  registration: unknown,
): { ok: true; client: z.output<typeof ClientRegistration> } | { ok: false; problems: ClientProblems } {
  const parsed = ClientRegistration.safeParse(registration)
  const problems: ClientProblems = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0]
      const at = (typeof field === 'string' && Object.hasOwn(clientFields, field) ? field : 'name') as ClientField
      problems[at] ??= `${issue.path.join('.') || 'registration'}: ${issue.message}`
    }
  }
  // The addresses are said wrong together with the rest, whenever they are a list of strings.
  const given = (registration ?? {}) as Record<string, unknown>
  for (const field of ['redirectUris', 'postLogoutRedirectUris'] as const) {
    const uris = given[field]
    const wrong = Array.isArray(uris)
      ? uris.map((uri) => typeof uri === 'string' && redirectProblem(uri)).find(Boolean)
      : undefined
    if (wrong) problems[field] ??= `an address is ${wrong}`
  }
  if (given.subjectType !== 'public') {
    // Officials' agency and roles are for the platform's own office, never a third party.
    if (Array.isArray(given.scopes) && given.scopes.includes('office')) {
      problems.scopes ??= 'office is for the platform’s own services'
    }
    // A pairwise subject is per site: OpenID Connect Core 8.1 asks a sector identifier of a
    // client on several hosts, which Polis ID does not take, so one host it is.
    const uris = Array.isArray(given.redirectUris) ? given.redirectUris : []
    const hosts = new Set(uris.map((uri) => (typeof uri === 'string' && URL.parse(uri)?.host) || ''))
    if (hosts.size > 1) problems.redirectUris ??= 'addresses on more than one host'
  }
  const keys = ClientRegistration.shape.jwks.safeParse(given.jwks)
  let jwks: { keys: Array<Record<string, string>> } | undefined
  if (keys.success && keys.data) {
    try {
      jwks = publicKeysOf(keys.data)
    } catch (error) {
      problems.jwks ??= `a key is ${(error as Error).message}`
    }
  }
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems }
  const client = { ...parsed.data, ...(jwks ? { jwks } : {}) }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, client }
}

/**
 * Registers a relying party, or refuses with ERR_CLIENT_REGISTRATION naming the first
 * field that is wrong. `openid` is always among its scopes; `registeredBy` says who
 * (`official:<id>` from the office, `operator` from the command line).
 */
export async function registerClient(options: {
  store: Store
  sealer: Sealer
  registration: ClientRegistration
  now: Date
  registeredBy?: string
  /** The form's own id: sent again, it answers the client it registered, with no secret. */
  submissionId?: string
}): Promise<RegisteredClient> {
  const checked = checkClientRegistration(options.registration)
  if (!checked.ok) {
    const [field, detail] = Object.entries(checked.problems)[0] as [ClientField, string]
    throw new PolisError('ERR_CLIENT_REGISTRATION', { field, detail: `${field}: ${detail}` })
  }
  const client = checked.client
  const clientId = `c-${randomBytes(12).toString('base64url')}`
  const secret = client.jwks ? undefined : randomBytes(32).toString('base64url')
  const name = client.name
  const purpose = client.purpose ?? { uk: name, en: name, et: name }
  const inserted = await options.store.db
    .insertInto('id_clients')
    .values({
      id: clientId,
      name,
      purpose: JSON.stringify(purpose),
      redirect_uris: JSON.stringify(client.redirectUris),
      post_logout_redirect_uris: JSON.stringify(client.postLogoutRedirectUris),
      scopes: JSON.stringify([...new Set<string>(['openid', ...client.scopes])]),
      subject_type: client.subjectType,
      jwks: client.jwks ? JSON.stringify(client.jwks) : null,
      secret_sealed: secret ? options.sealer.seal(secret, sealLabel(clientId)) : null,
      created_at: options.now.toISOString(),
      revoked_at: null,
      registered_by: options.registeredBy ?? 'operator',
      revoked_by: null,
      revocation_reason: null,
      submission_id: options.submissionId ?? null,
    })
    .onConflict((c) => c.column('submission_id').doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1 && options.submissionId) {
    const earlier = await options.store.db
      .selectFrom('id_clients')
      .select(['id', 'name', 'jwks'])
      .where('submission_id', '=', options.submissionId)
      .executeTakeFirstOrThrow()
    return {
      clientId: earlier.id,
      name: earlier.name,
      tokenEndpointAuthMethod: earlier.jwks ? 'private_key_jwt' : 'client_secret_basic',
      again: true,
    }
  }
  return {
    clientId,
    ...(secret ? { clientSecret: secret } : {}),
    name,
    tokenEndpointAuthMethod: secret ? 'client_secret_basic' : 'private_key_jwt',
  }
}

/** Revocations made in this process (the office's, the command's): each makes every cache here read afresh. */
let clientsRevokedHere = 0

/** What a revocation came to. */
export type ClientRevocation = 'revoked' | 'already-revoked' | 'platform-own' | 'unknown'

/**
 * Revokes a client: from then on Polis ID knows it no more, so it can start no sign-in
 * and its tokens are refused (within the ten seconds other processes remember a client);
 * citizens' consents to it leave their lists. The reason, 3 to 1000 characters
 * (ERR_BAD_REQUEST on `reason` otherwise), is kept with who revoked it. The platform's
 * own clients (the portal's, the office's: `public` subjects) are not revoked, or no one
 * could sign in to put things right; the platform retires one that another has replaced
 * (`retirePlatformClient`).
 */
export async function revokeClient(
  store: Store,
  options: { clientId: string; by: string; reason: string; now: Date },
): Promise<ClientRevocation> {
  const found = await findClient(store, options.clientId)
  if (!found) return 'unknown'
  if (found.platformOwn) return 'platform-own'
  if (found.revokedAt) return 'already-revoked'
  const reason = options.reason.trim()
  if (reason.length < 3 || reason.length > 1000) {
    throw new PolisError('ERR_BAD_REQUEST', { field: 'reason', detail: 'the reason is 3 to 1000 characters' })
  }
  const marked = await markRevoked(store, { ...options, reason, subjectType: 'pairwise' })
  return marked ? 'revoked' : 'already-revoked'
}

/**
 * Marks a live client of this subject type revoked, by whom, when and why; answers
 * whether it was live. This process's caches then read their clients anew; other
 * processes within their ten seconds.
 */
async function markRevoked(
  store: Store,
  options: { clientId: string; by: string; reason: string; now: Date; subjectType: 'pairwise' | 'public' },
): Promise<boolean> {
  const result = await store.db
    .updateTable('id_clients')
    .set({ revoked_at: options.now.toISOString(), revoked_by: options.by, revocation_reason: options.reason })
    .where('id', '=', options.clientId)
    .where('revoked_at', 'is', null)
    .where('subject_type', '=', options.subjectType)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  clientsRevokedHere += 1
  return true
}

/**
 * Retires one of the platform's own clients that another has replaced (its app's public
 * URL changed, so no browser is sent back to it any more): revoked as any client is, by
 * the platform, with the reason. Answers whether it was live.
 */
export async function retirePlatformClient(
  store: Store,
  options: { clientId: string; reason: string; now: Date },
): Promise<boolean> {
  return markRevoked(store, { ...options, by: 'platform', subjectType: 'public' })
}

/** What a client is, as the consent page and the wallet show it. */
export interface ClientSummary {
  clientId: string
  name: string
  purpose: Record<Language, string>
  scopes: string[]
}

/** A live client's summary; undefined for an unknown or revoked one. */
export async function findClientSummary(store: Store, clientId: string): Promise<ClientSummary | undefined> {
  const row = await store.db
    .selectFrom('id_clients')
    .select(['id', 'name', 'purpose', 'scopes'])
    .where('id', '=', clientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row) return undefined
  return { clientId: row.id, name: row.name, purpose: JSON.parse(row.purpose), scopes: JSON.parse(row.scopes) }
}

/**
 * The client's metadata as oidc-provider reads it (through its `Client` model): ES256
 * ID tokens, the authorization code flow only, its own scopes and subject type.
 */
export async function findClientMetadata(
  store: Store,
  sealer: Sealer,
  clientId: string,
): Promise<ClientMetadata | undefined> {
  const row = await store.db
    .selectFrom('id_clients')
    .selectAll()
    .where('id', '=', clientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row) return undefined
  const jwks = row.jwks ? (JSON.parse(row.jwks) as ClientMetadata['jwks']) : undefined
  return {
    client_id: row.id,
    client_name: row.name,
    redirect_uris: JSON.parse(row.redirect_uris),
    post_logout_redirect_uris: JSON.parse(row.post_logout_redirect_uris),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    scope: (JSON.parse(row.scopes) as string[]).join(' '),
    id_token_signed_response_alg: 'ES256',
    subject_type: row.subject_type === 'public' ? 'public' : 'pairwise',
    ...(jwks
      ? { token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'ES256', jwks }
      : {
          token_endpoint_auth_method: 'client_secret_basic',
          client_secret: sealer.unseal(row.secret_sealed as string, sealLabel(row.id)),
        }),
  }
}

/**
 * A relying party calling a Polis API with its client credentials (HTTP Basic, the
 * id and secret form-encoded as RFC 6749, section 2.3.1 asks): its summary and redirect
 * URIs, or ERR_CLIENT_AUTH. The secrets are compared by their hashes, in constant time.
 */
export async function authenticateClient(options: {
  store: Store
  sealer: Sealer
  authorization: string | undefined
}): Promise<ClientSummary & { redirectUris: string[] }> {
  const refuse = (detail: string) => new PolisError('ERR_CLIENT_AUTH', { detail })
  const match = /^Basic ([A-Za-z0-9+/=]{1,1024})$/.exec(options.authorization ?? '')
  if (!match) throw refuse('HTTP Basic client credentials expected')
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) throw refuse('malformed credentials')
  let clientId: string
  let secret: string
  try {
    clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '))
    secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '))
  } catch {
    throw refuse('malformed credentials')
  }
  const metadata = await findClientMetadata(options.store, options.sealer, clientId)
  const expected = typeof metadata?.client_secret === 'string' ? metadata.client_secret : ''
  const digest = (value: string) => createHash('sha256').update(value).digest()
  if (!metadata || !expected || !timingSafeEqual(digest(expected), digest(secret)))
    throw refuse('unknown client or wrong secret')
  const summary = (await findClientSummary(options.store, clientId)) as ClientSummary
  return { ...summary, redirectUris: metadata.redirect_uris ?? [] }
}

/** How long a process trusts what it read of a client: a change reaches every process within it. */
const clientCacheMilliseconds = 10_000

/**
 * A process's short memory of clients, read on every step of a sign-in (four times by
 * oidc-provider, twice by the pages): each client read at most once in ten seconds, so a
 * client changed or revoked in another process counts within that time.
 */
export function createClientCache(store: Store, sealer: Sealer) {
  const entries = new Map<
    string,
    { until: number; metadata: Promise<ClientMetadata | undefined>; summary: Promise<ClientSummary | undefined> }
  >()
  let revocationsSeen = clientsRevokedHere
  const entry = (clientId: string) => {
    const at = performance.now()
    if (revocationsSeen !== clientsRevokedHere) {
      revocationsSeen = clientsRevokedHere
      entries.clear()
    }
    let found = entries.get(clientId)
    if (!found || found.until <= at) {
      if (entries.size >= 1000) entries.clear()
      const metadata = findClientMetadata(store, sealer, clientId)
      found = {
        until: at + clientCacheMilliseconds,
        metadata,
        summary: findClientSummary(store, clientId),
      }
      // A failed read is not remembered.
      metadata.catch(() => entries.delete(clientId))
      found.summary.catch(() => entries.delete(clientId))
      entries.set(clientId, found)
    }
    return found
  }
  return {
    // A copy each time: oidc-provider's Client may fill in its defaults on what it is given.
    metadata: async (clientId: string) => structuredClone(await entry(clientId).metadata),
    summary: (clientId: string) => entry(clientId).summary,
    forget: (clientId: string) => entries.delete(clientId),
  }
}
export type ClientCache = ReturnType<typeof createClientCache>

/** A client as the office and `polis clients list` show it: everything but its secret. */
export interface ClientRecord {
  clientId: string
  name: string
  purpose: Record<Language, string>
  redirectUris: string[]
  postLogoutRedirectUris: string[]
  scopes: string[]
  tokenEndpointAuthMethod: 'client_secret_basic' | 'private_key_jwt'
  keyIds: string[]
  /** One of the platform's own services (the portal, the office), which see citizen ids. */
  platformOwn: boolean
  createdAt: string
  registeredBy: string | null
  revokedAt: string | null
  revokedBy: string | null
  revocationReason: string | null
}

const recordOf = (row: IdClientTable): ClientRecord => ({
  clientId: row.id,
  name: row.name,
  purpose: JSON.parse(row.purpose),
  redirectUris: JSON.parse(row.redirect_uris),
  postLogoutRedirectUris: JSON.parse(row.post_logout_redirect_uris),
  scopes: JSON.parse(row.scopes),
  tokenEndpointAuthMethod: row.jwks ? 'private_key_jwt' : 'client_secret_basic',
  keyIds: row.jwks ? (JSON.parse(row.jwks) as { keys: Array<{ kid?: string }> }).keys.map((k) => k.kid ?? '') : [],
  platformOwn: row.subject_type === 'public',
  createdAt: row.created_at,
  registeredBy: row.registered_by,
  revokedAt: row.revoked_at,
  revokedBy: row.revoked_by,
  revocationReason: row.revocation_reason,
})

/** Every client, live and revoked, oldest first. */
export async function listClients(store: Store): Promise<ClientRecord[]> {
  const rows = await store.db.selectFrom('id_clients').selectAll().orderBy('created_at').orderBy('id').execute()
  return rows.map(recordOf)
}

/** One client, live or revoked; undefined when unknown. */
export async function findClient(store: Store, clientId: string): Promise<ClientRecord | undefined> {
  const row = await store.db.selectFrom('id_clients').selectAll().where('id', '=', clientId).executeTakeFirst()
  return row ? recordOf(row) : undefined
}
