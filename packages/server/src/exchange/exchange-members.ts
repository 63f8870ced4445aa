/**
 * Who is who in the demo country's exchange. Each register is a subsystem of the agency
 * that keeps it, behind that agency's security server; the platform's own security server
 * hosts the information systems that read them on agencies' behalf: each agency's
 * e-services (`services`) and document issuing (`documents`), and the platform's own
 * (`wallet`, `polis-id`, `office`, `signatures`), as X-Road lets one server host several
 * members' clients. Access rights follow from what each system needs: the registers its
 * services' definitions and its documents read, and the population register; nothing else
 * is open.
 */
import { documentTypes } from '@polis/documents'
import type { AccessRight, Endpoint, ServiceId } from '@polis/exchange'
import { type RegistryName, registryNames } from '@polis/kernel'
import type { ServiceDefinition } from '@polis/services'
import { agencyNames } from '../data-tracker/names.ts'

/** The agency that keeps each register. */
export const registryKeepers: Record<RegistryName, string> = {
  population: 'migration-service',
  migration: 'migration-service',
  'civil-status': 'justice-ministry',
  courts: 'justice-ministry',
  enforcement: 'justice-ministry',
  'driver-licences': 'service-centre',
  vehicles: 'service-centre',
  insurance: 'insurance-bureau',
  tax: 'tax-service',
  business: 'business-registry',
  education: 'education-ministry',
  health: 'health-ministry',
  social: 'social-ministry',
  pension: 'pension-fund',
  military: 'defence-ministry',
  'police-fines': 'national-police',
  police: 'national-police',
  municipality: 'municipality',
  property: 'property-registry',
  employment: 'employment-service',
}

/** The member that operates the platform and its security server. */
export const platformOperator = 'digital-ministry'
/** Every register's one service: a person's records, of the kinds asked. */
export const recordsService = 'records'
export const recordsEndpoint: Endpoint = { method: 'GET', path: '/persons/{citizenId}/records' }
/** A register's operations, which services' outputs call: a write, and its check without writing. */
export const operationEndpoint: Endpoint = { method: 'POST', path: '/persons/{citizenId}/operations/{operation}' }
export const operationCheckEndpoint: Endpoint = {
  method: 'POST',
  path: '/persons/{citizenId}/operations/{operation}/check',
}
/** The tax register's second service: whose a tax number is (a co-applicant, a document's other holder). */
export const taxpayersService = 'taxpayers'
export const taxpayersEndpoint: Endpoint = { method: 'GET', path: '/taxpayers/{taxNumber}' }

/** Whether a service names another citizen by tax number: a co-applicant to confirm, or a document's other holder. */
const namesOthers = (definition: ServiceDefinition) =>
  definition.confirmations.length > 0 ||
  definition.outputs.some((output) => output.type === 'document' && output.holder !== undefined)

/** The platform's own information systems, by the purposes they read for. */
const platformSystems: Record<string, string> = {
  'offer:documents': 'wallet',
  'wallet:enrolment': 'wallet',
  'polis-id:login': 'polis-id',
  'polis-id:officials': 'polis-id',
  'office:staff': 'office',
  'signatures:certificate': 'signatures',
}

/** A security server of the demo country: its code, owner and the registers behind it. */
export interface ServerPlan {
  code: string
  owner: string
  registries: RegistryName[]
}

/** The platform's server, then one server per agency that keeps registers. */
export function serverPlans(): ServerPlan[] {
  const byKeeper = new Map<string, RegistryName[]>()
  for (const registry of registryNames) {
    const keeper = registryKeepers[registry]
    byKeeper.set(keeper, [...(byKeeper.get(keeper) ?? []), registry])
  }
  return [
    { code: 'ss-platform', owner: platformOperator, registries: [] },
    ...[...byKeeper].map(([owner, registries]) => ({ code: `ss-${owner}`, owner, registries })),
  ]
}

/**
 * The client that reads for a purpose, `INSTANCE/GOV/AGENCY/SYSTEM`: a service's agency's
 * e-services, a document's issuer, or one of the platform's systems. A purpose Polis does
 * not know reads as the platform's own `platform` system: the read is carried and logged,
 * and the citizen's Data Tracker flags it (a purpose no one can name is what it is for).
 */
export function clientOfPurpose(
  instance: string,
  purpose: string,
  serviceOf: (code: string) => ServiceDefinition | undefined,
): string {
  const system = platformSystems[purpose]
  if (system) return `${instance}/GOV/${platformOperator}/${system}`
  const [kind, code = ''] = purpose.split(/:(.*)/s)
  if (kind === 'service') {
    const service = serviceOf(code)
    if (service) return `${instance}/GOV/${service.agency}/services`
  }
  if (kind === 'issue') {
    const type = documentTypes.find((t) => t.code === code)
    if (type) return `${instance}/GOV/${type.issuer}/documents`
  }
  return `${instance}/GOV/${platformOperator}/platform`
}

/** The members: every agency, with the subsystems it has in the exchange. */
export function membersOf(instance: string, definitions: readonly ServiceDefinition[]) {
  const subsystems = new Map<string, Set<string>>()
  const add = (agency: string, subsystem: string) =>
    subsystems.set(agency, (subsystems.get(agency) ?? new Set()).add(subsystem))
  for (const registry of registryNames) add(registryKeepers[registry], registry)
  for (const definition of definitions) add(definition.agency, 'services')
  for (const type of documentTypes) add(type.issuer, 'documents')
  for (const system of [...new Set(Object.values(platformSystems)), 'platform']) add(platformOperator, system)
  return [...subsystems].map(([code, names]) => ({
    code,
    name: agencyNames[code]?.en ?? code,
    subsystems: [...names].sort(),
    clientIds: [...names].map((name) => `${instance}/GOV/${code}/${name}`),
  }))
}

/** The registers each client needs, from the services' definitions and the document types. */
export function registersNeeded(
  instance: string,
  definitions: readonly ServiceDefinition[],
): Map<string, Set<RegistryName>> {
  const needs = new Map<string, Set<RegistryName>>()
  const need = (client: string, registry: RegistryName) =>
    needs.set(client, (needs.get(client) ?? new Set<RegistryName>(['population'])).add(registry))
  const platform = (system: string) => `${instance}/GOV/${platformOperator}/${system}`
  for (const definition of definitions) {
    const client = `${instance}/GOV/${definition.agency}/services`
    need(client, 'population')
    for (const data of definition.data) need(client, data.registry)
    // The documents it makes ready: their registers, read once the decision has written them.
    for (const output of definition.outputs) {
      if (output.type !== 'document') continue
      const type = documentTypes.find((t) => t.code === output.documentType)
      if (type) need(client, type.source.registry)
    }
  }
  for (const type of documentTypes) {
    need(`${instance}/GOV/${type.issuer}/documents`, type.source.registry)
    // The wallet asks which documents a citizen can receive: every document's register.
    need(platform('wallet'), type.source.registry)
  }
  for (const system of ['polis-id', 'office', 'signatures']) need(platform(system), 'population')
  // The operator's own system reads any register, and each of its reads says why or is flagged.
  for (const registry of registryNames) need(platform('platform'), registry)
  return needs
}

/** The rights a register's keeper grants: its records service to each client that needs it, and whose a tax number is. */
export function rightsFor(
  instance: string,
  registries: readonly RegistryName[],
  definitions: readonly ServiceDefinition[],
): AccessRight[] {
  const rights: AccessRight[] = []
  const service = (registry: RegistryName, serviceCode: string): ServiceId => ({
    instance,
    memberClass: 'GOV',
    memberCode: registryKeepers[registry],
    subsystemCode: registry,
    serviceCode,
  })
  for (const [client, needed] of registersNeeded(instance, definitions)) {
    for (const registry of registries) {
      if (needed.has(registry))
        rights.push({ service: service(registry, recordsService), endpoint: recordsEndpoint, to: { client } })
    }
  }
  // The writes: a service's system may carry out, and check, the operations of the registers its outputs write.
  const writers = new Map<string, Set<RegistryName>>()
  for (const definition of definitions) {
    for (const output of definition.outputs) {
      if (output.type !== 'registry-update') continue
      const client = `${instance}/GOV/${definition.agency}/services`
      writers.set(client, (writers.get(client) ?? new Set()).add(output.registry))
    }
  }
  for (const [client, written] of writers) {
    for (const registry of registries) {
      if (!written.has(registry)) continue
      for (const endpoint of [operationEndpoint, operationCheckEndpoint]) {
        rights.push({ service: service(registry, recordsService), endpoint, to: { client } })
      }
    }
  }
  if (registries.includes('tax')) {
    const naming = new Set(definitions.filter(namesOthers).map((d) => `${instance}/GOV/${d.agency}/services`))
    for (const client of naming) {
      rights.push({ service: service('tax', taxpayersService), endpoint: taxpayersEndpoint, to: { client } })
    }
  }
  return rights
}
