/** Kysely's compiled query: SQL and parameters, to run later or with others. */
export type { CompiledQuery } from 'kysely'
export {
  createOidcAdapter,
  type OidcAdapter,
  oidcRowQuery,
  payloadField,
  storedOidcId,
  unexpired,
} from './create-oidc-adapter.ts'
export { createDatabaseKeyStore, type DatabaseKeyStore, type DatabaseKeyStoreOptions } from './database-key-store.ts'
export type { Engine } from './engine.ts'
export {
  flushOidcWrites,
  type OidcPayload,
  type OidcRow,
  OidcRowAlreadyConsumed,
  recallOidcRow,
  rememberOidcRow,
  withOidcRequestMemo,
} from './oidc-request.ts'
export { type OpenStoreOptions, openStore, type Store } from './open-store.ts'
export {
  createTestDatabase,
  dropTestSchemas,
  openTestStore,
  type TestDatabase,
  testEngine,
} from './open-test-store.ts'
export {
  combineStatements,
  type PreparedQuery,
  preparedQuery,
  prepareQuery,
  rowsInserter,
} from './prepare-query.ts'
export type * from './schema.ts'
export type * from './schema-cross-border.ts'
export type * from './schema-exchange.ts'
export type * from './schema-exchange-federation.ts'
export type * from './schema-federation.ts'
export type * from './schema-service-versions.ts'
export type * from './schema-sharing.ts'
export { timeOrderedId } from './time-ordered-id.ts'
