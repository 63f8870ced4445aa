import type { CredentialFormat, DocumentType } from '@polis/documents'
import { findDocumentType } from '@polis/documents'

const suffixes: Record<CredentialFormat, string> = {
  'dc+sd-jwt': 'sd_jwt_vc',
  mso_mdoc: 'mso_mdoc',
  polis_qr: 'polis_qr',
}

/** The credential configuration id a wallet asks for: one document type in one format. */
export function configurationId(type: DocumentType | string, format: CredentialFormat): string {
  const code = typeof type === 'string' ? type : type.code
  return `${code}.${suffixes[format]}`
}

/** The document type and format of a configuration id, or undefined when the catalogue has none. */
export function findConfiguration(id: string): { type: DocumentType; format: CredentialFormat } | undefined {
  const match = /^([a-z0-9-]+)\.(sd_jwt_vc|mso_mdoc|polis_qr)$/.exec(id)
  if (!match) return undefined
  const type = findDocumentType(match[1] as string)
  const format = (Object.keys(suffixes) as CredentialFormat[]).find((f) => suffixes[f] === match[2])
  if (!format || !type?.formats.includes(format)) return undefined
  return { type, format }
}
