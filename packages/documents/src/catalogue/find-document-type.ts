import { PolisError } from '@polis/kernel/errors'
import type { DocumentType } from './document-type.ts'
import { documentTypes } from './document-types.ts'

const byCode = new Map(documentTypes.map((type) => [type.code, type]))

/** The document type with this code, or undefined. */
export function findDocumentType(code: string): DocumentType | undefined {
  return byCode.get(code)
}

/** The document type with this code; throws ERR_UNKNOWN_DOCUMENT_TYPE when there is none. */
export function getDocumentType(code: string): DocumentType {
  const type = byCode.get(code)
  if (!type) throw new PolisError('ERR_UNKNOWN_DOCUMENT_TYPE')
  return type
}
