/** Sharing documents with businesses (migrations 0036, 0037, 0039 and 0041): see docs/sharing.md. */
export interface SharingTables {
  legal_entities: LegalEntityTable
  legal_entity_representatives: LegalEntityRepresentativeTable
  deletion_requests: DeletionRequestTable
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
  /** Why it was refused or revoked, as the approver wrote it. */
  decision_reason: string | null
}

/** Who may act for a legal entity: its director or a board member. */
export interface LegalEntityRepresentativeTable {
  register_number: string
  citizen_id: string
  /** director, board-member */
  role: string
}

/** A citizen's request that a business delete what was shared with it, and its report to the authority. */
export interface DeletionRequestTable {
  id: string
  business_id: string
  citizen_id: string
  request_id: string
  /** JSON `[{document, claims}]`. */
  claims: string
  asked_at: string
  /** asked, done, refused */
  state: string
  answered_at: string | null
  answer_reason: string | null
  reported_at: string | null
  report_text: string | null
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
  /** The citizen whose credentials answered, when it verified (migration 0041); kept past the claims. */
  citizen_id: string | null
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
