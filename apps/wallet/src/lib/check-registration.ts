import type { DcqlQuery } from '@polis/oid4vp/wallet'

/** What the platform registered for a request's purpose: per document type's `vct`, the claims allowed. */
export interface RegisteredDocuments {
  documents: ReadonlyArray<{ vct: string; claims: readonly string[] }>
}

/** A claim's name as the wallet shows it: the SD-JWT VC's top-level name, or the mdoc element. */
export function claimNameOf(claim: { path: ReadonlyArray<string | number | null> }, format: string): string {
  return String((format === 'mso_mdoc' ? claim.path[1] : claim.path[0]) ?? '')
}

/**
 * The claims an SD-JWT VC query asks that the business did not register for the purpose
 * (issue 7: flagged, and the request refused). A query without claims asks for everything,
 * which no registration allows. mdoc queries are checked by the platform when the business
 * asks (their element names differ from the registration's); here they pass.
 */
export function unregisteredClaims(
  query: DcqlQuery['credentials'][number],
  registration: RegisteredDocuments,
): string[] {
  if (query.format !== 'dc+sd-jwt') return []
  const allowed = new Set(
    registration.documents.filter((d) => query.meta.vct_values?.includes(d.vct)).flatMap((d) => d.claims),
  )
  if (!query.claims) return ['*']
  return query.claims.map((c) => claimNameOf(c, query.format)).filter((name) => !allowed.has(name))
}

/** Whether a credential query must be answered: left out only where every credential set naming it is optional. */
export function isRequired(query: DcqlQuery, id: string): boolean {
  if (!query.credential_sets) return true
  return query.credential_sets.some((set) => set.required !== false && set.options.some((o) => o.includes(id)))
}
