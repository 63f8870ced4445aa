/**
 * The platform's registry client over the exchange: each read is a call to the platform's
 * security server, `GET /r1/UA/GOV/<keeper>/<register>/records/persons/<id>/records`,
 * as the system that reads for the purpose (`X-Road-Client`), for the citizen
 * (`X-Road-UserId`) and the purpose (`X-Road-Issue`). A register that cannot be reached
 * is ERR_REGISTRY_UNAVAILABLE, naming which; the keeper's own refusals come back by code.
 */
import { Agent, request } from 'node:http'
import { xRoadHeaders } from '@polis/exchange'
import {
  type ErrorCode,
  errorCodes,
  PolisError,
  type QueryRegistry,
  type RegistryRecord,
  registryNames,
} from '@polis/kernel'
import type { ServiceDefinition } from '@polis/services'
import { clientOfPurpose, recordsService, registryKeepers } from './exchange-members.ts'

/** Refusals because the platform's server held no configuration in force: worth one more try once published. */
const outdatedRefusals = new WeakSet<object>()

/** The faults that mean the register could not be reached (its server down, hanging, or no fresh configuration). */
const unreachable = new Set(['ERR_EXCHANGE_PROVIDER_UNREACHABLE', 'ERR_EXCHANGE_CONF_EXPIRED'])

export function exchangeRegistryClient(options: {
  instance: string
  /** The consumer door of the platform's security server. */
  port: () => number
  serviceOf: (code: string) => ServiceDefinition | undefined
  /** Called when the platform's server holds no configuration in force; the read is then tried once more. */
  outdated?: () => Promise<void>
}): QueryRegistry & { close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const query: QueryRegistry = async (input) => {
    try {
      return await read(input)
    } catch (error) {
      if (!options.outdated || !outdatedRefusals.has(error as object)) throw error
      await options.outdated()
      return read(input)
    }
  }
  const read: QueryRegistry = async (input) => {
    if (!(registryNames as readonly string[]).includes(input.registry)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'malformed registry query' })
    }
    const keeper = registryKeepers[input.registry]
    const kinds = input.kind === undefined ? [] : [input.kind].flat()
    const search = new URLSearchParams(kinds.map((kind) => ['kind', kind])).toString()
    const path =
      `/r1/${options.instance}/GOV/${keeper}/${input.registry}/${recordsService}` +
      `/persons/${encodeURIComponent(input.citizenId)}/records${search ? `?${search}` : ''}`
    const answer = await new Promise<{ status: number; fault: string | undefined; body: string }>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: options.port(),
          path,
          agent,
          headers: {
            [xRoadHeaders.client]: clientOfPurpose(options.instance, input.purpose, options.serviceOf),
            [xRoadHeaders.userId]: input.citizenId,
            [xRoadHeaders.issue]: input.purpose,
          },
        },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('end', () => {
            const fault = incoming.headers[xRoadHeaders.error]
            resolve({
              status: incoming.statusCode ?? 502,
              fault: typeof fault === 'string' ? fault : undefined,
              body: Buffer.concat(chunks).toString('utf8'),
            })
          })
          incoming.on('error', reject)
        },
      )
      outgoing.on('error', reject)
      outgoing.end()
    }).catch((cause: unknown) => {
      // The platform's own security server is down.
      throw new PolisError('ERR_REGISTRY_UNAVAILABLE', { detail: input.registry, cause })
    })
    let body: { records?: RegistryRecord[]; code?: string; detail?: string }
    try {
      body = JSON.parse(answer.body) as typeof body
    } catch (cause) {
      throw new PolisError('ERR_REGISTRY_UNAVAILABLE', { detail: `${input.registry}: not JSON`, cause })
    }
    if (answer.fault) {
      // X-Road's fault: the exchange refused or could not carry the call.
      if (body.detail === 'ERR_EXCHANGE_CONF_EXPIRED') {
        const refusal = new PolisError('ERR_REGISTRY_UNAVAILABLE', { detail: input.registry })
        outdatedRefusals.add(refusal)
        throw refusal
      }
      if (body.detail && unreachable.has(body.detail)) {
        throw new PolisError('ERR_REGISTRY_UNAVAILABLE', { detail: input.registry })
      }
      const code = body.detail && body.detail in errorCodes ? (body.detail as ErrorCode) : 'ERR_INTERNAL'
      throw new PolisError(code, { detail: `the exchange, reading ${input.registry}` })
    }
    if (answer.status === 200 && Array.isArray(body.records)) return body.records
    const code = body.code && body.code in errorCodes ? (body.code as ErrorCode) : 'ERR_INTERNAL'
    throw new PolisError(code, body.detail ? { detail: body.detail } : {})
  }
  return Object.assign(query, { close: () => agent.destroy() })
}
