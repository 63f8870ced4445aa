import { type DocumentType, vctMetadata } from '@polis/documents'

/** SD-JWT VC type metadata served at a document type's `vct`. */
export function typeMetadata(publicUrl: string, type: DocumentType) {
  return vctMetadata(type, { baseUrl: publicUrl })
}
