/** Another country whose trust list this instance relies on (migration 0040, docs/federation.md). */
export interface FederatedCountryTable {
  code: string
  list_url: string
  anchor_sha256: string
  added_at: string
  list_jws: string | null
  fetched_at: string | null
  /** JSON `[{ uri, jwt }]`. */
  status_lists: string
  checked_at: string | null
  last_error: string | null
  last_error_detail: string | null
}

/** An agency this country has withdrawn from its own trust list. */
export interface WithdrawnIssuerTable {
  agency: string
  withdrawn_at: string
}

/** An issuing certificate withdrawn before it expired, its key taken to be compromised (migration 0048). */
export interface WithdrawnCertificateTable {
  /** Hex SHA-256 of the certificate's DER. */
  sha256: string
  agency: string
  withdrawn_at: string
}

/** Trust federation's tables. */
export interface FederationTables {
  federated_countries: FederatedCountryTable
  withdrawn_issuers: WithdrawnIssuerTable
  withdrawn_certificates: WithdrawnCertificateTable
}
