import type { Sign } from '@polis/kernel'
import type { ClaimsQuery, DcqlQuery } from './dcql-query.ts'
import { readHeldMdoc } from './present-mdoc.ts'
import { readClaimsPath } from './read-claims-path.ts'
import { readHeldSdJwt } from './read-held-sd-jwt.ts'
import { selectClaims } from './select-claims.ts'

/** A credential in the wallet, with the signer of the device key it is bound to. */
export type HeldCredential =
  | {
      id: string
      format: 'dc+sd-jwt'
      /** As issued: `<jwt>~<disclosures>~`. */
      credential: string
      sign: Sign
    }
  | {
      id: string
      format: 'mso_mdoc'
      /** IssuerSigned as issued. */
      credential: Uint8Array
      sign: Sign
    }

/** One way to answer a credential query: a credential and the claims it would reveal. */
export interface DcqlCandidate {
  credential: HeldCredential
  claims: readonly ClaimsQuery[]
  /** SD-JWT VC: top-level claim names whose disclosures go into the presentation. */
  disclose: string[]
  /** mdoc: the `[namespace, identifier]` elements to return. */
  elements: Array<[string, string]>
}

/** For each credential query, every held credential that answers it (empty when none does). */
export type DcqlMatch = Record<string, DcqlCandidate[]>

/**
 * Evaluates a DCQL query (OpenID4VP 1.0 section 6.4) against the wallet's SD-JWT VCs and
 * mdocs: format and `vct_values` or `doctype_value`, then the claims or the first claim set the credential holds.
 * The holder chooses among the candidates; nothing outside a candidate's claims is shown.
 */
export async function matchDcqlQuery(query: DcqlQuery, held: readonly HeldCredential[]): Promise<DcqlMatch> {
  const match: DcqlMatch = {}
  for (const credentialQuery of query.credentials) {
    const candidates: DcqlCandidate[] = []
    if (credentialQuery.format === 'dc+sd-jwt') {
      for (const credential of held) {
        if (credential.format !== 'dc+sd-jwt') continue
        const read = await readHeldSdJwt(credential.credential)
        if (!credentialQuery.meta.vct_values?.includes(read.vct)) continue
        const claims = selectClaims(credentialQuery, (path) => readClaimsPath(read.claims, path))
        if (!claims) continue
        const disclose = [...new Set(claims.map((claim) => claim.path[0] as string))].filter((name) =>
          read.disclosuresOf.has(name),
        )
        candidates.push({ credential, claims, disclose, elements: [] })
      }
    } else {
      for (const credential of held) {
        if (credential.format !== 'mso_mdoc') continue
        const read = readHeldMdoc(credential.credential)
        if (read.docType !== credentialQuery.meta.doctype_value) continue
        const claims = selectClaims(credentialQuery, (path) => readClaimsPath(read.namespaces, path))
        if (!claims) continue
        const elements = claims.map((claim) => [claim.path[0], claim.path[1]] as [string, string])
        candidates.push({ credential, claims, disclose: [], elements })
      }
    }
    match[credentialQuery.id] = candidates
  }
  return match
}
