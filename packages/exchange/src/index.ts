export {
  type ConfigurationAnchor,
  type ConfigurationState,
  createGlobalConfigurationClient,
  GlobalConfiguration,
  type GlobalConfigurationClient,
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
