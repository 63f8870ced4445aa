// The wallet's side of OpenID4VP, for the PWA: WebCrypto, jose and zod only, no Node.
export {
  type AnswerPresentationRequestOptions,
  answerPresentationRequest,
  type PresentationAnswer,
} from './answer-presentation-request.ts'
export { buildSessionTranscript } from './build-session-transcript.ts'
export {
  type AccessCertificate,
  type CheckAccessCertificate,
  createAccessCertificateCheck,
} from './check-access-certificate.ts'
export { ClaimsQuery, CredentialQuery, DcqlQuery } from './dcql-query.ts'
export { type FetchRequest, fetchRequestObject } from './fetch-request-object.ts'
export { type DcqlCandidate, type DcqlMatch, type HeldCredential, matchDcqlQuery } from './match-dcql-query.ts'
export { type HeldSdJwt, readHeldSdJwt } from './read-held-sd-jwt.ts'
export {
  type PresentationRequest,
  parsePresentationLink,
  type ReadPresentationRequestOptions,
  readPresentationRequest,
} from './read-presentation-request.ts'
export { RequestObject } from './request-object.ts'
export { x509HashClientId } from './x509-hash-client-id.ts'
