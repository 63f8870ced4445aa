// The one place the app meets the browser-safe verification core (WebCrypto only).
export {
  combineTrust,
  type FederatedCountry,
  isTrustRefusal,
  type QrCheck,
  type QrCountry,
  type QrTrust,
  type QrTrustedIssuer,
  readStatusListToken,
  readTrustFederation,
  readTrustList,
  type StatusSnapshot,
  verifyQrPresentation,
} from '@polis/documents/qr'
