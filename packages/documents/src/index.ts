export * from './catalogue/index.ts'
export {
  type P256Jwk,
  p256Jwk,
  parseCompactJws,
  publicKeyFromJwk,
  signCompactJws,
  verifyEs256,
  verifyEs256WithJwk,
} from './jose/compact-jws.ts'
export * from './mdoc/index.ts'
export { type IssueQrCredentialOptions, issueQrCredential } from './qr/issue-qr-credential.ts'
export * from './sd-jwt/index.ts'
export * from './status-list/index.ts'
