/**
 * The part of oidc-provider 9 that the DEMO BANK and Polis ID use. The package ships no
 * type declarations; these follow its documentation (docs/README.md of
 * panva/node-oidc-provider).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  /** A stored artefact: session, interaction, code, grant, ... as oidc-provider serialises it. */
  export type AdapterPayload = Record<string, unknown> & {
    grantId?: string
    uid?: string
    userCode?: string
    consumed?: number
  }

  /** oidc-provider's storage port, one instance per model name. */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void>
    find(id: string): Promise<AdapterPayload | undefined>
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>
    findByUid(uid: string): Promise<AdapterPayload | undefined>
    consume(id: string): Promise<void>
    destroy(id: string): Promise<void>
    revokeByGrantId(grantId: string): Promise<void>
  }

  /** The Koa context oidc-provider hands its callbacks and middleware (only what Polis reads). */
  export interface KoaContextWithOIDC {
    req: IncomingMessage
    res: ServerResponse
    path: string
    method: string
    query: Record<string, string | string[] | undefined>
    status: number
    type: string
    body: unknown
    get(field: string): string
    set(field: string, value: string): void
    remove(field: string): void
    redirect(url: string): void
    oidc: {
      client?: { clientId: string; clientName?: string }
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined }
      result?: { consent?: { grantId?: string } }
      provider: Provider
    }
  }

  export type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>

  export interface Account {
    accountId: string
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>
  }

  export interface ClientMetadata {
    client_id: string
    client_secret?: string
    redirect_uris: string[]
    post_logout_redirect_uris?: string[]
    jwks?: { keys: Array<Record<string, unknown>> }
    scope?: string
    subject_type?: 'public' | 'pairwise'
    token_endpoint_auth_signing_alg?: string
    grant_types?: string[]
    response_types?: string[]
    token_endpoint_auth_method?: string
    id_token_signed_response_alg?: string
    client_name?: string
  }

  export interface InteractionResults {
    login?: { accountId: string; acr?: string; amr?: string[]; remember?: boolean }
    consent?: { grantId?: string }
    error?: string
    error_description?: string
  }

  export interface Interaction {
    uid: string
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> }
    params: Record<string, unknown>
    /** Seconds since the epoch when the interaction expires. */
    exp: number
    session?: { accountId?: string }
    grantId?: string
    /** What the interaction came to (a login), once it has. */
    result?: InteractionResults
    /** Where the browser resumes the authorization (`/auth/{uid}` under the provider). */
    returnTo: string
    /** Saves it again for the rest of its lifetime. */
    persist(): Promise<string>
  }

  export interface Grant {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    addResourceScope(resource: string, scope: string): void
    save(): Promise<string>
  }

  export interface Configuration {
    adapter?: (name: string) => Adapter
    clients?: ClientMetadata[]
    jwks?: { keys: Array<Record<string, unknown>> }
    cookies?: { keys?: string[] }
    claims?: Record<string, string[] | null>
    conformIdTokenClaims?: boolean
    features?: {
      rpInitiatedLogout?: {
        enabled: boolean
        /** Renders the confirmation page; `form` is the hidden form `op.logoutForm` to submit. */
        logoutSource?: (ctx: KoaContextWithOIDC, form: string) => void | Promise<void>
        postLogoutSuccessSource?: (ctx: KoaContextWithOIDC) => void | Promise<void>
      }
      [feature: string]: { enabled: boolean; [option: string]: unknown } | undefined
    }
    acrValues?: string[]
    clientAuthMethods?: string[]
    subjectTypes?: string[]
    pairwiseIdentifier?: (
      ctx: KoaContextWithOIDC,
      accountId: string,
      client: { sectorIdentifier?: string; clientId: string },
    ) => string | Promise<string>
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: unknown) => boolean }
    interactions?: { url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => string | Promise<string> }
    findAccount?: (ctx: KoaContextWithOIDC, sub: string) => Promise<Account | undefined>
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>
    renderError?: (
      ctx: KoaContextWithOIDC,
      out: { error: string; error_description?: string },
      error: Error,
    ) => void | Promise<void>
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string, client: unknown) => boolean
    ttl?: Record<string, number>
    enabledJWA?: Record<string, string[]>
    scopes?: string[]
    responseTypes?: string[]
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration)
    proxy: boolean
    readonly issuer: string
    readonly Grant: {
      new (properties: { clientId: string; accountId: string }): Grant
      find(id: string): Promise<Grant | undefined>
    }
    readonly Client: { find(id: string): Promise<{ clientId: string; clientName?: string } | undefined> }
    readonly Interaction: { find(id: string): Promise<Interaction | undefined> }
    use(middleware: Middleware): void
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>
    on(event: string, listener: (...args: unknown[]) => void): this
  }
  export default Provider
  /** oidc-provider's OAuth errors: answered to the client with their code, not as a server error. */
  export const errors: {
    InvalidGrant: new (detail?: string) => Error
    InvalidRequestUri: new (detail?: string) => Error
  }
}
