import { type StatusOf, type VerifyChain, verifySdJwtVc } from '@polis/documents'
import { fromBase64url, PolisError } from '@polis/kernel'
import type { CredentialQuery } from './dcql-query.ts'
import { hashTransactionData } from './hash-transaction-data.ts'
import { pickClaims } from './pick-claims.ts'
import { readClaimsPath } from './read-claims-path.ts'
import { selectClaims } from './select-claims.ts'
import type { VerifiedCredential } from './verified-credential.ts'

export interface VerifySdJwtEntryOptions {
  presentation: string
  query: CredentialQuery
  clientId: string
  nonce: string
  /** The request's transaction data entries that name this query, as sent. */
  transactionData: readonly string[]
  verifyChain: VerifyChain
  statusOf: StatusOf
  now: Date
  maxAgeSeconds: number
}

function decodeJson(part: string | undefined): Record<string, unknown> {
  const bytes = part === undefined ? undefined : fromBase64url(part)
  if (!bytes) throw new PolisError('ERR_MALFORMED', { detail: 'a JWT part is not base64url' })
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'a JWT part is not JSON', cause })
  }
  if (typeof value !== 'object' || value === null) throw new PolisError('ERR_MALFORMED')
  return value as Record<string, unknown>
}

/**
 * Checks one SD-JWT VC of a `vp_token` against its credential query: issuer chain,
 * signature, disclosures, status and key binding to this request (KB-JWT `aud` the
 * client id, `nonce`, `sd_hash`, `transaction_data_hashes`), then that the holder
 * disclosed nothing the query did not ask for and everything it did. Answers only the asked claims.
 */
export async function verifySdJwtEntry(options: VerifySdJwtEntryOptions): Promise<VerifiedCredential> {
  const { query } = options
  const verified = await verifySdJwtVc({
    presentation: options.presentation,
    verifyChain: options.verifyChain,
    expected: {
      // HAIP 1.0 asks holder binding of every presentation; without it the nonce binds nothing.
      required: true,
      nonce: options.nonce,
      audience: options.clientId,
      maxAgeSeconds: options.maxAgeSeconds,
    },
    statusOf: options.statusOf,
    now: options.now,
  })
  if (!query.meta.vct_values?.includes(verified.vct)) {
    throw new PolisError('ERR_DCQL_UNSATISFIED', { detail: `query ${query.id} asks for another vct` })
  }
  // Signatures hold, so the parts are well formed: what the issuer left visible is in its payload.
  const parts = options.presentation.split('~')
  const visible = decodeJson(parts[0]?.split('.')[1])
  const asked = new Set((query.claims ?? []).map((claim) => claim.path[0]))
  for (const name of Object.keys(verified.claims)) {
    if (!Object.hasOwn(visible, name) && !asked.has(name)) {
      throw new PolisError('ERR_CLAIM_NOT_REQUESTED', {
        detail: `query ${query.id}: a disclosed claim was not asked for`,
      })
    }
  }
  const answered = selectClaims(query, (path) => readClaimsPath(verified.claims, path))
  if (!answered) throw new PolisError('ERR_DCQL_UNSATISFIED', { detail: `query ${query.id}: claims are missing` })
  const keyBinding = parts.at(-1) ? decodeJson(parts.at(-1)?.split('.')[1]) : {}
  await checkTransactionData(keyBinding, options.transactionData)
  const claims = pickClaims(
    verified.claims,
    answered.map((claim) => claim.path),
  )
  return {
    queryId: query.id,
    format: 'dc+sd-jwt',
    claims,
    evidence: {
      type: verified.vct,
      issuer: verified.issuer.subject,
      issuerId: verified.issuer.iss,
      anchor: verified.issuer.anchor,
      status: verified.status ? { ...verified.status, value: 'valid' } : undefined,
      holderBound: verified.keyBound,
      issuedAt: verified.issuedAt,
      expiresAt: verified.expiresAt,
    },
  }
}

async function checkTransactionData(keyBinding: Record<string, unknown>, expected: readonly string[]): Promise<void> {
  const hashes = keyBinding.transaction_data_hashes
  if (expected.length === 0) {
    if (hashes !== undefined) throw new PolisError('ERR_TRANSACTION_DATA_MISMATCH', { detail: 'none was asked for' })
    return
  }
  const alg = keyBinding.transaction_data_hashes_alg
  if (alg !== undefined && alg !== 'sha-256') {
    throw new PolisError('ERR_TRANSACTION_DATA_MISMATCH', { detail: 'transaction_data_hashes_alg must be sha-256' })
  }
  if (!Array.isArray(hashes))
    throw new PolisError('ERR_TRANSACTION_DATA_MISMATCH', { detail: 'no transaction_data_hashes' })
  for (const encoded of expected) {
    if (!hashes.includes(await hashTransactionData(encoded))) {
      throw new PolisError('ERR_TRANSACTION_DATA_MISMATCH', { detail: 'an entry is not covered by the holder' })
    }
  }
}
