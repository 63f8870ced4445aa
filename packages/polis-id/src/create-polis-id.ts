import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Clock, type Language, PolisError, type Sealer } from '@polis/kernel'
import {
  type CompiledQuery,
  createOidcAdapter,
  flushOidcWrites,
  type OidcAdapter,
  type OidcRow,
  OidcRowAlreadyConsumed,
  oidcRowQuery,
  recallOidcRow,
  rememberOidcRow,
  type Store,
  unexpired,
  withOidcRequestMemo,
} from '@polis/store'
import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider'
import { createClientCache } from './clients.ts'
import { createCookieSigner } from './cookie-signer.ts'
import { handleIdInteractions } from './handle-id-interactions.ts'
import { idLanguageOf, idText } from './id-texts.ts'
import { loadPolisIdSecrets } from './load-polis-id-secrets.ts'
import { findOfficial } from './officials.ts'
import { renderIdPage } from './render-id-page.ts'
import { polisScopes, scopeClaims } from './scopes.ts'
import { grantOfClient, readInteractionWithWalletAnswer, walletLoginWithInteraction } from './wallet-logins.ts'

/** The live grant (consent) of a citizen to a client, if any. */
async function findGrantId(store: Store, accountId: string, clientId: string, now: Date) {
  // Read already with the sign-in's interaction (readInteractionWithWalletAnswer), or here.
  const known = recallOidcRow('id_models', grantOfClient, `${accountId} ${clientId}`)
  if (known !== undefined) return known === null ? undefined : (JSON.parse(known.payload) as { jti: string }).jti
  const rows = await store.db
    .selectFrom('id_models')
    .select(['id', 'payload', 'consumed_at'])
    .where('account_id', '=', accountId)
    .where('model', '=', 'Grant')
    .where(unexpired('id_models', now.toISOString()))
    .execute()
  const grant = rows.find((row) => (JSON.parse(row.payload) as { clientId?: string }).clientId === clientId)
  // oidc-provider reads the grant next, by its id: from this row, not from the database again.
  if (grant) rememberOidcRow('id_models', 'Grant', grant.id, grant)
  return grant?.id
}

/** How a pushed authorization request's `request_uri` begins (RFC 9126 2.2); its id follows. */
const pushedRequestUrn = 'urn:ietf:params:oauth:request_uri:'

/** Where Polis ID is mounted on the Polis origin; its issuer is the origin plus this. */
export const polisIdPath = '/id'

/** What Polis ID tells a relying party about a citizen, read from the registries. */
export interface CitizenClaims {
  given_name: string
  family_name: string
  birthdate: string
  tax_number?: string | undefined
  address?: { formatted: string; street_address?: string; locality?: string; postal_code?: string; country: string }
}

export interface CreatePolisIdOptions {
  store: Store
  sealer: Sealer
  publicUrl: string
  /** The citizen's claims, or undefined when the register has no such citizen. */
  findCitizen: (citizenId: string) => Promise<CitizenClaims | undefined>
  now: Clock
  log?: (line: Record<string, unknown>) => void
}

export interface PolisId {
  issuer: string
  /**
   * Answers one request under `/id`, written to Node's response directly (oidc-provider is
   * a Koa app). `pushedRequest`: the row `readPushedRequest` read, so that it is not read again.
   */
  handle(req: IncomingMessage, res: ServerResponse, pushedRequest?: PushedRequestRead): Promise<void>
  /**
   * The read of the pushed request a sign-in's `request_uri` names (RFC 9126), for the
   * caller to make together with a statement of its own (the rate limit's count at the
   * authorization endpoint); undefined when it names none.
   */
  readPushedRequest(requestUri: string | undefined): { id: string; query: CompiledQuery<OidcRow> } | undefined
}

/** A pushed request read ahead of its authorization request: its row, or null when there is none. */
export interface PushedRequestRead {
  id: string
  row: OidcRow | null
}

/**
 * The policy of Polis ID's own pages: nothing but their own nonce'd style and script,
 * never framed. No form-action: Chromium applies it to the redirect after the form, and
 * signing out ends at the relying party's origin.
 */
function pageSecurityPolicy(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'`
}

/** What a request that lost a code or a pushed request to another does before it answers its error. */
type ConsumedTwice = (error: OidcRowAlreadyConsumed) => Promise<void>

/**
 * A code redeemed, or a pushed request used, by another request first is the client's
 * error (`invalid_grant`, `invalid_request_uri`), as oidc-provider answers a replay it sees
 * itself, and not a server error; whichever write of the request's found it out.
 */
function consumedTwiceAsOAuthError(adapter: OidcAdapter, consumedTwice: ConsumedTwice): OidcAdapter {
  const refusing =
    <A extends unknown[]>(write: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      try {
        await write(...args)
      } catch (error) {
        if (!(error instanceof OidcRowAlreadyConsumed)) throw error
        await consumedTwice(error)
        throw error.model === 'PushedAuthorizationRequest'
          ? new errors.InvalidRequestUri('request_uri was already used')
          : new errors.InvalidGrant(`${error.model} already consumed`)
      }
    }
  return {
    ...adapter,
    upsert: refusing(adapter.upsert),
    consume: refusing(adapter.consume),
    destroy: refusing(adapter.destroy),
    revokeByGrantId: refusing(adapter.revokeByGrantId),
  }
}

/**
 * Sends what the request held of its writes (withOidcRequestMemo). Where another request
 * redeemed the same code, or used the same pushed request, first, nothing of them is
 * written and this one answers an error instead: what it made (a token, a code) is never
 * handed out.
 */
async function flushOrRefuse(ctx: KoaContextWithOIDC, consumedTwice: ConsumedTwice) {
  try {
    await flushOidcWrites()
  } catch (error) {
    if (!(error instanceof OidcRowAlreadyConsumed)) throw error
    await consumedTwice(error)
    ctx.remove('location')
    ctx.status = 400
    if (error.model === 'AuthorizationCode') {
      ctx.body = { error: 'invalid_grant', error_description: 'grant request is invalid' }
    } else renderIdError(ctx, 'invalid_request_uri')
  }
}

/** One of Polis ID's own pages as the answer, in the browser's language, styled by nonce only. */
function sendIdPage(ctx: KoaContextWithOIDC, page: (language: Language) => { title: string; body: string }) {
  const language = idLanguageOf({ acceptLanguage: ctx.get('accept-language') })
  const nonce = randomBytes(16).toString('base64url')
  ctx.set('content-security-policy', pageSecurityPolicy(nonce))
  ctx.type = 'html'
  ctx.body = renderIdPage({ language, nonce, ...page(language) })
}

/** Polis ID's error page, with the OAuth error's code. */
function renderIdError(ctx: KoaContextWithOIDC, error: string) {
  sendIdPage(ctx, (language) => ({
    title: idText(language, 'errorTitle'),
    body: `<h1>${idText(language, 'errorTitle')}</h1><p>${idText(language, 'errorText')}</p><p class="muted">${error.replace(/[^a-z_]/g, '')}</p>`,
  }))
}

/**
 * Polis ID: the citizens' OpenID Connect provider, on oidc-provider (OpenID Certified).
 * Authorization code flow with PKCE (S256) only, pushed authorization requests,
 * `client_secret_basic` and `private_key_jwt` clients from the `id_clients` table, ES256
 * ID tokens with `acr`, claims read from the population register and released by scope
 * with the citizen's consent per client, pairwise subjects unless a client is the
 * platform's own, RP-initiated logout, and all state in the database.
 */
export async function createPolisId(options: CreatePolisIdOptions): Promise<PolisId> {
  const { store, publicUrl } = options
  const log = options.log ?? (() => {})
  const issuer = `${publicUrl}${polisIdPath}`
  const origin = new URL(publicUrl)
  const secrets = await loadPolisIdSecrets({ store, sealer: options.sealer })
  const models = createOidcAdapter({
    store,
    now: options.now,
    table: 'id_models',
    rowReaders: { Interaction: (id, now) => readInteractionWithWalletAnswer(store, id, now) },
    writesWith: { Interaction: (id, payload) => walletLoginWithInteraction(store, id, payload, options.now()) },
  })
  // A code redeemed by two requests at once may have been stolen: what it gave is revoked,
  // as oidc-provider does for a code redeemed again later (RFC 6749 4.1.2), and it is logged.
  const consumedTwice: ConsumedTwice = async (error) => {
    log({ level: 'warn', component: 'polis-id', event: 'consumed-twice', model: error.model })
    if (error.model === 'AuthorizationCode' && error.grantId) await models('Grant').revokeByGrantId(error.grantId)
  }
  // Clients live in their own table; oidc-provider asks for them through its `Client` model.
  const clientCache = createClientCache(store, options.sealer)
  const clients: OidcAdapter = {
    ...models('Client'),
    find: async (id) => (await clientCache.metadata(id)) as Record<string, unknown> | undefined,
  }

  const provider = new Provider(issuer, {
    adapter: (model) => (model === 'Client' ? clients : consumedTwiceAsOAuthError(models(model), consumedTwice)),
    jwks: { keys: secrets.signingKeys },
    // Its types name an array of keys; oidc-provider and Koa take any keygrip-like signer.
    cookies: { keys: createCookieSigner(secrets.cookieKeys) as unknown as string[] },
    responseTypes: ['code'],
    scopes: polisScopes,
    // Every ID token says how and how strongly the citizen signed in: `acr` and `amr` (RFC 8176)
    // ride with `openid`, asked for or not.
    claims: {
      ...Object.fromEntries(Object.entries(scopeClaims).map(([scope, claims]) => [scope, [...claims]])),
      openid: [...scopeClaims.openid, 'acr', 'amr'],
    },
    acrValues: ['low', 'substantial', 'high'],
    clientAuthMethods: ['client_secret_basic', 'private_key_jwt'],
    subjectTypes: ['public', 'pairwise'],
    // The same citizen is a different `sub` to each relying party (by its redirect host).
    pairwiseIdentifier: (_ctx, accountId, client) =>
      createHash('sha256')
        .update(`${client.sectorIdentifier ?? client.clientId}\n${accountId}\n${secrets.pairwiseSalt}`)
        .digest('base64url'),
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // Polis ID's own look and languages, no third-party fonts, styles allowed by nonce only.
        logoutSource(ctx, form) {
          sendIdPage(ctx, (language) => ({
            title: idText(language, 'logoutTitle'),
            body: `<h1>${idText(language, 'logoutTitle')}</h1><p>${idText(language, 'logoutText')}</p>${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${idText(language, 'logoutYes')}</button>
<button class="secondary" type="submit" form="op.logoutForm">${idText(language, 'logoutNo')}</button>`,
          }))
        },
        postLogoutSuccessSource(ctx) {
          sendIdPage(ctx, (language) => ({
            title: idText(language, 'loggedOutTitle'),
            body: `<h1>${idText(language, 'loggedOutTitle')}</h1><p>${idText(language, 'loggedOutText')}</p>`,
          }))
        },
      },
      userinfo: { enabled: true },
      claimsParameter: { enabled: false },
    },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `${polisIdPath}/interaction/${interaction.uid}` },
    clientBasedCORS: () => false,
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 365 * 86400 },
    // A consent holds for a year across sign-ins, not only within one session: the grant of
    // this citizen and client is found in the store when the session does not name it.
    async loadExistingGrant(ctx) {
      const clientId = ctx.oidc.client?.clientId
      const accountId = ctx.oidc.session?.accountId
      if (!clientId || !accountId) return undefined
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        ctx.oidc.session?.grantIdFor(clientId) ??
        (await findGrantId(store, accountId, clientId, options.now()))
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined
    },
    // ID tokens carry the subject and how the citizen signed in (`acr`, `amr`), never a
    // register's data: with a userinfo endpoint, the claims of the scopes go there only
    // (OpenID Connect Core 5.4; no claims parameter here). Relying parties read them from
    // userinfo, as the demo shop and the platform's own sign-in do.
    conformIdTokenClaims: true,
    // The account is the citizen the wallet (or passkey) just proved; the register is read
    // only when claims are released (userinfo), not at every step of the flow, and so the
    // citizen's Data Tracker shows a read when a relying party received the data.
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        claims: async (use, scope) => {
          if (use === 'id_token') return { sub }
          const citizen = await options.findCitizen(sub)
          // An official's agency and roles as well, read and released only under the `office` scope.
          const official = scope.split(' ').includes('office') ? await findOfficial(store, sub) : undefined
          return {
            sub,
            ...citizen,
            ...(official ? { agency: official.agency, roles: official.roles } : {}),
          }
        },
      }
    },

    renderError: (ctx, out) => renderIdError(ctx, out.error),
  })
  provider.proxy = true
  provider.on('server_error', (_ctx, error) => {
    log({ level: 'error', component: 'polis-id', name: error instanceof Error ? error.name : 'unknown' })
  })
  // Outermost: what a request held of its writes leaves before it answers (withOidcRequestMemo).
  provider.use(async (ctx, next) => {
    // What the request held leaves even when the request failed.
    await next().finally(() => flushOrRefuse(ctx, consumedTwice))
  })
  provider.use(
    handleIdInteractions({
      provider,
      store,
      sealer: options.sealer,
      clients: clientCache,
      mountPath: polisIdPath,
      publicUrl,
      now: options.now,
      log,
    }),
  )
  const callback = provider.callback()

  return {
    issuer,
    readPushedRequest(requestUri) {
      if (!requestUri?.startsWith(pushedRequestUrn)) return undefined
      const id = requestUri.slice(pushedRequestUrn.length)
      const row = { table: 'id_models', model: 'PushedAuthorizationRequest', id, now: options.now() } as const
      return { id, query: oidcRowQuery(store, row) }
    },
    handle(req, res, pushedRequest) {
      const original = req.url ?? ''
      if (
        original !== polisIdPath &&
        !original.startsWith(`${polisIdPath}/`) &&
        !original.startsWith(`${polisIdPath}?`)
      ) {
        throw new PolisError('ERR_NOT_FOUND', { detail: 'not a Polis ID path' })
      }
      const inner = original.slice(polisIdPath.length)
      Object.assign(req, { originalUrl: original, url: inner.startsWith('/') ? inner : `/${inner}` })
      req.headers['x-forwarded-proto'] = origin.protocol.slice(0, -1)
      req.headers['x-forwarded-host'] = origin.host
      // Every answer of Polis ID, oidc-provider's own pages included: never framed (a sign-out
      // button could be clickjacked), never sniffed, no referrer carrying codes away.
      res.setHeader('x-frame-options', 'DENY')
      res.setHeader('x-content-type-options', 'nosniff')
      res.setHeader('referrer-policy', 'no-referrer')
      return new Promise((resolve) => {
        res.once('close', () => resolve())
        withOidcRequestMemo(
          () => {
            if (pushedRequest)
              rememberOidcRow('id_models', 'PushedAuthorizationRequest', pushedRequest.id, pushedRequest.row)
            return callback(req, res)
          },
          { holdWrites: true },
        )
      })
    },
  }
}
