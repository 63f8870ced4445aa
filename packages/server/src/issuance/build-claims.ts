import { type ClaimSpec, computeAgeClaims, type DocumentType } from '@polis/documents'
import { PolisError } from '@polis/kernel'

/** What a document's claims are read from: the population record, the source record, derived values. */
export interface IssuanceContext {
  person: Record<string, unknown>
  record: Record<string, unknown>
  computed: Record<string, unknown>
}

/** Values the issuer derives from the population record rather than reads (`computed.*`). */
export function computeClaims(person: Record<string, unknown>, now: Date): Record<string, unknown> {
  return typeof person.birth_date === 'string' ? computeAgeClaims(person.birth_date, now) : {}
}

function resolvePath(context: IssuanceContext, path: string): unknown {
  let value: unknown = context
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

/**
 * The claims of a document, read from the issuance context as its catalogue entry
 * declares. A required claim the registries lack means the document cannot be issued.
 */
export function buildClaims(type: DocumentType, context: IssuanceContext): Map<ClaimSpec, unknown> {
  const claims = new Map<ClaimSpec, unknown>()
  for (const spec of type.claims) {
    const value = resolvePath(context, spec.from)
    if (value === undefined || value === null || value === '') {
      if (spec.required) {
        throw new PolisError('ERR_NO_REGISTRY_RECORD', {
          detail: `${type.code} needs ${spec.name}, which is not recorded`,
        })
      }
      continue
    }
    claims.set(spec, value)
  }
  return claims
}
