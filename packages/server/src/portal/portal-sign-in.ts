import { createHash, randomBytes } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { registerClient } from '@polis/polis-id'
import * as oidc from 'openid-client'
import { z } from 'zod'
import type { Platform } from '../platform/create-platform.ts'

/** The portal is a relying party of Polis ID like any other, registered once and kept in `meta`. */
const clientMetaKey = 'portal.client'
const sessionHours = 8
/** The browser's sign-in in progress, sealed in a cookie for ten minutes. */
const loginSeconds = 600

const PortalClient = z.object({ clientId: z.string(), clientSecret: z.string(), redirectUri: z.string() })
const PendingLogin = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  returnTo: z.string(),
  until: z.number(),
})
type PendingLogin = z.infer<typeof PendingLogin>

const hash = (value: string) => createHash('sha256').update(value).digest('base64url')

/** Only a path of this site: never an open redirect. */
export function safeReturnPath(value: string | undefined): string {
  return value && /^\/(?!\/)[\w\-./?=&%~]*$/.test(value) && !value.includes('\\') ? value : '/'
}

/**
 * The portal's sign-in through Polis ID (OpenID Connect, authorization code with PKCE
 * and a pushed request, the citizen's public identifier, level substantial), and its
 * sessions: a random cookie whose hash names a row, eight hours long.
 */
export function createPortalSignIn(platform: Platform) {
  const { store } = platform
  const redirectUri = `${platform.publicUrl}/callback`
  let configuration: Promise<oidc.Configuration> | undefined

  async function client(): Promise<z.infer<typeof PortalClient>> {
    const row = await store.db.selectFrom('meta').select('value').where('key', '=', clientMetaKey).executeTakeFirst()
    if (row) {
      const known = PortalClient.parse(JSON.parse(platform.keys.unseal(row.value, clientMetaKey)))
      if (known.redirectUri === redirectUri) return known
    }
    const registered = await registerClient({
      store,
      sealer: platform.keys,
      now: platform.now(),
      registration: {
        name: `${platform.config.POLIS_COUNTRY_NAME} portal`,
        purpose: {
          uk: 'Державні послуги онлайн',
          en: 'Government services online',
          et: 'Riigi e-teenused',
        },
        redirectUris: [redirectUri],
        postLogoutRedirectUris: [`${platform.publicUrl}/`],
        scopes: ['openid', 'profile'],
        subjectType: 'public',
      },
    })
    const value = { clientId: registered.clientId, clientSecret: registered.clientSecret as string, redirectUri }
    const sealed = platform.keys.seal(JSON.stringify(value), clientMetaKey)
    await store.db
      .insertInto('meta')
      .values({ key: clientMetaKey, value: sealed })
      .onConflict((c) => c.column('key').doUpdateSet({ value: sealed }))
      .execute()
    return value
  }

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
        returnTo: safeReturnPath(returnTo),
        until: platform.now().getTime() + loginSeconds * 1000,
      }
      const url = await oidc.buildAuthorizationUrlWithPAR(await config(), {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        acr_values: 'substantial',
      })
      return { url: url.href, cookie: platform.keys.seal(JSON.stringify(pending), 'portal.login') }
    },

    /**
     * Polis ID's answer: the code exchanged (state, nonce and PKCE checked by
     * openid-client), a session made for the citizen. ERR_FORBIDDEN for an answer that
     * is not this browser's.
     */
    async finish(callbackUrl: URL, sealedPending: string | undefined) {
      let pending: PendingLogin
      try {
        pending = PendingLogin.parse(JSON.parse(platform.keys.unseal(sealedPending ?? '', 'portal.login')))
      } catch {
        throw new PolisError('ERR_FORBIDDEN', { detail: 'no sign-in started in this browser' })
      }
      if (pending.until < platform.now().getTime())
        throw new PolisError('ERR_FORBIDDEN', { detail: 'the sign-in expired' })
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
      try {
        tokens = await oidc.authorizationCodeGrant(await config(), callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        })
      } catch (cause) {
        throw new PolisError('ERR_FORBIDDEN', { detail: 'Polis ID did not sign the citizen in', cause })
      }
      const claims = tokens.claims()
      if (!claims?.sub) throw new PolisError('ERR_FORBIDDEN', { detail: 'no subject' })
      const session = randomBytes(32).toString('base64url')
      const now = platform.now()
      await store.db
        .insertInto('portal_sessions')
        .values({
          id_hash: hash(session),
          citizen_id: claims.sub,
          id_token: tokens.id_token ?? null,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + sessionHours * 3_600_000).toISOString(),
        })
        .execute()
      return { session, returnTo: pending.returnTo }
    },

    /** The citizen of a session cookie, or undefined. */
    async citizenOf(session: string | undefined): Promise<string | undefined> {
      if (!session || session.length > 100) return undefined
      const row = await store.db
        .selectFrom('portal_sessions')
        .select(['citizen_id', 'expires_at'])
        .where('id_hash', '=', hash(session))
        .executeTakeFirst()
      return row && new Date(row.expires_at) > platform.now() ? row.citizen_id : undefined
    },

    /** Ends the portal's session; answers where to end Polis ID's too. */
    async end(session: string | undefined): Promise<string> {
      if (!session) return '/'
      const row = await store.db
        .selectFrom('portal_sessions')
        .select('id_token')
        .where('id_hash', '=', hash(session))
        .executeTakeFirst()
      await store.db.deleteFrom('portal_sessions').where('id_hash', '=', hash(session)).execute()
      if (!row?.id_token) return '/'
      return oidc
        .buildEndSessionUrl(await config(), {
          id_token_hint: row.id_token,
          post_logout_redirect_uri: `${platform.publicUrl}/`,
        })
        .toString()
    },
  }
}
export type PortalSignIn = ReturnType<typeof createPortalSignIn>
