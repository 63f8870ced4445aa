/**
 * The in-person QR format (docs/qr-format.md), for the wallet and the verifier app: no
 * node:* module, WebCrypto only. Issuing lives in `@polis/documents` (issueQrCredential).
 */
export { fromBase45, toBase45 } from './base45.ts'
export { combineTrust } from './combine-trust.ts'
export { type PresentQrOptions, presentQr } from './present-qr.ts'
export { jwkOfCoseKey, maxQrTextLength, presentationLifetimeSeconds, qrPrefix } from './qr-format.ts'
export { type QrCredential, type QrItem, readIssuerAuth, readQrCredential } from './read-qr-credential.ts'
export { readStatusListToken, type StatusSnapshot } from './read-status-list-token.ts'
export { type FederatedCountry, readTrustFederation } from './read-trust-federation.ts'
export {
  type QrCountry,
  type QrTrust,
  type QrTrustedCertificate,
  type QrTrustedIssuer,
  readTrustList,
} from './read-trust-list.ts'
export { isTrustRefusal, TrustRefusal, type TrustRefusalCode } from './trust-refusal.ts'
export { type QrCheck, type VerifyQrOptions, verifyQrPresentation } from './verify-qr-presentation.ts'
