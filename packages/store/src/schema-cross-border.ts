/** A foreign applicant's application to a cross-border service (migration 0043, docs/federation.md). */
export interface CrossBorderApplicationTable {
  id: string
  service: string
  created_at: string
  status: string
  request_id: string | null
  /** The pending OpenID4VP request (JSON), '{}' once answered. */
  pending: string
  request_object: string | null
  request_expires_at: string | null
  answered_at: string | null
}

/** One thing that happened to a cross-border application; its status is computed from them. */
export interface CrossBorderEventTable {
  application_id: string
  seq: number
  type: string
  actor: string
  at: string
  /** JSON. */
  data: string
}

/** Cross-border applications' tables. */
export interface CrossBorderTables {
  cross_border_applications: CrossBorderApplicationTable
  cross_border_events: CrossBorderEventTable
}
