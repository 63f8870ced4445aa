import { documentTypes, findDocumentType } from '@polis/documents'
import { type Language, PolisError } from '@polis/kernel'
import type { DcqlQuery } from '@polis/oid4vp'
import { z } from 'zod'

/** What a business may ask of one document type: the claim names of its SD-JWT VC. */
export const PurposeClaims = z.object({
  document: z.string().min(1).max(64),
  claims: z.array(z.string().min(1).max(64)).min(1).max(64),
})
export type PurposeClaims = z.infer<typeof PurposeClaims>

/** A purpose's words, as citizens read them. */
const PurposeWords = z.string().trim().min(3).max(300)

/** A purpose a business registers: why it asks, and what it may ask for it. */
export const Purpose = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a purpose id is lowercase letters, digits and dashes'),
  description: PurposeWords,
  /** The same words in the platform's languages, each optional: `description` stands in for a missing one. */
  descriptions: z.object({ en: PurposeWords, uk: PurposeWords, et: PurposeWords }).partial().optional(),
  documents: z.array(PurposeClaims).min(1).max(16),
})
export type Purpose = z.infer<typeof Purpose>

/** A business's purposes, as stored: at least one, each id once. */
export const Purposes = z
  .array(Purpose)
  .min(1)
  .max(32)
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'a purpose id appears twice')
export type Purposes = z.infer<typeof Purposes>

/** A purpose's words in a language: its words in that language where given, else its registered words. */
export function purposeWords(purpose: Purpose, language: Language): string {
  return purpose.descriptions?.[language] ?? purpose.description
}

/**
 * Reads purposes and checks every document type and claim against the catalogue, so a
 * registration names only what Polis issues. ERR_BAD_REQUEST otherwise.
 */
export function parsePurposes(input: unknown): Purposes {
  const parsed = Purposes.safeParse(input)
  if (!parsed.success) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: `purposes: ${parsed.error.issues[0]?.message}` })
  }
  for (const purpose of parsed.data) {
    for (const asked of purpose.documents) {
      const type = findDocumentType(asked.document)
      if (!type) throw new PolisError('ERR_UNKNOWN_DOCUMENT_TYPE', { detail: asked.document })
      const names = new Set(type.claims.map((c) => c.name))
      const unknown = asked.claims.find((name) => !names.has(name))
      if (unknown) throw new PolisError('ERR_BAD_REQUEST', { detail: `${asked.document} has no claim ${unknown}` })
    }
  }
  return parsed.data
}

/**
 * Reads the CLI's short form of a purpose:
 * `id:description:document=claim,claim[;document=claim,...]`.
 */
export function parsePurposeOption(text: string): Purpose {
  const first = text.indexOf(':')
  const last = text.lastIndexOf(':')
  if (first <= 0 || last === first) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: '--purpose id:description:document=claim,claim' })
  }
  const documents = text
    .slice(last + 1)
    .split(';')
    .map((part) => {
      const [document = '', claims = ''] = part.split('=')
      return { document: document.trim(), claims: claims.split(',').map((c) => c.trim()) }
    })
  return { id: text.slice(0, first), description: text.slice(first + 1, last), documents }
}

/**
 * Refuses a DCQL query that asks for more than the purpose registered: every credential
 * query must name document types of the purpose (by `vct` or mdoc docType) and list its
 * claims, each one the purpose allows (ERR_CLAIM_NOT_REGISTERED).
 */
export function assertWithinPurpose(options: { query: DcqlQuery; purpose: Purpose; publicUrl: string }): void {
  const allowedByType = new Map<string, Set<string>>()
  for (const asked of options.purpose.documents) allowedByType.set(asked.document, new Set(asked.claims))
  for (const credential of options.query.credentials) {
    const refuse = (detail: string) =>
      new PolisError('ERR_CLAIM_NOT_REGISTERED', { detail: `${credential.id}: ${detail}` })
    const codes = documentCodesOf(credential, options.publicUrl)
    if (codes.length === 0 || codes.some((code) => !allowedByType.has(code))) {
      throw refuse('a document type outside the purpose')
    }
    if (!credential.claims || credential.claims.length === 0) throw refuse('asks for every claim')
    for (const code of codes) {
      const allowed = allowedByType.get(code) as Set<string>
      const type = findDocumentType(code)
      // An mdoc path is [namespace, element]; an element may be named otherwise than the claim.
      const byElement = new Map(type?.claims.map((c) => [c.mdocName ?? c.name, c.name]))
      for (const claim of credential.claims) {
        const name =
          credential.format === 'mso_mdoc' ? byElement.get(String(claim.path[1] ?? '')) : String(claim.path[0] ?? '')
        if (!name || !allowed.has(name)) throw refuse(`claim ${claim.path.join('.')} is not registered`)
      }
    }
  }
}

function documentCodesOf(credential: DcqlQuery['credentials'][number], publicUrl: string): string[] {
  const prefix = `${publicUrl}/vct/`
  if (credential.format === 'dc+sd-jwt') {
    const vcts = credential.meta.vct_values ?? []
    return vcts.map((vct) => (vct.startsWith(prefix) ? vct.slice(prefix.length) : `\u0000${vct}`))
  }
  const docType = credential.meta.doctype_value
  return documentTypes.filter((t) => t.mdoc?.docType === docType).map((t) => t.code)
}
