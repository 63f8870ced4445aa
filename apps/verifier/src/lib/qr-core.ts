// The one place the app meets the browser-safe verification core (WebCrypto only).
export {
  type QrCheck,
  type QrTrust,
  type QrTrustedIssuer,
  readStatusListToken,
  readTrustList,
  type StatusSnapshot,
  verifyQrPresentation,
} from '@polis/documents/qr'
