export { configurationId, findConfiguration } from './configuration-id.ts'
export { type CredentialOffer, createCredentialOffer, preAuthorizedGrant } from './create-credential-offer.ts'
export {
  authorizationServerMetadata,
  batchSize,
  credentialIssuerMetadata,
  issuerEndpoints,
} from './credential-issuer-metadata.ts'
export {
  authenticateAccessToken,
  CredentialRequest,
  type CredentialToIssue,
  handleCredentialRequest,
  type IssueCredential,
} from './handle-credential-request.ts'
export { oauthErrorBody } from './oauth-error.ts'
export { consumeProofNonce, createProofNonce } from './proof-nonces.ts'
export { redeemPreAuthorizedCode, type TokenResponse } from './redeem-pre-authorized-code.ts'
export { type VerifiedKeyProof, verifyKeyProof } from './verify-key-proof.ts'
