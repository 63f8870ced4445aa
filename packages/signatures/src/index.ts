export { type CertificateStatus, finishCms, prepareCms, type SignatureReport, verifyCms } from './cades.ts'
export {
  type Authority,
  allowsNonRepudiation,
  createRevocationList,
  createSealCertificate,
  createSignerCertificate,
  createSigningCaCertificate,
  createTimestampAuthorityCertificate,
  type Signer,
  signerOf,
} from './certificates.ts'
export { sha256 } from './cms.ts'
export { finishJades, isJades, prepareJades, verifyJades } from './jades.ts'
export { embedPdfSignature, isPdf, type PreparedPdf, preparePdf, readPdfSignature } from './pades.ts'
export { sealPdf } from './seal-pdf.ts'
export { createTimestampToken, type TimestampAuthority, timestampPolicy, verifyTimestampToken } from './timestamp.ts'
export { type ChainCheck, chainCheck, verifyEcdsa, verifyEcdsaRaw } from './verify-chain.ts'
export { maxDocumentBytes, verifySignature } from './verify-signature.ts'
