export type {
  Agency,
  ClaimSpec,
  ClaimType,
  CredentialFormat,
  DocumentType,
  Localized,
} from './catalogue/document-type.ts'
export { parseCompactJws, publicKeyFromJwk, signCompactJws, verifyEs256 } from './jose/compact-jws.ts'
export * from './sd-jwt/index.ts'
