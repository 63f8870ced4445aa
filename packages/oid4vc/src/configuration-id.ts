import type { CredentialFormat, DocumentType } from '@polis/documents'
import { findDocumentType } from '@polis/documents'

/** The credential configuration id a wallet asks for: one document type in one format. */
export function configurationId(type: DocumentType | string, format: CredentialFormat): string {
  const code = typeof type === 'string' ? type : type.code
  return format === 'dc+sd-jwt' ? `${code}.sd_jwt_vc` : `${code}.mso_mdoc`
}

/** The document type and format of a configuration id, or undefined when the catalogue has none. */
export function findConfiguration(id: string): { type: DocumentType; format: CredentialFormat } | undefined {
  const match = /^([a-z0-9-]+)\.(sd_jwt_vc|mso_mdoc)$/.exec(id)
  if (!match) return undefined
  const type = findDocumentType(match[1] as string)
  const format: CredentialFormat = match[2] === 'sd_jwt_vc' ? 'dc+sd-jwt' : 'mso_mdoc'
  if (!type?.formats.includes(format)) return undefined
  return { type, format }
}
