import type { ClaimsPath, ClaimsQuery, CredentialQuery } from './dcql-query.ts'

/**
 * The claims of a credential query a credential answers (OpenID4VP 1.0 section 6.4.1):
 * all of them without `claim_sets`, else the first claim set whose every claim the
 * credential holds (with one of the wanted `values`, when given). Undefined when none fits.
 * The wallet uses it to choose what to disclose, the verifier to check what it got.
 */
export function selectClaims(
  query: CredentialQuery,
  read: (path: ClaimsPath) => unknown[],
): readonly ClaimsQuery[] | undefined {
  const claims = query.claims ?? []
  const fits = (claim: ClaimsQuery | undefined): claim is ClaimsQuery => {
    if (!claim) return false
    const values = read(claim.path)
    if (values.length === 0) return false
    return !claim.values || values.some((value) => (claim.values as unknown[]).includes(value))
  }
  if (!query.claim_sets) return claims.every(fits) ? claims : undefined
  for (const set of query.claim_sets) {
    const chosen = set.map((id) => claims.find((claim) => claim.id === id))
    if (chosen.every(fits)) return chosen
  }
  return undefined
}

/** Whether a query's credential sets (section 6.2) are met by the query ids answered. */
export function credentialSetsMet(
  query: {
    credentials: readonly { id: string }[]
    credential_sets?: readonly { options: string[][]; required?: boolean | undefined }[] | undefined
  },
  answered: ReadonlySet<string>,
): boolean {
  if (!query.credential_sets) return query.credentials.every((credential) => answered.has(credential.id))
  return query.credential_sets.every(
    (set) => set.required === false || set.options.some((option) => option.every((id) => answered.has(id))),
  )
}
