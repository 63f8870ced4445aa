import { randomBytes } from 'node:crypto'
import { hashSecret } from '@polis/kernel'
import type { Store } from '@polis/store'
import * as client from 'openid-client'
import type { RelyingParty } from './create-relying-party.ts'

/** How long a citizen has to sign in at the provider. */
export const enrolmentTransactionSeconds = 600

/** Where to send the browser, and the value the browser must bring back in its cookie. */
export interface StartedEnrolment {
  authorizationUrl: string
  browserBinding: string
  expiresAt: Date
}

/**
 * Starts a sign-in at an identity provider (OpenID Connect authorization code flow with
 * PKCE, `state` and `nonce`). The transaction is kept in the database, keyed by the
 * hash of `state`, so any process can finish it; `prompt=login` asks the provider for a
 * fresh sign-in, as proving who one is before enrolling a device deserves.
 */
export async function startEnrolment(options: {
  store: Store
  relyingParty: RelyingParty
  providerId: string
  now: Date
}): Promise<StartedEnrolment> {
  const { store, relyingParty, now } = options
  const configuration = await relyingParty.configuration(options.providerId)
  const state = client.randomState()
  const nonce = client.randomNonce()
  const codeVerifier = client.randomPKCECodeVerifier()
  const browserBinding = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + enrolmentTransactionSeconds * 1000)
  await store.db.deleteFrom('enrolment_transactions').where('expires_at', '<', now.toISOString()).execute()
  await store.db
    .insertInto('enrolment_transactions')
    .values({
      state_hash: hashSecret(state),
      provider_id: options.providerId,
      browser_hash: hashSecret(browserBinding),
      code_verifier: codeVerifier,
      nonce,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
    })
    .execute()
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: relyingParty.redirectUri,
    scope: 'openid profile',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    prompt: 'login',
  })
  return { authorizationUrl: url.href, browserBinding, expiresAt }
}
