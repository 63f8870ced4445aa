export {
  type AccessRight,
  type Endpoint,
  endpointsOf,
  grantedEndpoints,
  isAllowed,
  pathMatches,
  rightsOpenTo,
} from './access-rights.ts'
export {
  type BatchSignature,
  type CheckedSignatures,
  createBatchSigner,
  signBatch,
  signTogether,
  verifyBatch,
  verifyInBatch,
} from './batches.ts'
export { createExchangeCa, type ExchangeCa, issueServerTls, type ServerTls } from './exchange-ca.ts'
export {
  type ConfigurationAnchor,
  type ConfigurationState,
  createGlobalConfigurationClient,
  GlobalConfiguration,
  type GlobalConfigurationClient,
  type GlobalConfigurationInput,
  signGlobalConfiguration,
  verifyGlobalConfiguration,
} from './global-configuration.ts'
export {
  type ClientId,
  formatId,
  isIdentifierPart,
  type MemberClass,
  type MemberId,
  memberClasses,
  memberOf,
  parseClientId,
  parseServiceId,
  type ServiceId,
  type SubsystemId,
  sameId,
  subsystemOf,
} from './identifiers.ts'
export {
  checkRequestHash,
  type ExchangeRequest,
  type ExchangeResponse,
  exchangeFault,
  faultTypes,
  requestHash,
  responseDigest,
  signDigest,
  verifyDigest,
  xRoadHeaders,
} from './messages.ts'
export {
  type ConsumerAnswer,
  type ConsumerCall,
  createSecurityServer,
  type DoorTraffic,
  type ExchangeRecord,
  type ProvidedService,
  type SecurityServer,
  type SecurityServerOptions,
  type SecurityServerStatus,
} from './security-server.ts'
