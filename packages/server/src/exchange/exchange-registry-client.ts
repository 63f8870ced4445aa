/**
 * The platform's registry client over the exchange: each read is a call to the platform's
 * security server, `GET /r1/UA/GOV/<keeper>/<register>/records/persons/<id>/records`,
 * as the system that reads for the purpose (`X-Road-Client`), for the citizen
 * (`X-Road-UserId`) and the purpose (`X-Road-Issue`): over loopback HTTP when the server
 * runs in a worker, by a call when it runs in this process (the same door, without HTTP). A register that cannot be reached
 * is ERR_REGISTRY_UNAVAILABLE, naming which; the keeper's own refusals come back by code.
 */
import { Agent, request } from 'node:http'
import { type ConsumerAnswer, type ConsumerCall, xRoadHeaders } from '@polis/exchange'
import {
  type ErrorCode,
  errorCodes,
  isPolisError,
  PolisError,
  type QueryRegistry,
  type RegistryName,
  type RegistryRecord,
  registryNames,
} from '@polis/kernel'
import type { RegistryWrite, ServiceDefinition } from '@polis/services'
import { clientOfPurpose, recordsService, registryKeepers, taxpayersService } from './exchange-members.ts'

/** Refusals because the platform's server held no configuration in force: worth one more try once published. */
const outdatedRefusals = new WeakSet<object>()

/**
 * The faults that mean the register could not be reached (its server down or hanging, its
 * keeper not answering in time, its certificate refused, or no fresh configuration).
 */
const unreachable = new Set([
  'ERR_EXCHANGE_PROVIDER_UNREACHABLE',
  'ERR_EXCHANGE_SERVICE_TIMEOUT',
  'ERR_EXCHANGE_CERTIFICATE',
  'ERR_EXCHANGE_CONF_EXPIRED',
])

/** How the client reaches the platform's security server: its consumer door, over HTTP or in this process. */
export type SendToSecurityServer = (call: ConsumerCall) => Promise<ConsumerAnswer>

/** The consumer door over loopback HTTP, for a server in a worker of its own. */
export function overHttp(port: () => number): SendToSecurityServer & { close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const send: SendToSecurityServer = (call) =>
    new Promise<ConsumerAnswer>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: port(),
          path: call.url,
          method: call.method,
          agent,
          headers: {
            [xRoadHeaders.client]: call.client,
            ...(call.userId ? { [xRoadHeaders.userId]: call.userId } : {}),
            ...(call.issue ? { [xRoadHeaders.issue]: call.issue } : {}),
          },
        },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('end', () => {
            const headers: Record<string, string> = {}
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (typeof value === 'string') headers[name] = value
            }
            resolve({ status: incoming.statusCode ?? 502, headers, body: Buffer.concat(chunks) })
          })
          incoming.on('error', reject)
        },
      )
      outgoing.on('error', reject)
      outgoing.end()
    })
  return Object.assign(send, { close: () => agent.destroy() })
}

/** What the platform reads through the exchange: registers' records, and whose a tax number is. */
export interface ExchangeRegistryClient {
  queryRegistry: QueryRegistry
  /** A register's operation carried out by its keeper (or only checked), as the service that writes. */
  updateRegistry(update: RegistryWrite): Promise<void>
  checkRegistryUpdate(update: RegistryWrite): Promise<void>
  findCitizenByTaxNumber(taxNumber: string, purpose: string): Promise<string | undefined>
}

export function exchangeRegistryClient(options: {
  instance: string
  send: SendToSecurityServer
  serviceOf: (code: string) => ServiceDefinition | undefined
  /** Called when the platform's server holds no configuration in force; the call is then tried once more. */
  outdated?: () => Promise<void>
}): ExchangeRegistryClient {
  /** One call, tried once more after a new publication when the platform's server held none in force. */
  const once = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      if (!options.outdated || !outdatedRefusals.has(error as object)) throw error
      await options.outdated()
      return call()
    }
  }
  /** A call to a register's keeper: its answer's body when it answered, a PolisError otherwise. */
  const ask = async (
    registry: RegistryName,
    path: string,
    about: { userId: string; purpose: string; values?: Record<string, unknown> },
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const answer = await options
      .send({
        url: `/r1/${options.instance}/GOV/${registryKeepers[registry]}/${registry}/${path}`,
        method: about.values ? 'POST' : 'GET',
        client: clientOfPurpose(options.instance, about.purpose, options.serviceOf),
        userId: about.userId,
        issue: about.purpose,
        ...(about.values ? { contentType: 'application/json', body: Buffer.from(JSON.stringify(about.values)) } : {}),
      })
      .catch((cause: unknown) => {
        // The platform's own security server is down.
        throw new PolisError('ERR_REGISTRY_UNAVAILABLE', { detail: registry, cause })
      })
    let body: Record<string, unknown> & { code?: string; detail?: string; field?: string }
    try {
      body = JSON.parse(Buffer.from(answer.body).toString('utf8')) as typeof body
    } catch (cause) {
      throw new PolisError('ERR_REGISTRY_UNAVAILABLE', { detail: `${registry}: not JSON`, cause })
    }
    if (answer.headers[xRoadHeaders.error]) {
      // X-Road's fault: the exchange refused or could not carry the call.
      if (body.detail === 'ERR_EXCHANGE_CONF_EXPIRED') {
        const refusal = new PolisError('ERR_REGISTRY_UNAVAILABLE', { detail: registry })
        outdatedRefusals.add(refusal)
        throw refusal
      }
      if (body.detail && unreachable.has(body.detail)) {
        throw new PolisError('ERR_REGISTRY_UNAVAILABLE', { detail: registry })
      }
      const code = body.detail && body.detail in errorCodes ? (body.detail as ErrorCode) : 'ERR_INTERNAL'
      throw new PolisError(code, { detail: `the exchange, reading ${registry}` })
    }
    if (answer.status === 200) return { status: answer.status, body }
    const code = body.code && body.code in errorCodes ? (body.code as ErrorCode) : 'ERR_INTERNAL'
    throw new PolisError(code, {
      ...(body.detail ? { detail: body.detail } : {}),
      ...(typeof body.field === 'string' ? { field: body.field } : {}),
    })
  }
  /** A write, or only its check, by the keeper of the register. */
  const operate = async (update: RegistryWrite, checkOnly: boolean) => {
    if (
      !(registryNames as readonly string[]).includes(update.registry) ||
      !/^[a-z][a-z0-9-]{0,63}$/.test(update.operation)
    ) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: `${update.registry} offers no ${update.operation}` })
    }
    await ask(
      update.registry,
      `${recordsService}/persons/${encodeURIComponent(update.citizenId)}/operations/${update.operation}${checkOnly ? '/check' : ''}${update.key && !checkOnly ? `?key=${encodeURIComponent(update.key)}` : ''}`,
      { userId: update.citizenId, purpose: update.purpose, values: update.values },
    )
  }
  const read: QueryRegistry = async (input) => {
    if (!(registryNames as readonly string[]).includes(input.registry)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'malformed registry query' })
    }
    const kinds = input.kind === undefined ? [] : [input.kind].flat()
    const search = new URLSearchParams(kinds.map((kind) => ['kind', kind])).toString()
    const { body } = await ask(
      input.registry,
      `${recordsService}/persons/${encodeURIComponent(input.citizenId)}/records${search ? `?${search}` : ''}`,
      { userId: input.citizenId, purpose: input.purpose },
    )
    if (!Array.isArray(body.records)) throw new PolisError('ERR_REGISTRY_UNAVAILABLE', { detail: input.registry })
    return body.records as RegistryRecord[]
  }
  const findTaxpayer = async (taxNumber: string, purpose: string) => {
    // Not a tax number: nobody has it (and it is never sent).
    if (!/^[0-9]{10}$/.test(taxNumber)) return undefined
    try {
      const { body } = await ask('tax', `${taxpayersService}/taxpayers/${taxNumber}`, { userId: taxNumber, purpose })
      return typeof body.citizenId === 'string' ? body.citizenId : undefined
    } catch (error) {
      if (isPolisError(error, 'ERR_UNKNOWN_TAXPAYER')) return undefined
      throw error
    }
  }
  return {
    queryRegistry: (input) => once(() => read(input)),
    findCitizenByTaxNumber: (taxNumber, purpose) => once(() => findTaxpayer(taxNumber, purpose)),
    updateRegistry: (update) => once(() => operate(update, false)),
    checkRegistryUpdate: (update) => once(() => operate(update, true)),
  }
}
