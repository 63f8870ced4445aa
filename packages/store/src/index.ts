/** Kysely's compiled query: SQL and parameters, to run later or with others. */
export type { CompiledQuery } from 'kysely'
export {
  createOidcAdapter,
  flushOidcWrites,
  type OidcAdapter,
  type OidcPayload,
  type OidcRow,
  OidcRowAlreadyConsumed,
  oidcRowQuery,
  payloadField,
  recallOidcRow,
  rememberOidcRow,
  unexpired,
  withOidcRequestMemo,
} from './create-oidc-adapter.ts'
export { createDatabaseKeyStore, type DatabaseKeyStore, type DatabaseKeyStoreOptions } from './database-key-store.ts'
export type { Engine } from './engine.ts'
export { type OpenStoreOptions, openStore, type Store } from './open-store.ts'
export {
  createTestDatabase,
  dropTestSchemas,
  openTestStore,
  type TestDatabase,
  testEngine,
} from './open-test-store.ts'
export { combineStatements, type PreparedQuery, preparedQuery, prepareQuery } from './prepare-query.ts'
export type * from './schema.ts'
export type * from './schema-cross-border.ts'
export type * from './schema-exchange.ts'
export type * from './schema-exchange-federation.ts'
export type * from './schema-federation.ts'
export type * from './schema-service-versions.ts'
export type * from './schema-sharing.ts'
