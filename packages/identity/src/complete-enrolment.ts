import { randomBytes } from 'node:crypto'
import { hashSecret, isPolisError, PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import * as client from 'openid-client'
import type { RelyingParty } from './create-relying-party.ts'
import type { FindCitizen } from './find-citizen.ts'

/** How long the browser has to enrol its device after proving who the citizen is. */
export const enrolmentTokenSeconds = 600

/** A citizen proven by a provider, and the one-time token that lets their browser enrol a device. */
export interface CompletedEnrolment {
  citizenId: string
  enrolmentToken: string
  expiresAt: Date
}

/**
 * Finishes a sign-in at the provider's redirect: the `state` must name an open
 * transaction started by this same browser (its cookie), which is used up here whatever
 * follows; then the code is exchanged with the PKCE verifier and the ID token checked
 * against the nonce (openid-client). The provider's `sub` is the citizen id, and must
 * name a citizen of the population register whose birth date agrees with the provider's.
 *
 * Throws ERR_ENROLMENT_STATE (unknown, used, expired or foreign state),
 * ERR_ENROLMENT_CANCELLED (the citizen cancelled at the provider), ERR_ENROLMENT_FAILED
 * (the provider failed or disagrees) or ERR_UNKNOWN_CITIZEN.
 */
export async function completeEnrolment(options: {
  store: Store
  relyingParty: RelyingParty
  /** The redirect URI with the query the provider sent. */
  callbackUrl: URL
  /** The value of the browser's enrolment cookie. */
  browserBinding: string | undefined
  findCitizen: FindCitizen
  now: Date
}): Promise<CompletedEnrolment> {
  const { store, callbackUrl, now } = options
  const state = callbackUrl.searchParams.get('state')
  if (!state || state.length > 200 || !options.browserBinding) throw new PolisError('ERR_ENROLMENT_STATE')
  const stateHash = hashSecret(state)
  const transaction = await store.db
    .selectFrom('enrolment_transactions')
    .selectAll()
    .where('state_hash', '=', stateHash)
    .executeTakeFirst()
  if (!transaction || transaction.browser_hash !== hashSecret(options.browserBinding)) {
    throw new PolisError('ERR_ENROLMENT_STATE')
  }
  const used = await store.db
    .updateTable('enrolment_transactions')
    .set({ used_at: now.toISOString() })
    .where('state_hash', '=', stateHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
  if (Number(used.numUpdatedRows) !== 1) throw new PolisError('ERR_ENROLMENT_STATE')

  const error = callbackUrl.searchParams.get('error')
  if (error === 'access_denied') throw new PolisError('ERR_ENROLMENT_CANCELLED')
  if (error) throw new PolisError('ERR_ENROLMENT_FAILED', { detail: `the provider answered ${error.slice(0, 64)}` })

  let subject: string
  let birthDate: unknown
  try {
    const configuration = await options.relyingParty.configuration(transaction.provider_id)
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: transaction.code_verifier,
      expectedState: state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()
    if (!claims) throw new PolisError('ERR_ENROLMENT_FAILED', { detail: 'no ID token' })
    subject = claims.sub
    birthDate = claims.birthdate
  } catch (cause) {
    if (isPolisError(cause)) throw cause
    if (cause instanceof client.AuthorizationResponseError && cause.error === 'access_denied') {
      throw new PolisError('ERR_ENROLMENT_CANCELLED')
    }
    throw new PolisError('ERR_ENROLMENT_FAILED', { detail: 'the code exchange failed', cause })
  }

  const citizen = await options.findCitizen(subject)
  if (!citizen) throw new PolisError('ERR_UNKNOWN_CITIZEN')
  if (typeof birthDate === 'string' && birthDate !== citizen.birthDate) {
    throw new PolisError('ERR_ENROLMENT_FAILED', { detail: 'the provider and the register disagree' })
  }
  const enrolmentToken = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + enrolmentTokenSeconds * 1000)
  await store.db.deleteFrom('enrolment_tokens').where('expires_at', '<', now.toISOString()).execute()
  await store.db
    .insertInto('enrolment_tokens')
    .values({
      token_hash: hashSecret(enrolmentToken),
      citizen_id: subject,
      provider_id: transaction.provider_id,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
    })
    .execute()
  return { citizenId: subject, enrolmentToken, expiresAt }
}
