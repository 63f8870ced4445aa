/**
 * The exchange benchmarks' backend: the population register of a small seeded country as
 * Polis serves it (records read from an embedded database, each read written to the
 * access log first), and the same register called directly over plain HTTP, the baseline
 * (who and why as plain headers; no signatures, no TLS).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ProvidedService, ServiceId } from '@polis/exchange'
import {
  createAccessLog,
  createLocalRegistryChecker,
  createLocalRegistryClient,
  createLocalRegistryWriter,
  listCitizens,
  recordKinds,
  seedRegistries,
} from '@polis/registries'
import type { Store } from '@polis/store'
import { registryService } from '../packages/server/src/exchange/registry-service.ts'

/** The register's one service, as the exchange names it. */
export const populationRecords: ServiceId = {
  instance: 'UA',
  memberClass: 'GOV',
  memberCode: '00015622',
  subsystemCode: 'population',
  serviceCode: 'records',
}

export interface PopulationRegister {
  /** The register as a provider's server calls it. */
  register: ProvidedService
  /** The register called directly, on a loopback port. */
  direct: Server
  directPort: number
  /** The seeded citizens' identifiers, to read in turn. */
  citizens: string[]
}

/** Seeds `store` with 200 citizens and serves their register both ways. */
export async function populationRegister(store: Store, now: () => Date): Promise<PopulationRegister> {
  await seedRegistries({ store, citizens: 200, seed: 'bench', replace: false })
  const register = registryService({
    registry: 'population',
    read: createLocalRegistryClient({ store, now }),
    write: createLocalRegistryWriter({ store, now }),
    check: createLocalRegistryChecker({ store, now }),
    log: createAccessLog(store),
    kindsOf: (registry) => recordKinds[registry],
    now,
  })
  const direct = createServer((request, response) => {
    const header = (name: string) => (typeof request.headers[name] === 'string' ? request.headers[name] : undefined)
    const userId = header('x-road-userid')
    const issue = header('x-road-issue')
    void register
      .backend({
        id: 'direct',
        sentAt: now().toISOString(),
        client: { instance: 'UA', memberClass: 'GOV', memberCode: '00032684', subsystemCode: 'benefits' },
        service: populationRecords,
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        ...(userId ? { userId } : {}),
        ...(issue ? { issue } : {}),
        body: new Uint8Array(),
      })
      .then((answer) => {
        response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' })
        response.end(answer.body)
      })
  })
  await new Promise<void>((resolve) => direct.listen(0, '127.0.0.1', resolve))
  return {
    register,
    direct,
    directPort: (direct.address() as AddressInfo).port,
    citizens: (await listCitizens({ store, limit: 200, offset: 0 })).map((c) => c.id),
  }
}
