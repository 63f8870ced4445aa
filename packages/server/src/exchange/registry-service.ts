/**
 * A register as an exchange service: `GET /persons/{citizenId}/records?kind=…`, answered
 * by the register's keeper behind its security server. The keeper checks that the read
 * names the citizen it is for (`X-Road-UserId`) and why (`X-Road-Issue`), writes it to
 * the access log with the calling subsystem as the reader (the citizen's Data Tracker),
 * and only then hands the records over.
 */
import type { ExchangeRequest, ExchangeResponse, ProvidedService } from '@polis/exchange'
import { formatId } from '@polis/exchange'
import { errorCodes, isPolisError, PolisError, type QueryRegistry, type RegistryName } from '@polis/kernel'
import type { AccessLog } from '@polis/registries'
import type { Store } from '@polis/store'
import { recordsEndpoint, taxpayersEndpoint } from './exchange-members.ts'

/** The service's OpenAPI description: the one endpoint access rights are granted on. */
export function registryOpenApi(registry: RegistryName) {
  return {
    openapi: '3.1.0',
    info: { title: `The ${registry} register`, version: '1' },
    paths: {
      [recordsEndpoint.path]: {
        get: {
          operationId: 'readRecords',
          summary: 'A person’s records of the kinds asked, for the purpose given',
          parameters: [
            { name: 'citizenId', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } },
            {
              name: 'kind',
              in: 'query',
              description: 'The kinds of record; all the register keeps when none is given.',
              schema: { type: 'array', items: { type: 'string', maxLength: 64 } },
              style: 'form',
              explode: true,
            },
            { name: 'X-Road-UserId', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'X-Road-Issue', in: 'header', required: true, schema: { type: 'string', maxLength: 200 } },
          ],
          responses: {
            '200': { description: 'The records', content: { 'application/json': { schema: { type: 'object' } } } },
            '400': { description: 'No citizen or purpose named, or a kind the register does not keep' },
            '404': { description: 'No such citizen' },
          },
        },
      },
    },
  }
}

const json = (status: number, value: unknown): ExchangeResponse => ({
  status,
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify(value)),
})

/** The keeper's side of one register: `read` is the register itself, `log` its access log. */
export function registryService(options: {
  registry: RegistryName
  read: QueryRegistry
  log: AccessLog
  kindsOf: (registry: RegistryName) => string[]
  now: () => Date
}): ProvidedService {
  const { registry } = options
  return {
    openapi: registryOpenApi(registry),
    async backend(request: ExchangeRequest) {
      try {
        const match = /^\/persons\/([^/?]+)\/records(?:\?(.*))?$/.exec(request.path)
        if (!match || request.method !== 'GET') throw new PolisError('ERR_NOT_FOUND')
        const citizenId = decodeURIComponent(match[1] as string)
        const kinds = new URLSearchParams(match[2] ?? '').getAll('kind')
        // The read names whom it is for and why, or it is not answered.
        if (request.userId !== citizenId || !request.issue) throw new PolisError('ERR_EXCHANGE_NO_PURPOSE')
        const query = {
          registry,
          citizenId,
          purpose: request.issue,
          ...(kinds.length > 0 ? { kind: kinds } : {}),
        }
        const records = await options.read(query)
        await options.log.record({
          citizenId,
          registry,
          kinds: kinds.length > 0 ? kinds : options.kindsOf(registry),
          records: records.length,
          purpose: request.issue,
          reader: formatId(request.client),
          at: options.now(),
        })
        return json(200, { records })
      } catch (error) {
        return refusal(error)
      }
    },
  }
}

/**
 * The tax register's answer to whose a tax number is (`GET /taxpayers/{taxNumber}`): the
 * citizen's identifier and nothing more, the read logged against that citizen as any other.
 * `X-Road-UserId` names the tax number asked about.
 */
export function taxpayerService(options: { store: Store; log: AccessLog; now: () => Date }): ProvidedService {
  return {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Whose a tax number is', version: '1' },
      paths: {
        [taxpayersEndpoint.path]: {
          get: {
            operationId: 'findTaxpayer',
            parameters: [
              { name: 'taxNumber', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{10}$' } },
              { name: 'X-Road-UserId', in: 'header', required: true, schema: { type: 'string' } },
              { name: 'X-Road-Issue', in: 'header', required: true, schema: { type: 'string', maxLength: 200 } },
            ],
            responses: {
              '200': { description: '{ citizenId }' },
              '404': { description: 'No taxpayer has this number (ERR_UNKNOWN_TAXPAYER)' },
            },
          },
        },
      },
    },
    async backend(request: ExchangeRequest) {
      try {
        const match = /^\/taxpayers\/([0-9]{10})$/.exec(request.path)
        if (!match || request.method !== 'GET') throw new PolisError('ERR_NOT_FOUND')
        const taxNumber = match[1] as string
        if (request.userId !== taxNumber || !request.issue) throw new PolisError('ERR_EXCHANGE_NO_PURPOSE')
        const person = await options.store.db
          .selectFrom('persons')
          .select('id')
          .where('tax_number', '=', taxNumber)
          .executeTakeFirst()
        if (!person) throw new PolisError('ERR_UNKNOWN_TAXPAYER')
        await options.log.record({
          citizenId: person.id,
          registry: 'tax',
          kinds: ['taxpayer'],
          records: 1,
          purpose: request.issue,
          reader: formatId(request.client),
          at: options.now(),
        })
        return json(200, { citizenId: person.id })
      } catch (error) {
        return refusal(error)
      }
    },
  }
}

/** A refusal by code: the register's own pass through; anything else is not described. */
function refusal(error: unknown): ExchangeResponse {
  const code = isPolisError(error) && error.code in errorCodes ? error.code : 'ERR_INTERNAL'
  const status = isPolisError(error) ? error.status : 500
  return json(status, { code, ...(isPolisError(error) && error.detail ? { detail: error.detail } : {}) })
}
