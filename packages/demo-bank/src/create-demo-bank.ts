import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Clock, PolisError, type Sealer } from '@polis/kernel'
import { createOidcAdapter, type Store } from '@polis/store'
import Provider from 'oidc-provider'
import { bankLanguageOf } from './bank-texts.ts'
import { findCustomer } from './find-customer.ts'
import { handleAccountPages } from './handle-account-pages.ts'
import { handleInteractions } from './handle-interactions.ts'
import { loadDemoBankSecrets } from './load-demo-bank-secrets.ts'
import type { VerifierApiClient } from './open-account.ts'
import { renderErrorPage } from './render-error-page.ts'

/** Where the bank is mounted on the Polis origin. */
export const demoBankPath = '/demo-bank'
/** The client id of Polis at the bank, its one client. */
export const demoBankClientId = 'polis'

export interface CreateDemoBankOptions {
  store: Store
  sealer: Sealer
  /** The Polis origin; the bank's issuer is this plus `/demo-bank`. */
  publicUrl: string
  /** Where the bank sends the citizen back to after signing in (Polis's enrolment callback). */
  redirectUri: string
  /** The client secret from the configuration; otherwise one is generated and kept. */
  clientSecret?: string | undefined
  now: Clock
  log?: (line: Record<string, unknown>) => void
  /**
   * How the bank reaches the Polis verifier API as a business, for its account opening
   * at `/demo-bank/account`; undefined (or answering undefined) while it is not an approved one.
   */
  verifierApi?: () => Promise<VerifierApiClient | undefined>
}

/** A running DEMO BANK: its issuer, Polis's credentials at it, and its request handler. */
export interface DemoBank {
  issuer: string
  clientId: string
  clientSecret: string
  /**
   * Answers one request whose path starts with `/demo-bank`, written to Node's response
   * directly (oidc-provider is a Koa app); resolves once the response is finished.
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>
}

/**
 * The DEMO BANK: a clearly labelled, not real OpenID Connect provider where a tester
 * signs in as any seeded citizen (`sub` is the citizen id; `given_name`, `family_name`,
 * `birthdate` come from the population register). Authorization code flow with PKCE
 * only, one confidential client (Polis), ES256 ID tokens, and all state, keys and
 * secrets in the database so that any number of processes can serve it.
 */
export async function createDemoBank(options: CreateDemoBankOptions): Promise<DemoBank> {
  const { store, publicUrl } = options
  const log = options.log ?? (() => {})
  const issuer = `${publicUrl}${demoBankPath}`
  const origin = new URL(publicUrl)
  const backHref = `${publicUrl}/wallet/`
  const secrets = await loadDemoBankSecrets({ store, sealer: options.sealer, clientSecret: options.clientSecret })
  const ttl = 600

  const provider = new Provider(issuer, {
    adapter: createOidcAdapter({ store, now: options.now, table: 'demo_bank_models' }),
    clients: [
      {
        client_id: demoBankClientId,
        client_secret: secrets.clientSecret,
        client_name: 'Polis',
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [secrets.signingKey] },
    cookies: { keys: secrets.cookieKeys },
    responseTypes: ['code'],
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['given_name', 'family_name', 'birthdate'] },
    // Polis reads the citizen's claims from the ID token; no userinfo call is needed.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `${demoBankPath}/interaction/${interaction.uid}` },
    clientBasedCORS: () => false,
    ttl: { AccessToken: ttl, AuthorizationCode: 60, IdToken: ttl, Interaction: ttl, Session: ttl, Grant: ttl },
    async findAccount(_ctx, sub) {
      const person = await findCustomer({ store, id: sub })
      if (!person) return undefined
      return {
        accountId: person.id,
        claims: () => ({
          sub: person.id,
          given_name: person.given_name,
          family_name: person.family_name,
          birthdate: person.birth_date,
        }),
      }
    },
    // Polis is the bank's only client and first-party: picking a citizen on the login page is the consent.
    async loadExistingGrant(ctx) {
      const clientId = ctx.oidc.client?.clientId
      const accountId = ctx.oidc.session?.accountId
      if (!clientId || !accountId) return undefined
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId })
      grant.addOIDCScope('openid profile')
      await grant.save()
      return grant
    },
    renderError(ctx, out) {
      ctx.type = 'html'
      ctx.body = renderErrorPage({
        language: bankLanguageOf({ lang: undefined, acceptLanguage: ctx.get('accept-language') }),
        mountPath: demoBankPath,
        message: out.error_description,
        backHref,
      })
    },
  })
  // The bank sees the origin Polis is reached at, whatever proxy stands in front (see `handle`).
  provider.proxy = true
  provider.on('server_error', (_ctx, error) => {
    log({ level: 'error', component: 'demo-bank', name: error instanceof Error ? error.name : 'unknown' })
  })
  // After the interactions' middleware, which sets the security headers of every page.
  provider.use(handleInteractions({ provider, store, mountPath: demoBankPath, backHref, log }))
  provider.use(
    handleAccountPages({
      store,
      mountPath: demoBankPath,
      backHref,
      log,
      verifierApi: options.verifierApi ?? (async () => undefined),
    }),
  )
  const callback = provider.callback()

  return {
    issuer,
    clientId: demoBankClientId,
    clientSecret: secrets.clientSecret,
    handle(req, res) {
      const original = req.url ?? ''
      if (
        original !== demoBankPath &&
        !original.startsWith(`${demoBankPath}/`) &&
        !original.startsWith(`${demoBankPath}?`)
      ) {
        throw new PolisError('ERR_NOT_FOUND', { detail: 'not a DEMO BANK path' })
      }
      const inner = original.slice(demoBankPath.length)
      // oidc-provider finds its mount path as Express leaves it: `originalUrl` minus `url`.
      Object.assign(req, { originalUrl: original, url: inner.startsWith('/') ? inner : `/${inner}` })
      // Its URLs (discovery, redirects, cookie security) follow the public origin, not the Host header.
      req.headers['x-forwarded-proto'] = origin.protocol.slice(0, -1)
      req.headers['x-forwarded-host'] = origin.host
      return new Promise((resolve) => {
        res.once('close', () => resolve())
        callback(req, res)
      })
    },
  }
}
