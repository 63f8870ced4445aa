import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { type Language, PolisError, type Sealer } from '@polis/kernel'
import type { Store } from '@polis/store'
import type { ClientMetadata } from 'oidc-provider'
import { z } from 'zod'
import { type PolisScope, polisScopes } from './scopes.ts'

/** A relying party as an operator registers it (`polis clients add`, or the office later). */
export const ClientRegistration = z.object({
  name: z.string().trim().min(1).max(100),
  purpose: z.object({ uk: z.string().max(300), en: z.string().max(300), et: z.string().max(300) }).optional(),
  redirectUris: z.array(z.url()).min(1).max(10),
  postLogoutRedirectUris: z.array(z.url()).max(10).default([]),
  scopes: z.array(z.enum(polisScopes as [PolisScope, ...PolisScope[]])).default(['openid', 'profile']),
  /** Public keys for `private_key_jwt`; without them the client gets a secret for `client_secret_basic`. */
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).optional(),
  /** `public` only for the platform's own services; others see pairwise identifiers. */
  subjectType: z.enum(['pairwise', 'public']).default('pairwise'),
})
export type ClientRegistration = z.input<typeof ClientRegistration>

/** A registered client; the secret is given once, at registration. */
export interface RegisteredClient {
  clientId: string
  clientSecret?: string
  name: string
  tokenEndpointAuthMethod: 'client_secret_basic' | 'private_key_jwt'
}

const sealLabel = (clientId: string) => `polis-id.client-secret:${clientId}`

/**
 * Registers a relying party. Redirect URIs must be https, or http on localhost for
 * development; `openid` is always among its scopes.
 */
export async function registerClient(options: {
  store: Store
  sealer: Sealer
  registration: ClientRegistration
  now: Date
}): Promise<RegisteredClient> {
  const parsed = ClientRegistration.safeParse(options.registration)
  if (!parsed.success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'not a valid client registration' })
  const client = parsed.data
  for (const uri of [...client.redirectUris, ...client.postLogoutRedirectUris]) {
    const url = new URL(uri)
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1'
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'redirect URIs must be https (http only on localhost)' })
    }
    if (url.hash) throw new PolisError('ERR_BAD_REQUEST', { detail: 'redirect URIs have no fragment' })
  }
  const clientId = `c-${randomBytes(12).toString('base64url')}`
  const secret = client.jwks ? undefined : randomBytes(32).toString('base64url')
  const name = client.name
  const purpose = client.purpose ?? { uk: name, en: name, et: name }
  await options.store.db
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
    })
    .execute()
  return {
    clientId,
    ...(secret ? { clientSecret: secret } : {}),
    name,
    tokenEndpointAuthMethod: secret ? 'client_secret_basic' : 'private_key_jwt',
  }
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
  const entry = (clientId: string) => {
    const at = performance.now()
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

/** Every client, for `polis clients list`. */
export async function listClients(store: Store) {
  const rows = await store.db
    .selectFrom('id_clients')
    .select(['id', 'name', 'redirect_uris', 'scopes', 'jwks', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .execute()
  return rows.map((row) => ({
    clientId: row.id,
    name: row.name,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    scopes: JSON.parse(row.scopes) as string[],
    tokenEndpointAuthMethod: row.jwks ? 'private_key_jwt' : 'client_secret_basic',
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }))
}
