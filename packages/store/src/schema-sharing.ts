/** Sharing documents with businesses (migrations 0036 and 0037): see docs/sharing.md. */
export interface SharingTables {
  legal_entities: LegalEntityTable
  businesses: BusinessTable
  business_api_keys: BusinessApiKeyTable
  verifier_requests: VerifierRequestTable
  verifier_webhooks: VerifierWebhookTable
}

/** Business register: legal entities (companies, banks, operators). */
export interface LegalEntityTable {
  register_number: string
  legal_name: string
  legal_form: string
  registered_on: string
  address: string
  /** registered, terminated */
  status: string
}

/** A business registered to ask citizens for documents. */
export interface BusinessTable {
  id: string
  register_number: string
  legal_name: string
  contact_email: string
  privacy_email: string
  /** JSON: the purposes and the claims each may ask for. */
  purposes: string
  status: string
  registered_at: string
  decided_at: string | null
  decided_by: string | null
  key_id: string | null
  /** Base64 DER of the access certificate. */
  certificate: string | null
  client_id: string | null
  webhook_secret: string | null
}

/** An API key: its public id and the SHA-256 of its secret. */
export interface BusinessApiKeyTable {
  id: string
  business_id: string
  secret_hash: string
  created_at: string
  revoked_at: string | null
}

/** A presentation request made through the verifier API. */
export interface VerifierRequestTable {
  id: string
  business_id: string
  purpose: string
  /** JSON PendingPresentationRequest, decryption key included. */
  pending: string
  request_object: string
  webhook_url: string | null
  created_at: string
  expires_at: string
  answered_at: string | null
  outcome: string | null
  result: string | null
  error_code: string | null
}

/** A webhook to deliver: the signed body, and its tries. */
export interface VerifierWebhookTable {
  id: string
  request_id: string
  business_id: string
  url: string
  body: string
  created_at: string
  next_attempt_at: string
  attempts: number
  last_status: number | null
  delivered_at: string | null
}
