export { fromBase64url, toBase64url } from './base64url.ts'
export { type Clock, epochSeconds, frozenClock, systemClock } from './clock.ts'
export { Config, IdentityProviderConfig, loadConfig } from './config.ts'
export { derSignatureToRaw, rawSignatureToDer } from './ecdsa-signature.ts'
export { type ErrorCode, errorBody, errorCodes, isPolisError, type Language, messageOf, PolisError } from './errors.ts'
export { hashSecret } from './hash-secret.ts'
export type { KeyStore, PublicJwk, RandomBytes, Sealer, Sign, SigningKey } from './ports.ts'
export {
  type QueryRegistry,
  type RegistryName,
  type RegistryQuery,
  type RegistryRecord,
  registryNames,
} from './registry-query.ts'
