export {
  type CreateAnchorCertificateOptions,
  type CreateIssuerCertificateOptions,
  createAnchorCertificate,
  createIssuerCertificate,
  fromPem,
  toPem,
} from './create-certificate.ts'
export {
  createChainCache,
  type TrustAnchors,
  trustAnchors,
  type VerifiedChain,
  type VerifyCertificateChainOptions,
  type VerifyChain,
  verifyCertificateChain,
} from './verify-certificate-chain.ts'
