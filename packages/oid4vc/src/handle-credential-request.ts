import type { CredentialFormat } from '@polis/documents'
import { hashSecret, PolisError, type PublicJwk } from '@polis/kernel'
import type { Store } from '@polis/store'
import { z } from 'zod'
import { findConfiguration } from './configuration-id.ts'
import { batchSize } from './credential-issuer-metadata.ts'
import { checkProofNonce, consumeProofNonce } from './proof-nonces.ts'
import { verifyKeyProof } from './verify-key-proof.ts'

/** The Credential Request this issuer accepts (OpenID4VCI 1.0 section 8.2): `jwt` proofs only. */
export const CredentialRequest = z.object({
  credential_configuration_id: z.string().min(1).max(100),
  proofs: z.object({ jwt: z.array(z.string().max(8192)).min(1).max(batchSize) }),
})
export type CredentialRequest = z.infer<typeof CredentialRequest>

/** One credential of a citizen to one holder key. */
export interface CredentialToIssue {
  citizenId: string
  documentType: string
  format: CredentialFormat
  holderKey: PublicJwk
  /** The wallet device the offer was made to, if any. */
  deviceId?: string | undefined
}

/**
 * Issues the credentials of one request all or none, recording them in one transaction
 * with what `within` writes there: the platform's issuer, bound in.
 */
export type IssueCredential = (
  requests: CredentialToIssue[],
  options: { within: (db: Store['db']) => Promise<void> },
) => Promise<Array<{ credential: string }>>

/** The access token's grant: whose credentials, and which. */
export async function authenticateAccessToken(options: {
  store: Store
  authorization: string | undefined
  now: Date
}): Promise<{ citizenId: string; configurationIds: string[]; deviceId: string | undefined }> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(options.authorization ?? '')
  if (!match) throw new PolisError('ERR_INVALID_TOKEN')
  const row = await options.store.db
    .selectFrom('access_tokens')
    .selectAll()
    .where('token_hash', '=', hashSecret(match[1] as string))
    .executeTakeFirst()
  if (!row || new Date(row.expires_at) <= options.now) throw new PolisError('ERR_INVALID_TOKEN')
  return {
    citizenId: row.citizen_id,
    configurationIds: JSON.parse(row.configuration_ids) as string[],
    deviceId: row.device_id ?? undefined,
  }
}

/**
 * The credential endpoint (OpenID4VCI 1.0 section 8): checks the access token, the
 * requested configuration against the offer, every key proof and their one `c_nonce`,
 * then issues one credential per proven key — several keys give the unlinkable copies a
 * wallet shows one at a time. The nonce is used up in the transaction that records the
 * credentials: a request cut off before it can be sent again as it was, and one cut off
 * after it is refused as a replay, with nothing half issued either way.
 */
export async function handleCredentialRequest(options: {
  store: Store
  credentialIssuer: string
  authorization: string | undefined
  body: unknown
  now: Date
  issue: IssueCredential
}): Promise<{ credentials: Array<{ credential: string }> }> {
  const grant = await authenticateAccessToken(options)
  const parsed = CredentialRequest.safeParse(options.body)
  if (!parsed.success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'not a credential request with jwt proofs' })
  const request = parsed.data
  const configuration = findConfiguration(request.credential_configuration_id)
  if (!configuration || !grant.configurationIds.includes(request.credential_configuration_id)) {
    throw new PolisError('ERR_UNKNOWN_CREDENTIAL_CONFIGURATION')
  }
  const proofs = request.proofs.jwt.map((proof) =>
    verifyKeyProof({ proof, credentialIssuer: options.credentialIssuer, now: options.now }),
  )
  const nonce = (proofs[0] as (typeof proofs)[number]).nonce
  if (proofs.some((proof) => proof.nonce !== nonce)) {
    throw new PolisError('ERR_INVALID_NONCE', { detail: 'the proofs of one request share one c_nonce' })
  }
  // Refused before anything is read or signed; used up only with the credentials' record.
  await checkProofNonce({ store: options.store, nonce, now: options.now })
  const credentials = await options.issue(
    proofs.map((proof) => ({
      citizenId: grant.citizenId,
      documentType: configuration.type.code,
      format: configuration.format,
      holderKey: proof.holderKey,
      deviceId: grant.deviceId,
    })),
    { within: (db) => consumeProofNonce({ store: { db }, nonce, now: options.now }) },
  )
  return { credentials: credentials.map(({ credential }) => ({ credential })) }
}
