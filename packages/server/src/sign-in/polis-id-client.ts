import { PolisError } from '@polis/kernel'
import { registerClient, retirePlatformClient } from '@polis/polis-id'
import * as oidc from 'openid-client'
import { z } from 'zod'
import type { Platform } from '../platform/create-platform.ts'

const RegisteredApp = z.object({ clientId: z.string(), clientSecret: z.string(), redirectUri: z.string() })
const PendingLogin = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  returnTo: z.string(),
  until: z.number(),
})
type PendingLogin = z.infer<typeof PendingLogin>
/** The browser's sign-in in progress, sealed in a cookie for ten minutes. */
const loginSeconds = 600

/** Only a path of this site: never an open redirect. */
export function safeReturnPath(value: string | undefined, fallback = '/'): string {
  return value && /^\/(?!\/)[\w\-./?=&%~]*$/.test(value) && !value.includes('\\') ? value : fallback
}

/** One of the platform's own apps as a relying party of Polis ID. */
export interface PolisIdClientOptions {
  /** Where its registration is kept in `meta`, sealed. */
  metaKey: string
  name: string
  purpose: { uk: string; en: string; et: string }
  /** Its callback's path, e.g. `/callback`. */
  callbackPath: string
  /** Where Polis ID sends the browser after signing out. */
  afterLogoutPath: string
  scopes: Array<'openid' | 'profile' | 'office'>
  acr: 'substantial' | 'high'
}

/**
 * A platform app's registration at Polis ID: made at its first sign-in, kept sealed in
 * `meta`, and made again when the platform's public URL has changed, as its redirect URI
 * with it. The registration replaced is then retired: no browser is sent back to its old
 * address any more, and it stays in the office's list as revoked, with why.
 */
export async function registeredApp(
  platform: Pick<Platform, 'store' | 'keys' | 'now' | 'publicUrl'>,
  options: Pick<PolisIdClientOptions, 'metaKey' | 'name' | 'purpose' | 'callbackPath' | 'afterLogoutPath' | 'scopes'>,
): Promise<z.infer<typeof RegisteredApp>> {
  const { store } = platform
  const redirectUri = `${platform.publicUrl}${options.callbackPath}`
  const row = await store.db.selectFrom('meta').select('value').where('key', '=', options.metaKey).executeTakeFirst()
  const known = row ? RegisteredApp.parse(JSON.parse(platform.keys.unseal(row.value, options.metaKey))) : undefined
  if (known?.redirectUri === redirectUri) return known
  const registered = await registerClient({
    store,
    sealer: platform.keys,
    now: platform.now(),
    registeredBy: 'platform',
    registration: {
      name: options.name,
      purpose: options.purpose,
      redirectUris: [redirectUri],
      postLogoutRedirectUris: [`${platform.publicUrl}${options.afterLogoutPath}`],
      scopes: options.scopes,
      subjectType: 'public',
    },
  })
  const value = { clientId: registered.clientId, clientSecret: registered.clientSecret as string, redirectUri }
  const sealed = platform.keys.seal(JSON.stringify(value), options.metaKey)
  await store.db
    .insertInto('meta')
    .values({ key: options.metaKey, value: sealed })
    .onConflict((c) => c.column('key').doUpdateSet({ value: sealed }))
    .execute()
  if (known) {
    await retirePlatformClient(store, {
      clientId: known.clientId,
      reason: `replaced by ${registered.clientId}: the public URL changed (${known.redirectUri} to ${redirectUri})`,
      now: platform.now(),
    })
  }
  return value
}

/**
 * A platform app (the portal, the office) signing people in through Polis ID like any
 * relying party: registered at its first sign-in, then the authorization code flow with
 * PKCE and a pushed request, the person's public identifier, and the attempt sealed in a
 * cookie for ten minutes.
 */
export function createPolisIdClient(platform: Platform, options: PolisIdClientOptions) {
  const redirectUri = `${platform.publicUrl}${options.callbackPath}`
  const sealLabel = `${options.metaKey}.login`
  let configuration: Promise<oidc.Configuration> | undefined

  const client = () => registeredApp(platform, options)

  const config = () => {
    configuration ??= client()
      .then((known) =>
        oidc.discovery(
          new URL(`${platform.publicUrl}/id`),
          known.clientId,
          undefined,
          oidc.ClientSecretBasic(known.clientSecret),
          platform.publicUrl.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
        ),
      )
      .catch((error: unknown) => {
        configuration = undefined
        throw error
      })
    return configuration
  }

  return {
    /** Where to send the browser to sign in, and the sealed cookie that remembers the attempt. */
    async start(returnTo: string): Promise<{ url: string; cookie: string }> {
      const pending: PendingLogin = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        returnTo: safeReturnPath(returnTo, options.afterLogoutPath),
        until: platform.now().getTime() + loginSeconds * 1000,
      }
      const url = await oidc.buildAuthorizationUrlWithPAR(await config(), {
        redirect_uri: redirectUri,
        scope: options.scopes.join(' '),
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        acr_values: options.acr,
      })
      return { url: url.href, cookie: platform.keys.seal(JSON.stringify(pending), sealLabel) }
    },

    /**
     * Polis ID's answer: the code exchanged (state, nonce and PKCE checked by
     * openid-client), the level checked, and the person's claims from userinfo.
     * ERR_FORBIDDEN for an answer that is not this browser's, or too weak a sign-in.
     */
    async finish(callbackUrl: URL, sealedPending: string | undefined) {
      let pending: PendingLogin
      try {
        pending = PendingLogin.parse(JSON.parse(platform.keys.unseal(sealedPending ?? '', sealLabel)))
      } catch {
        throw new PolisError('ERR_FORBIDDEN', { detail: 'no sign-in started in this browser' })
      }
      if (pending.until < platform.now().getTime())
        throw new PolisError('ERR_FORBIDDEN', { detail: 'the sign-in expired' })
      // Only the answer's parameters are read from the request's URL: behind a proxy that ends
      // TLS it is not the public one, and openid-client sends its origin and path as redirect_uri.
      const answered = new URL(redirectUri)
      answered.search = callbackUrl.search
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
      try {
        tokens = await oidc.authorizationCodeGrant(await config(), answered, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        })
      } catch (cause) {
        throw new PolisError('ERR_FORBIDDEN', { detail: 'Polis ID did not sign the person in', cause })
      }
      const claims = tokens.claims()
      if (!claims?.sub) throw new PolisError('ERR_FORBIDDEN', { detail: 'no subject' })
      if (options.acr === 'high' && claims.acr !== 'high') {
        throw new PolisError('ERR_FORBIDDEN', { detail: 'the sign-in was not at level high' })
      }
      const userinfo = await oidc.fetchUserInfo(await config(), tokens.access_token, claims.sub)
      return { subject: claims.sub, userinfo, idToken: tokens.id_token ?? null, returnTo: pending.returnTo }
    },

    /**
     * Where to end Polis ID's session too, for an ID token it issued. The app's own session
     * is already ended: when Polis ID cannot be reached (or its ID token is not one it takes),
     * the person is signed out here and sent on, not shown an error.
     */
    async endSessionUrl(idToken: string | null): Promise<string> {
      const after = `${platform.publicUrl}${options.afterLogoutPath}`
      if (!idToken) return after
      try {
        return oidc
          .buildEndSessionUrl(await config(), { id_token_hint: idToken, post_logout_redirect_uri: after })
          .toString()
      } catch {
        return after
      }
    },
  }
}
export type PolisIdClient = ReturnType<typeof createPolisIdClient>
