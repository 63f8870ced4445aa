import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import { hashSecret, PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { findConfiguration } from './configuration-id.ts'

export const preAuthorizedGrant = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'

export interface CreateCredentialOfferOptions {
  store: Store
  credentialIssuer: string
  citizenId: string
  configurationIds: string[]
  now: Date
  /** How long the offer can be redeemed (default 15 minutes). */
  ttlSeconds?: number
  /** Ask the wallet for a numeric transaction code shown to the citizen elsewhere (default false). */
  withTxCode?: boolean
  /** The enrolled wallet device the offer is made to; every credential issued from it records it. */
  deviceId?: string | undefined
}

/** A credential offer as the wallet receives it (OpenID4VCI 1.0 section 4.1.1) and its URI form. */
export interface CredentialOffer {
  offer: {
    credential_issuer: string
    credential_configuration_ids: string[]
    grants: Record<
      string,
      { 'pre-authorized_code': string; tx_code?: { input_mode: 'numeric'; length: number; description: string } }
    >
  }
  uri: string
  /** The transaction code to show the citizen through another channel, when one was asked for. */
  txCode: string | undefined
  expiresAt: Date
}

/**
 * Creates a single-use, short-lived pre-authorised offer of some credentials for one
 * citizen; only the code's hash is stored.
 */
export async function createCredentialOffer(options: CreateCredentialOfferOptions): Promise<CredentialOffer> {
  const ids = [...new Set(options.configurationIds)]
  if (ids.length === 0) throw new PolisError('ERR_BAD_REQUEST', { detail: 'an offer needs at least one credential' })
  for (const id of ids) {
    if (!findConfiguration(id)) throw new PolisError('ERR_UNKNOWN_CREDENTIAL_CONFIGURATION', { detail: id })
  }
  const code = randomBytes(32).toString('base64url')
  const txCode = options.withTxCode ? String(randomInt(1_000_000)).padStart(6, '0') : undefined
  const expiresAt = new Date(options.now.getTime() + (options.ttlSeconds ?? 900) * 1000)
  await options.store.db
    .insertInto('credential_offers')
    .values({
      id: randomUUID(),
      code_hash: hashSecret(code),
      citizen_id: options.citizenId,
      configuration_ids: JSON.stringify(ids),
      tx_code_hash: txCode ? hashSecret(txCode) : null,
      failed_attempts: 0,
      created_at: options.now.toISOString(),
      expires_at: expiresAt.toISOString(),
      redeemed_at: null,
      device_id: options.deviceId ?? null,
    })
    .execute()
  const grant = {
    'pre-authorized_code': code,
    ...(txCode
      ? { tx_code: { input_mode: 'numeric' as const, length: 6, description: 'The code shown in your Polis account' } }
      : {}),
  }
  const offer = {
    credential_issuer: options.credentialIssuer,
    credential_configuration_ids: ids,
    grants: { [preAuthorizedGrant]: grant },
  }
  return {
    offer,
    uri: `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`,
    txCode,
    expiresAt,
  }
}
