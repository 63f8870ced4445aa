export { buildSessionTranscript } from './build-session-transcript.ts'
export {
  type AccessCertificate,
  type CheckAccessCertificate,
  createAccessCertificateCheck,
} from './check-access-certificate.ts'
export { createMemoryRequestStore, type RequestStore } from './create-memory-request-store.ts'
export {
  type CreatedPresentationRequest,
  type CreatePresentationRequestOptions,
  createPresentationRequest,
  type PendingPresentationRequest,
  presentationRequestLink,
} from './create-presentation-request.ts'
export { ClaimsPath, ClaimsQuery, CredentialQuery, CredentialSetQuery, DcqlQuery } from './dcql-query.ts'
export {
  type CreateAccessCaOptions,
  createAccessCa,
  type IssueAccessCertificateOptions,
  issueAccessCertificate,
} from './issue-access-certificate.ts'
export {
  maxResponseLength,
  type PresentationResult,
  type ReceivePresentationResponseOptions,
  receivePresentationResponse,
} from './receive-presentation-response.ts'
export {
  AuthorizationResponse,
  ClientMetadata,
  EncryptionJwk,
  RequestObject,
  supportedEncValues,
} from './request-object.ts'
export type { VerifiedCredential } from './verified-credential.ts'
export { x509HashClientId } from './x509-hash-client-id.ts'
