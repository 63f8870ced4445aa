export { type IssueSdJwtVcOptions, issueSdJwtVc, reservedClaimNames } from './issue-sd-jwt-vc.ts'
export { type Disclosure, maxSdJwtLength, type ParsedSdJwt, parseSdJwt, sha256Base64url } from './parse-sd-jwt.ts'
export { disclosableClaims, type PresentSdJwtVcOptions, presentSdJwtVc } from './present-sd-jwt-vc.ts'
export { resolveDisclosures } from './resolve-disclosures.ts'
export {
  type KeyBindingExpectation,
  type VerifiedSdJwt,
  type VerifySdJwtOptions,
  verifySdJwt,
} from './verify-sd-jwt.ts'
export {
  type StatusOf,
  type VerifiedSdJwtVc,
  type VerifyChain,
  type VerifySdJwtVcOptions,
  verifySdJwtVc,
} from './verify-sd-jwt-vc.ts'
