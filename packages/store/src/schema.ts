import type { Generated } from 'kysely'
import type { CrossBorderTables } from './schema-cross-border.ts'
import type { DebtTable } from './schema-debts.ts'
import type { ExchangeTables } from './schema-exchange.ts'
import type { ExchangeFederationTables } from './schema-exchange-federation.ts'
import type { FederationTables } from './schema-federation.ts'
import type { MoreRegistryTables } from './schema-more-registries.ts'
import type { RegistryTables } from './schema-registries.ts'
import type { ServiceVersionTables } from './schema-service-versions.ts'
import type { SharingTables } from './schema-sharing.ts'
import type { TransparencyLogTables } from './schema-transparency-log.ts'

/** Marks the database as Polis's and records instance-wide facts. */
export interface MetaTable {
  key: string
  value: string
}

/** Private keys, encrypted at rest (AES-256-GCM under the key-encryption key). */
export interface KeyTable {
  id: string
  public_jwk: string
  /** base64 of iv || ciphertext || tag over the PKCS#8 private key. */
  encrypted_private_key: string
  created_at: string
}

/** Certificates of the national PKI: the anchor and one per issuing agency. */
export interface CertificateTable {
  id: string
  role: 'anchor' | 'issuer' | 'signing-ca' | 'tsa' | 'seal'
  key_id: string
  subject: string
  /** base64 DER. */
  der: string
  not_before: string
  not_after: string
  created_at: string
}

/** One status list per issuer and generation; entries are allocated at random indexes. */
export interface StatusListTable {
  id: string
  issuer_id: string
  size: number
  bits: number
  /** Bumped on every status change, so a cached token is known stale. */
  version: number
  created_at: string
}

/** The signed status list token last built for a list, with the version it reflects. */
export interface StatusListTokenTable {
  list_id: string
  version: number
  token: string
  built_at: string
}

/** Every credential issued: enough to revoke it, never its claims. */
export interface IssuedCredentialTable {
  id: string
  citizen_id: string
  document_type: string
  format: string
  issuer_id: string
  list_id: string
  list_index: number
  /** Current status, derived from status_events: 0 valid, 1 invalid (revoked), 2 suspended. */
  status: number
  issued_at: string
  expires_at: string
  /** The wallet device it was issued to through OpenID4VCI, so losing the device revokes it. */
  device_id: string | null
  /** Its place in the transparency log, once appended there (migration 0035). */
  log_index: number | string | null
}

/** The history a credential's status is derived from. */
export interface StatusEventTable {
  id: Generated<number>
  credential_id: string
  status: number
  reason: string
  at: string
  /** Its place in the transparency log, once appended there (migration 0035). */
  log_index: number | string | null
}

/** An OpenID4VCI credential offer; the pre-authorised code is kept only as its SHA-256. */
export interface CredentialOfferTable {
  id: string
  code_hash: string
  citizen_id: string
  /** JSON array of credential configuration ids. */
  configuration_ids: string
  tx_code_hash: string | null
  failed_attempts: number
  created_at: string
  expires_at: string
  redeemed_at: string | null
  /** The enrolled device the offer was made to, when a wallet asked for it. */
  device_id: string | null
}

/** An access token for the credential endpoint, kept as its SHA-256. */
export interface AccessTokenTable {
  token_hash: string
  offer_id: string
  citizen_id: string
  configuration_ids: string
  expires_at: string
  device_id: string | null
}

/** A `c_nonce` handed out for key proofs, usable once. */
export interface ProofNonceTable {
  nonce: string
  expires_at: string
  used_at: string | null
}

/** oidc-provider's state of the DEMO BANK (sessions, interactions, codes, grants), shared by every process. */
export interface DemoBankModelTable {
  /** oidc-provider's model name: Session, Interaction, AuthorizationCode, Grant, ... */
  model: string
  id: string
  /** The model's payload as JSON. */
  payload: string
  grant_id: string | null
  /** A session's uid, by which oidc-provider also looks sessions up. */
  uid: string | null
  user_code: string | null
  expires_at: string | null
  consumed_at: string | null
}

/** A sign-in at an identity provider in progress, keyed by the SHA-256 of its `state`. */
export interface EnrolmentTransactionTable {
  state_hash: string
  provider_id: string
  /** SHA-256 of the random value in the browser's cookie: the callback must come from the same browser. */
  browser_hash: string
  code_verifier: string
  nonce: string
  created_at: string
  expires_at: string
  used_at: string | null
}

/** A one-time token that lets the browser which proved a citizen's identity enrol one device. */
export interface EnrolmentTokenTable {
  token_hash: string
  citizen_id: string
  provider_id: string
  created_at: string
  expires_at: string
  used_at: string | null
}

/** A citizen's enrolled wallet device and the public key it signs requests with. */
export interface WalletDeviceTable {
  id: string
  citizen_id: string
  /** Public P-256 JWK as JSON. */
  public_jwk: string
  name: string
  created_at: string
  revoked_at: string | null
}

/** The `jti` of each device-signed request, kept while its `iat` could still be accepted. */
export interface DeviceRequestIdTable {
  device_id: string
  jti: string
  expires_at: string
}

/** A one-time share code: a presentation left for a verifier behind a short number. */
export interface ShareCodeTable {
  id: string
  /** SHA-256 of the number, never the number. */
  code_hash: string
  device_id: string
  document_type: string
  /** The in-person presentation (`PQ1:…`), erased once redeemed. */
  presentation: string | null
  created_at: string
  expires_at: string
  redeemed_at: string | null
}

/** A relying party registered with Polis ID (an agency's or a business's OpenID Connect client). */
export interface IdClientTable {
  id: string
  name: string
  /** Why it asks, shown to citizens, as JSON `{uk, en, et}`. */
  purpose: string
  /** JSON arrays. */
  redirect_uris: string
  post_logout_redirect_uris: string
  /** The scopes it may ask for, as a JSON array. */
  scopes: string
  /** `pairwise` (a different `sub` for each client) or `public` (the citizen id: the platform's own services). */
  subject_type: string
  /** Its public keys for `private_key_jwt`, as a JWKS JSON; null for a client with a secret. */
  jwks: string | null
  /** Its `client_secret_basic` secret, sealed under the key-encryption key; null with `jwks`. */
  secret_sealed: string | null
  created_at: string
  /** Who registered it: `official:<citizen id>` in the office, `operator` from the command line (null before migration 0050). */
  registered_by: string | null
  revoked_at: string | null
  /** Who revoked it, as `registered_by`, and why (migration 0050). */
  revoked_by: string | null
  revocation_reason: string | null
  /** The office's form that registered it, so that the form sent twice registers one (migration 0050). */
  submission_id: string | null
}

/** A login waiting for the citizen to confirm it in the wallet (QR and control code). */
export interface IdWalletLoginTable {
  /** Random; what the QR code carries. */
  id: string
  interaction_uid: string
  client_id: string
  control_code: string
  /** JSON array of the scopes asked for. */
  scopes: string
  created_at: string
  expires_at: string
  citizen_id: string | null
  device_id: string | null
  confirmed_at: string | null
  /** Set when the citizen also let the signing-in computer make a passkey, in the wallet. */
  passkey_allowed_at: string | null
  declined_at: string | null
  used_at: string | null
}

/** Attempts counted in one window of one bucket (a limit and what it limits, such as an address). */
export interface RateLimitTable {
  bucket: string
  window_start: string
  count: number
}

/** What the security team reviews: refused bursts, by kind and hashed subject, without personal data. */
export interface SecurityEventTable {
  at: string
  kind: string
  subject_hash: string
}

/** A citizen who works for an agency: roles, and the TOTP second factor Polis ID asks of them. */
export interface OfficialTable {
  citizen_id: string
  agency: string
  /** JSON array of role names. */
  roles: string
  totp_secret_sealed: string
  /** The last TOTP time step accepted: a code is good once. */
  last_totp_step: number | null
  failed_attempts: number
  locked_until: string | null
  created_at: string
  disabled_at: string | null
  /** When they said "not now" to a security key: none is offered until they ask in the office (migration 0051). */
  key_offer_declined_at: string | null
}

/** A sign-in whose wallet step is done, waiting for the official's second factor. */
export interface IdSecondFactorTable {
  interaction_uid: string
  citizen_id: string
  expires_at: string
  /** When the authenticator code was given in this sign-in, which may then add a security key (migration 0051). */
  code_given_at: string | null
}

/** An official's security key (a passkey or hardware key), their second factor instead of the code. */
export interface OfficialKeyTable {
  /** base64url of the credential id. */
  credential_id: string
  citizen_id: string
  /** base64url of the COSE public key. */
  public_key: string
  counter: number
  /** JSON array of the authenticator's transports. */
  transports: string
  /** The browser that made it, e.g. "Chrome on Windows". */
  label: string
  created_at: string
  last_used_at: string | null
}

/** A citizen's signing certificate for the signing key of one enrolled phone. */
export interface SigningCertificateTable {
  serial_number: string
  citizen_id: string
  device_id: string
  /** Base64 DER. */
  der: string
  public_jwk: string
  not_before: string
  not_after: string
  created_at: string
  revoked_at: string | null
  revocation_reason: string | null
}

/** A document waiting for, or given, a citizen's signature; the signed ones are their history. */
export interface SigningRequestTable {
  id: string
  requester_kind: string
  client_id: string | null
  /** SHA-256 of the secret cookie of the browser that asked (the portal's page). */
  browser_secret_hash: string | null
  purpose: string | null
  document_name: string
  media_type: string
  document_size: number
  /** Base64url SHA-256 of the document as given. */
  document_sha256: string
  /** Base64 of the document, until the request is over. */
  document: string | null
  format: string
  control_code: string
  callback_url: string | null
  created_at: string
  expires_at: string
  device_id: string | null
  certificate_serial: string | null
  /** JSON: what the phone was given to sign (toBeSigned, digest, signing time, JAdES header). */
  prepared: string | null
  /** Base64 of the PDF with the signature's place reserved (PAdES). */
  prepared_document: string | null
  citizen_id: string | null
  signed_at: string | null
  declined_at: string | null
  /** Base64 of the signed PDF or the detached signature. */
  result: string | null
}

/** A citizen's passkey for Polis ID on one computer (WebAuthn credential). */
export interface IdPasskeyTable {
  /** base64url of the credential id. */
  credential_id: string
  citizen_id: string
  /** base64url of the COSE public key. */
  public_key: string
  counter: number
  /** JSON array of the authenticator's transports. */
  transports: string
  created_at: string
  last_used_at: string | null
  /** The browser that made it, e.g. "Chrome on Windows"; null for those made before labels. */
  label: string | null
}

/** The challenge of a WebAuthn ceremony in progress, by sign-in and kind (`register`, `login`). */
export interface IdPasskeyChallengeTable {
  interaction_uid: string
  kind: string
  challenge: string
  expires_at: string
}

/** An application to an e-service; `status` is a projection of its events, for queues and lists. */
export interface ApplicationTable {
  id: string
  citizen_id: string
  /** The client's idempotency key: the same key from the same citizen is the same application. */
  client_key: string
  service_code: string
  service_version: number
  agency: string
  status: string
  created_at: string
  updated_at: string
  /** The official who took the case, `official:<id>`, or null. */
  assignee: string | null
  /** The life-event bundle this application is a part of (the newborn package), or null. */
  bundle_id: string | null
}

/** A read of a citizen's data in the registers, for their Data Tracker: never the content. */
export interface DataAccessLogTable {
  id: string
  /** Whose data was read. */
  citizen_id: string
  at: string
  registry: string
  /** The kinds of record read (JSON list), e.g. `["person","residence"]`. */
  kinds: string
  /** How many records were handed over. */
  records: number
  /** Why, as the reader said it: `service:residence-registration`, `offer:documents`. */
  purpose: string
  /** Its place in the transparency log, once appended there. */
  log_index: number | null
  /** Who read: the calling subsystem as the exchange names it, `UA/GOV/municipality/services` (none before it). */
  reader: string | null
}

/** One thing that happened to an application: who, when, why, and its data (JSON). */
export interface ApplicationEventTable {
  application_id: string
  seq: number
  type: string
  at: string
  /** `citizen:<id>`, `official:<id>` or `system`. */
  actor: string
  reason: string | null
  data: string
  /** An official's action's place in the transparency log, once appended there (migration 0035). */
  log_index: number | string | null
}

/** A citizen's unfinished answers to a service. */
export interface ApplicationDraftTable {
  citizen_id: string
  service_code: string
  answers: string
  saved_at: string
}

/** A message in the citizen's inbox; title and body as JSON texts in three languages. */
export interface InboxMessageTable {
  id: string
  citizen_id: string
  application_id: string | null
  title: string
  body: string
  created_at: string
  read_at: string | null
  /** A portal path the message leads to when it is not the citizen's own application (migration 0022). */
  link: string | null
}

/** A browser signed in to the portal through Polis ID. */
export interface PortalSessionTable {
  /** SHA-256 of the session cookie: the cookie itself is never stored. */
  id_hash: string
  citizen_id: string
  /** For signing out at Polis ID too. */
  id_token: string | null
  created_at: string
  expires_at: string
}

/** An official signed in to the office through Polis ID, with the agency and roles it vouched for. */
export interface OfficeSessionTable {
  id_hash: string
  official_id: string
  agency: string
  /** JSON array of roles. */
  roles: string
  id_token: string | null
  created_at: string
  expires_at: string
}

/** A payment the platform asked the provider for: its status is what the provider last said. */
export interface PaymentTable {
  id: string
  application_id: string
  citizen_id: string
  /** Minor units (kopiykas, cents). */
  amount: number
  currency: string
  description: string
  /** created, succeeded, declined, cancelled, expired or refunded. */
  status: string
  created_at: string
  expires_at: string
  settled_at: string | null
  refunded_amount: number
  /** Where the provider sends the citizen back (the wallet's page); null for the portal's application page. */
  return_to: string | null
}

/** Where a citizen wants messages by e-mail, and in which language. */
export interface CitizenContactTable {
  citizen_id: string
  email: string
  language: string
  updated_at: string
}

/** An e-mail waiting to go out, or sent. No citizen id: only what the message needs. */
export interface MailOutboxTable {
  id: string
  to_address: string
  subject: string
  body: string
  created_at: string
  /** Not before this: a claimed message waits here while it is being sent, a failed one retries later. */
  next_attempt_at: string
  attempts: number
  sent_at: string | null
}

/** A reminder sent: once per document and expiry date. */
export interface DocumentReminderTable {
  kind: string
  record_id: string
  expires_on: string
  reminded_at: string
}

/**
 * A file a citizen attached to an application: its kind read from its own bytes, never
 * from its name. Belongs to the application once submitted with it.
 */
export interface AttachmentTable {
  id: string
  citizen_id: string
  service_code: string
  field_id: string
  /** The name the citizen's file had, cleaned: no path, at most 100 characters. */
  file_name: string
  /** application/pdf, image/jpeg or image/png. */
  media_type: string
  size: number
  /** SHA-256 of the content, hex. */
  sha256: string
  /** The bytes: node:sqlite answers a Uint8Array, pg a Buffer (which is one). */
  content: Uint8Array
  created_at: string
  application_id: string | null
}

/** A citizen's rating of a service they used, one an application once it is decided (migration 0025). */
export interface ServiceRatingTable {
  application_id: string
  service_code: string
  /** 1 (very hard) to 5 (very easy). */
  rating: number
  rated_at: string
}

/** Something a register tells of (a birth registered), for proactive services (migration 0026). */
export interface RegistryEventTable {
  id: string
  /** `birth-registered`. */
  kind: string
  /** JSON: the ids and facts the event carries (the child, the mother, the father, the date). */
  data: string
  occurred_at: string
  processed_at: string | null
}

/** A service offered to a citizen because of a registry event, once (migration 0026). */
export interface ProactiveOfferTable {
  id: string
  event_id: string
  /** The proactive rule that made it. */
  rule: string
  service_code: string
  citizen_id: string
  /** JSON: the answers the offer fills in. */
  answers: string
  state: 'offered' | 'declined'
  created_at: string
  answered_at: string | null
}

export interface Database
  extends RegistryTables,
    MoreRegistryTables,
    ServiceVersionTables,
    TransparencyLogTables,
    SharingTables,
    ExchangeTables,
    FederationTables,
    ExchangeFederationTables,
    CrossBorderTables {
  service_ratings: ServiceRatingTable
  registry_events: RegistryEventTable
  proactive_offers: ProactiveOfferTable
  attachments: AttachmentTable
  debts: DebtTable
  document_reminders: DocumentReminderTable
  citizen_contacts: CitizenContactTable
  mail_outbox: MailOutboxTable
  payments: PaymentTable
  office_sessions: OfficeSessionTable
  portal_sessions: PortalSessionTable
  applications: ApplicationTable
  data_access_log: DataAccessLogTable
  application_events: ApplicationEventTable
  application_drafts: ApplicationDraftTable
  inbox_messages: InboxMessageTable
  officials: OfficialTable
  id_second_factors: IdSecondFactorTable
  official_keys: OfficialKeyTable
  signing_certificates: SigningCertificateTable
  signing_requests: SigningRequestTable
  id_passkeys: IdPasskeyTable
  id_passkey_challenges: IdPasskeyChallengeTable
  rate_limits: RateLimitTable
  security_events: SecurityEventTable
  share_codes: ShareCodeTable
  id_models: DemoBankModelTable & { account_id: string | null }
  id_clients: IdClientTable
  id_wallet_logins: IdWalletLoginTable
  demo_bank_models: DemoBankModelTable
  enrolment_transactions: EnrolmentTransactionTable
  enrolment_tokens: EnrolmentTokenTable
  wallet_devices: WalletDeviceTable
  device_request_ids: DeviceRequestIdTable
  credential_offers: CredentialOfferTable
  access_tokens: AccessTokenTable
  proof_nonces: ProofNonceTable
  meta: MetaTable
  keys: KeyTable
  certificates: CertificateTable
  status_lists: StatusListTable
  status_list_tokens: StatusListTokenTable
  issued_credentials: IssuedCredentialTable
  status_events: StatusEventTable
}
