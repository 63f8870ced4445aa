/** The exchange's tables (migration 0032). */

/** One publication of the global configuration by the central registry. */
export interface ExchangeConfigurationTable {
  /** Grows with every publication. */
  serial: number
  /** The process whose security servers it names (each running platform publishes its own). */
  publisher: string
  /** The compact JWS security servers download. */
  signed: string
  issued_at: string
  expires_at: string
}

/** One message a security server handled: its hashes and parties, never its content. */
export interface ExchangeRecordTable {
  id: string
  side: 'consumer' | 'provider'
  /** The server that handled it, `CLASS/MEMBER/SERVER`. */
  server: string
  /** `X-Road-Id`. */
  message_id: string
  client: string
  service: string
  /** `X-Road-Issue`: the purpose given. */
  issue: string | null
  request_hash: string
  status: number
  /** The fault's code, when the message failed. */
  fault: string | null
  at: string
  /** Its place in the transparency log, once appended there. */
  log_index: number | null
}

export interface ExchangeTables {
  exchange_configurations: ExchangeConfigurationTable
  exchange_records: ExchangeRecordTable
}
