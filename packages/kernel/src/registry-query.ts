/** The base registries of a country, as Polis names them. */
export const registryNames = [
  'population',
  'civil-status',
  'driver-licences',
  'vehicles',
  'insurance',
  'tax',
  'business',
  'education',
  'health',
  'social',
  'pension',
  'migration',
  'military',
  'police-fines',
  'municipality',
  'courts',
  'enforcement',
  'police',
  'property',
  'employment',
] as const
export type RegistryName = (typeof registryNames)[number]

/** One read of citizen data: which registry, about whom, and why (every read is logged by purpose). */
export interface RegistryQuery {
  registry: RegistryName
  citizenId: string
  /** Why the data is read, e.g. `issue:driver-licence`; shown to the citizen in the Data Tracker. */
  purpose: string
  /**
   * Which kind of record in that registry, e.g. `licence`, `vehicle`, `birth`, or several
   * kinds read together; all kinds when absent.
   */
  kind?: string | string[]
}

/** A registry record as plain JSON: `kind` names its shape, `id` is stable within the registry. */
export interface RegistryRecord {
  registry: RegistryName
  kind: string
  id: string
  data: Record<string, unknown>
}

/**
 * The port through which the platform reads registries. Today a local adapter answers
 * it; the data-exchange layer later routes each query through security servers.
 */
export type QueryRegistry = (query: RegistryQuery) => Promise<RegistryRecord[]>
