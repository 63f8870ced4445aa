/** One version of a service's definition (migration 0024). */
export interface ServiceVersionTable {
  code: string
  /** 1, 2, 3… per code, never reused; the `version` inside `definition` is the same number. */
  version: number
  state: 'draft' | 'in-review' | 'live' | 'retired' | 'superseded'
  /** The definition as JSON (a draft's may not validate yet). */
  definition: string
  /** The version it was copied from (a draft from a live one, a rollback), or null. */
  based_on: number | null
  /** `official:<id>`, `operator` (the CLI) or `system` (the catalogue shipped with Polis). */
  created_by: string
  created_at: string
  updated_at: string
  /** The official who approved it for publishing, or null. */
  reviewed_by: string | null
  published_at: string | null
  /** Bumped by each change of a draft: an update names the revision it read. */
  revision: number
}

/** One step of a service's lifecycle: who did what to which version, and why. */
export interface ServiceVersionEventTable {
  code: string
  /** 1, 2, 3… per code. */
  seq: number
  version: number
  type: 'created' | 'updated' | 'submitted' | 'returned' | 'published' | 'retired' | 'rolled-back'
  actor: string
  at: string
  reason: string | null
}

/** One row, `live`: a counter every lifecycle step bumps, read by processes to reload their catalogue. */
export interface ServiceCatalogueTable {
  id: string
  revision: number
}

export interface ServiceVersionTables {
  service_versions: ServiceVersionTable
  service_version_events: ServiceVersionEventTable
  service_catalogue: ServiceCatalogueTable
}
