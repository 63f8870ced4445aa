import { z } from 'zod'

// DCQL, the Digital Credentials Query Language of OpenID4VP 1.0 section 6, in the subset
// Polis speaks: SD-JWT VC and ISO mdoc credentials, claims by path, claim sets and
// credential sets. Unknown members are dropped, as section 6 lets a party ignore them.

const identifier = z.string().regex(/^[A-Za-z0-9_-]+$/, 'an identifier is alphanumeric, _ or -')

/** A claims path pointer (section 7): member names, array indices, or null for every element. */
export const ClaimsPath = z.array(z.union([z.string(), z.number().int().nonnegative(), z.null()])).min(1)
export type ClaimsPath = z.infer<typeof ClaimsPath>

/** One claim asked for (section 6.3). */
export const ClaimsQuery = z.object({
  id: identifier.optional(),
  path: ClaimsPath,
  values: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .min(1)
    .optional(),
  /** mdoc only (section B.2.4): whether the verifier means to keep the element. */
  intent_to_retain: z.boolean().optional(),
})
export type ClaimsQuery = z.infer<typeof ClaimsQuery>

/** One credential asked for (section 6.1). */
export const CredentialQuery = z
  .object({
    id: identifier,
    format: z.enum(['dc+sd-jwt', 'mso_mdoc']),
    multiple: z.boolean().optional(),
    meta: z.object({
      vct_values: z.array(z.string()).min(1).optional(),
      doctype_value: z.string().min(1).optional(),
    }),
    claims: z.array(ClaimsQuery).min(1).optional(),
    claim_sets: z.array(z.array(identifier).min(1)).min(1).optional(),
    require_cryptographic_holder_binding: z.boolean().optional(),
  })
  .superRefine((query, context) => {
    const issue = (message: string) => context.addIssue({ code: 'custom', message })
    if (query.format === 'dc+sd-jwt' && !query.meta.vct_values) issue('an SD-JWT VC query names its vct_values')
    if (query.format === 'mso_mdoc' && !query.meta.doctype_value) issue('an mdoc query names its doctype_value')
    const ids = new Set<string>()
    for (const claim of query.claims ?? []) {
      if (query.format === 'mso_mdoc' && (claim.path.length !== 2 || !claim.path.every((p) => typeof p === 'string'))) {
        issue('an mdoc claim path is [namespace, element identifier] (section B.2.1)')
      }
      if (claim.id !== undefined) {
        if (ids.has(claim.id)) issue('claim ids are unique within a credential query')
        ids.add(claim.id)
      }
    }
    if (query.claim_sets) {
      if (!query.claims || query.claims.some((c) => c.id === undefined))
        issue('claim_sets need every claim to have an id')
      for (const set of query.claim_sets) for (const id of set) if (!ids.has(id)) issue(`claim set names unknown ${id}`)
    }
  })
export type CredentialQuery = z.infer<typeof CredentialQuery>

/** A choice among credential queries (section 6.2). */
export const CredentialSetQuery = z.object({
  options: z.array(z.array(identifier).min(1)).min(1),
  required: z.boolean().optional(),
})
export type CredentialSetQuery = z.infer<typeof CredentialSetQuery>

/** A whole DCQL query. */
export const DcqlQuery = z
  .object({
    credentials: z.array(CredentialQuery).min(1),
    credential_sets: z.array(CredentialSetQuery).min(1).optional(),
  })
  .superRefine((query, context) => {
    const ids = new Set<string>()
    for (const credential of query.credentials) {
      if (ids.has(credential.id)) context.addIssue({ code: 'custom', message: 'credential query ids are unique' })
      ids.add(credential.id)
    }
    for (const set of query.credential_sets ?? []) {
      for (const option of set.options) {
        for (const id of option) {
          if (!ids.has(id)) context.addIssue({ code: 'custom', message: `credential set names unknown ${id}` })
        }
      }
    }
  })
export type DcqlQuery = z.infer<typeof DcqlQuery>
