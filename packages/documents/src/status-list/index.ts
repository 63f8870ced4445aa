export { assertValidStatus } from './assert-valid-status.ts'
export { type CreateStatusListOptions, createStatusList } from './create-status-list.ts'
export { type CreateStatusListCacheOptions, createStatusListCache } from './create-status-list-cache.ts'
export { type DecodeStatusListOptions, decodeStatusList, EncodedStatusList } from './decode-status-list.ts'
export { encodeStatusList } from './encode-status-list.ts'
export { getStatus } from './get-status.ts'
export { parseStatusReference } from './parse-status-reference.ts'
export { setStatus } from './set-status.ts'
export { type SignStatusListTokenOptions, signStatusListToken, statusListJwtType } from './sign-status-list-token.ts'
export { statusClaim } from './status-claim.ts'
export {
  maxStatusListBytes,
  type StatusBits,
  type StatusList,
  StatusType,
} from './status-list.ts'
export { StatusClaim, StatusReference } from './status-reference.ts'
export {
  type ChainVerifier,
  type VerifyStatusListTokenOptions,
  verifyStatusListToken,
} from './verify-status-list-token.ts'
export {
  maxStatusListTokenLength,
  type StatusListTokenLimits,
  type VerifiedStatusListToken,
} from './verify-status-list-token-with-key.ts'
