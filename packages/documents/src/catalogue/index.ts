export { agencies } from './agencies.ts'
export { type ClaimOptions, claim } from './claims.ts'
export { type ComputedClaimName, computeAgeClaims, computedClaimNames } from './computed-claims.ts'
export { contrastRatio, relativeLuminance } from './contrast-ratio.ts'
export type {
  Agency,
  ClaimSpec,
  ClaimType,
  CredentialFormat,
  DocumentType,
  Localized,
} from './document-type.ts'
export { documentTypes } from './document-types.ts'
export { findDocumentType, getDocumentType } from './find-document-type.ts'
export { inPersonClaims, inspectedClaimNames } from './in-person-claims.ts'
export { localeTags, type VctMetadata, vctMetadata } from './vct-metadata.ts'
