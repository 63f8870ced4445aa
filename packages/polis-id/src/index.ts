export {
  authenticateClient,
  type ClientField,
  type ClientProblems,
  type ClientRecord,
  ClientRegistration,
  type ClientSummary,
  checkClientRegistration,
  findClient,
  findClientSummary,
  listClients,
  type RegisteredClient,
  registerClient,
  retirePlatformClient,
  revokeClient,
} from './clients.ts'
export { type Consent, listConsents, withdrawConsent } from './consents.ts'
export {
  type CitizenClaims,
  createPolisId,
  type PolisId,
  type PushedRequestRead,
  polisIdPath,
} from './create-polis-id.ts'
export { loadPolisIdSecrets, polisIdSecretsVersion, rotatePolisIdSigningKey } from './load-polis-id-secrets.ts'
export { keyOffered, listOfficialKeys, maxOfficialKeys, removeOfficialKey, setKeyOffer } from './official-keys.ts'
export {
  addOfficial,
  disableOfficial,
  findOfficial,
  listOfficials,
  type Official,
  type OfficialRole,
  officialRoles,
} from './officials.ts'
export { listPasskeys, removePasskey } from './passkeys.ts'
export { claimLabels, claimsOfScopes, type PolisScope, polisScopes } from './scopes.ts'
export {
  findWalletLogin,
  type WalletLogin,
  type WalletLoginAnswer,
  walletLoginAnswered,
  walletLoginAnswerWrite,
} from './wallet-logins.ts'
