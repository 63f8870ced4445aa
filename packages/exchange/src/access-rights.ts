/**
 * Access rights on a provider's security server, as X-Road grants them: to a client
 * (a member or a subsystem) or a global group, for one service, and within it one REST
 * endpoint (a method and an OpenAPI path template) or all of them. Nothing is open by
 * default: a call no right covers is refused.
 */
import type { GlobalConfiguration } from './global-configuration.ts'
import { type ClientId, formatId, type ServiceId } from './identifiers.ts'

/** A method and a path template of the service's OpenAPI description; `*` and `**` for all. */
export interface Endpoint {
  method: string
  path: string
}

export interface AccessRight {
  service: ServiceId
  endpoint: Endpoint
  /** A client, `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]`, or a global group's code. */
  to: { client: string } | { group: string }
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/**
 * Whether an OpenAPI path template covers a path: `{name}` stands for one segment that is
 * not empty, `**` (the whole template) for any path. Segments are compared as sent, never
 * decoded, so `%2F` cannot smuggle a separator past a template.
 */
export function pathMatches(template: string, path: string): boolean {
  if (template === '**') return true
  const want = template.split('/')
  const got = path.split('?')[0]?.split('/') ?? []
  if (want.length !== got.length) return false
  return want.every((segment, i) => {
    const sent = got[i] as string
    return /^\{[^/{}]+\}$/.test(segment) ? sent !== '' : segment === sent
  })
}

/** The endpoints an OpenAPI 3 description lists: each path with each method it has. */
export function endpointsOf(openapi: unknown): Endpoint[] {
  const paths = (openapi as { paths?: Record<string, Record<string, unknown>> } | null)?.paths ?? {}
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations ?? {})
      .map((method) => method.toUpperCase())
      .filter((method): method is (typeof methods)[number] => (methods as readonly string[]).includes(method))
      .map((method) => ({ method, path })),
  )
}

/** The global groups that list this very client (a group naming a member does not take in its subsystems). */
function groupsOf(client: ClientId, configuration: GlobalConfiguration): Set<string> {
  const name = formatId(client)
  return new Set(configuration.globalGroups.filter((g) => g.members.includes(name)).map((g) => g.code))
}

/**
 * Whether a right covers the call: this service, an endpoint whose method and template
 * cover the request, granted to this very client (a member's right does not extend to
 * its subsystems: X-Road grants subsystems one by one) or to a group that lists it.
 */
export function isAllowed(
  rights: readonly AccessRight[],
  call: { client: ClientId; service: ServiceId; method: string; path: string },
  configuration: GlobalConfiguration,
): boolean {
  const client = formatId(call.client)
  let groups: Set<string> | undefined
  return (byService(rights).get(formatId(call.service)) ?? []).some((right) => {
    const { method, path } = right.endpoint
    if (method !== '*' && method !== call.method.toUpperCase()) return false
    if (!pathMatches(path, call.path)) return false
    if ('client' in right.to) return right.to.client === client
    groups ??= groupsOf(call.client, configuration)
    return groups.has(right.to.group)
  })
}

/** Rights by the service they grant, worked out once a list of rights (every message asks). */
const indexes = new WeakMap<readonly AccessRight[], Map<string, AccessRight[]>>()
function byService(rights: readonly AccessRight[]): Map<string, AccessRight[]> {
  let index = indexes.get(rights)
  if (!index) {
    index = new Map()
    for (const right of rights) {
      const service = formatId(right.service)
      index.set(service, [...(index.get(service) ?? []), right])
    }
    indexes.set(rights, index)
  }
  return index
}

/**
 * The rights that may cover a client at a provider of `instance`: all of them for the
 * instance's own clients; for another instance's (a federated call), only those naming
 * that very client, as X-Road's federations grant foreign clients one by one: a global
 * group is its instance's own, and nothing is open to another instance by default.
 */
export function rightsOpenTo(
  rights: readonly AccessRight[],
  client: ClientId,
  instance: string,
): readonly AccessRight[] {
  if (client.instance === instance) return rights
  const name = formatId(client)
  return rights.filter((right) => 'client' in right.to && right.to.client === name)
}

/** The endpoints of one service that the rights grant to this client, itself or through a group. */
export function grantedEndpoints(
  rights: readonly AccessRight[],
  client: ClientId,
  service: ServiceId,
  configuration: GlobalConfiguration,
): Endpoint[] {
  const name = formatId(client)
  const wanted = formatId(service)
  const groups = groupsOf(client, configuration)
  return rights
    .filter(
      (right) =>
        formatId(right.service) === wanted &&
        ('client' in right.to ? right.to.client === name : groups.has(right.to.group)),
    )
    .map((right) => right.endpoint)
}
