import { randomBytes } from 'node:crypto'
import { hashSecret, PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { preAuthorizedGrant } from './create-credential-offer.ts'

/** Wrong transaction codes allowed before the offer is burnt. */
const maxTxCodeAttempts = 3
const tokenTtlSeconds = 300

/** The Token Response (RFC 6749 section 5.1, OpenID4VCI 1.0 section 6.2). */
export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
}

/**
 * The token endpoint for the pre-authorised code grant (OpenID4VCI 1.0 section 6):
 * the code is single-use (redeemed atomically, so two racing requests cannot both
 * win) and expires; a wrong transaction code counts towards burning the offer.
 */
export async function redeemPreAuthorizedCode(options: {
  store: Store
  form: Record<string, string | undefined>
  now: Date
  /**
   * The enrolled wallet device that asks, when it proves itself: the offer must then be
   * for its citizen (a support desk's offer scanned by the wrong phone adds nothing), and
   * what is issued is recorded as the device's, so that losing it revokes them.
   */
  device?: { citizenId: string; deviceId: string } | undefined
}): Promise<TokenResponse> {
  const { store, form, now } = options
  if (form.grant_type !== preAuthorizedGrant) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'unsupported_grant_type' })
  }
  const code = form['pre-authorized_code']
  if (!code || code.length > 200) throw new PolisError('ERR_INVALID_GRANT')
  const offer = await store.db
    .selectFrom('credential_offers')
    .selectAll()
    .where('code_hash', '=', hashSecret(code))
    .executeTakeFirst()
  if (!offer || offer.redeemed_at !== null || new Date(offer.expires_at) <= now) {
    throw new PolisError('ERR_INVALID_GRANT')
  }
  // Checked before anything is spent: the offer stays good for the phone it was meant for.
  if (options.device && options.device.citizenId !== offer.citizen_id) {
    throw new PolisError('ERR_OFFER_FOR_ANOTHER_CITIZEN')
  }
  if (offer.tx_code_hash !== null) {
    if (offer.failed_attempts >= maxTxCodeAttempts) throw new PolisError('ERR_INVALID_GRANT')
    if (!form.tx_code || hashSecret(form.tx_code) !== offer.tx_code_hash) {
      await store.db
        .updateTable('credential_offers')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('id', '=', offer.id)
        .execute()
      throw new PolisError('ERR_INVALID_TX_CODE')
    }
  }
  const redeemed = await store.db
    .updateTable('credential_offers')
    .set({ redeemed_at: now.toISOString() })
    .where('id', '=', offer.id)
    .where('redeemed_at', 'is', null)
    .executeTakeFirst()
  if (Number(redeemed.numUpdatedRows) !== 1) throw new PolisError('ERR_INVALID_GRANT')
  const token = randomBytes(32).toString('base64url')
  await store.db
    .insertInto('access_tokens')
    .values({
      token_hash: hashSecret(token),
      offer_id: offer.id,
      citizen_id: offer.citizen_id,
      configuration_ids: offer.configuration_ids,
      device_id: options.device?.deviceId ?? offer.device_id,
      expires_at: new Date(now.getTime() + tokenTtlSeconds * 1000).toISOString(),
    })
    .execute()
  return { access_token: token, token_type: 'Bearer', expires_in: tokenTtlSeconds }
}
