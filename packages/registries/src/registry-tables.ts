import type { Database } from '@polis/store'

/** The registry tables, in the order they are written and cleared (people first). */
export const registryTableNames = [
  'persons',
  'person_addresses',
  'births',
  'marriages',
  'divorces',
  'name_changes',
  'driver_licences',
  'vehicles',
  'motor_policies',
  'taxpayers',
  'sole_proprietors',
  'diplomas',
  'student_ids',
  'vaccinations',
  'idp_statuses',
  'large_families',
  'disabilities',
  'pensions',
  'residence_permits',
  'e_residencies',
  'military_registrations',
  'debts',
  'police_records',
  'lost_documents',
  'properties',
  'pension_earnings',
  'unemployment_registrations',
  'prescriptions',
  'idp_cancellations',
] as const satisfies readonly (keyof Database)[]

export type RegistryTableName = (typeof registryTableNames)[number]

/** Rows for every registry table, as the generator produces them batch by batch. */
export type RegistryRows = { [T in RegistryTableName]: Database[T][] }

/** A batch with no rows yet. */
export function emptyRows(): RegistryRows {
  const rows = {} as Record<RegistryTableName, unknown[]>
  for (const name of registryTableNames) rows[name] = []
  return rows as RegistryRows
}
