/** Another instance whose exchange this one federates with (migration 0042, docs/exchange.md). */
export interface ExchangeFederationTable {
  instance: string
  url: string
  /** The central registry's public key, a JWK (JSON). */
  anchor_jwk: string
  added_at: string
  configuration: string | null
  serial: number | null
  expires_at: string | null
  fetched_at: string | null
  checked_at: string | null
  last_error: string | null
}

/** A right an own service grants to one client of a federated instance. */
export interface ExchangeFederatedRightTable {
  id: string
  client: string
  service: string
  method: string
  path: string
  granted_at: string
}

/** Exchange federation's tables. */
export interface ExchangeFederationTables {
  exchange_federations: ExchangeFederationTable
  exchange_federated_rights: ExchangeFederatedRightTable
}
