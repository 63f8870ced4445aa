import { z } from 'zod'
import { DcqlQuery } from './dcql-query.ts'

/** The `enc` values Polis verifiers accept for encrypted responses (HAIP 1.0 section 5). */
export const supportedEncValues = ['A128GCM', 'A256GCM'] as const

/** The verifier's ephemeral response encryption key, as published in `client_metadata.jwks`. */
export const EncryptionJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  use: z.literal('enc').optional(),
  alg: z.literal('ECDH-ES'),
  kid: z.string().min(1),
})
export type EncryptionJwk = z.infer<typeof EncryptionJwk>

/** The verifier metadata a request carries (OpenID4VP 1.0 section 5.1, `client_metadata`). */
export const ClientMetadata = z.object({
  jwks: z.object({ keys: z.array(z.unknown()).min(1) }),
  encrypted_response_enc_values_supported: z.array(z.string()).min(1).optional(),
  vp_formats_supported: z.record(z.string(), z.unknown()).optional(),
})
export type ClientMetadata = z.infer<typeof ClientMetadata>

/** A transaction data entry (section 8.4) once decoded from its base64url JSON. */
export const TransactionDataEntry = z.looseObject({
  type: z.string().min(1),
  credential_ids: z.array(z.string()).min(1),
  transaction_data_hashes_alg: z.array(z.string()).min(1).optional(),
})
export type TransactionDataEntry = z.infer<typeof TransactionDataEntry>

/**
 * The payload of a signed request object as Polis issues and reads it: OpenID4VP 1.0
 * with DCQL, profiled by HAIP 1.0 (`x509_hash` client identifier, `direct_post.jwt`).
 */
export const RequestObject = z.object({
  client_id: z.string().startsWith('x509_hash:'),
  response_type: z.literal('vp_token'),
  response_mode: z.literal('direct_post.jwt'),
  response_uri: z.url({ protocol: /^https?$/ }),
  nonce: z.string().min(16),
  state: z.string().min(16),
  dcql_query: DcqlQuery,
  client_metadata: ClientMetadata,
  transaction_data: z.array(z.string().min(1)).min(1).optional(),
  aud: z.string().optional(),
  iat: z.number().int().optional(),
  exp: z.number().int().optional(),
})
export type RequestObject = z.infer<typeof RequestObject>

/** The decrypted answer of a wallet (section 8.1), with DCQL's vp_token: presentations by query id. */
export const AuthorizationResponse = z.object({
  vp_token: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  state: z.string().optional(),
})
export type AuthorizationResponse = z.infer<typeof AuthorizationResponse>
