/**
 * The local adapter of the kernel's QueryRegistry port: answers queries about a citizen
 * from the registry tables of this instance's own database.
 */
import { PolisError, type QueryRegistry, type RegistryRecord, registryNames } from '@polis/kernel'
import type { Store } from '@polis/store'
import { z } from 'zod'
import { isCitizenId } from './citizen-id.ts'
import { civilStatusReaders } from './read-civil-status.ts'
import {
  courtReaders,
  enforcementReaders,
  municipalityReaders,
  policeFineReaders,
  taxDebtReaders,
} from './read-debts.ts'
import {
  employmentReaders,
  moreHealthReaders,
  morePensionReaders,
  policeReaders,
  propertyReaders,
} from './read-more-records.ts'
import { populationReaders } from './read-population.ts'
import {
  businessReaders,
  educationReaders,
  healthReaders,
  migrationReaders,
  militaryReaders,
  pensionReaders,
  socialReaders,
  taxReaders,
} from './read-services.ts'
import { driverLicenceReaders, insuranceReaders, vehicleReaders } from './read-transport.ts'
import type { RegistryReaders } from './registry-reader.ts'

/** Every registry and the kinds of record it answers with. */
export const registryReaders: RegistryReaders = {
  population: populationReaders,
  'civil-status': civilStatusReaders,
  'driver-licences': driverLicenceReaders,
  vehicles: vehicleReaders,
  insurance: insuranceReaders,
  tax: { ...taxReaders, ...taxDebtReaders },
  business: businessReaders,
  education: educationReaders,
  health: { ...healthReaders, ...moreHealthReaders },
  social: socialReaders,
  pension: { ...pensionReaders, ...morePensionReaders },
  migration: migrationReaders,
  military: militaryReaders,
  'police-fines': policeFineReaders,
  municipality: municipalityReaders,
  courts: courtReaders,
  enforcement: enforcementReaders,
  police: policeReaders,
  property: propertyReaders,
  employment: employmentReaders,
}

/** The record kinds of each registry, e.g. `{ population: ['person', 'id-card', ...] }`. */
export const recordKinds = Object.fromEntries(
  Object.entries(registryReaders).map(([registry, readers]) => [registry, Object.keys(readers)]),
) as { [R in keyof RegistryReaders]: string[] }

const RegistryQuery = z.object({
  registry: z.enum(registryNames),
  citizenId: z.string().min(1).max(64),
  purpose: z.string().min(1).max(200),
  kind: z.union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).min(1).max(32)]).optional(),
})

export interface LocalRegistryClientOptions {
  store: Store
  /** The platform's clock, for records that depend on the day (a child under 14). */
  now?: () => Date
}

/**
 * A QueryRegistry over this database. An unknown citizen is ERR_UNKNOWN_CITIZEN; a
 * malformed query or a kind the registry does not keep is ERR_BAD_REQUEST.
 */
export function createLocalRegistryClient(options: LocalRegistryClientOptions): QueryRegistry {
  const { store } = options
  return async (input): Promise<RegistryRecord[]> => {
    const parsed = RegistryQuery.safeParse(input)
    if (!parsed.success)
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'malformed registry query', cause: parsed.error })
    const query = parsed.data
    const readers = registryReaders[query.registry]
    const kinds = query.kind === undefined ? Object.keys(readers) : [query.kind].flat()
    const person = isCitizenId(query.citizenId)
      ? await store.db.selectFrom('persons').selectAll().where('id', '=', query.citizenId).executeTakeFirst()
      : undefined
    if (!person) throw new PolisError('ERR_UNKNOWN_CITIZEN')
    const now = options.now?.() ?? new Date()
    const records: RegistryRecord[] = []
    for (const kind of kinds) {
      const read = readers[kind]
      if (!read)
        throw new PolisError('ERR_BAD_REQUEST', { detail: `the ${query.registry} registry keeps no ${kind} records` })
      records.push(...(await read(store, person, now)))
    }
    return records
  }
}
