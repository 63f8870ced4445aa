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
import type { AccessLog, RegistryUpdate } from '@polis/registries'
import type { Store } from '@polis/store'
import { storeTrouble } from '../ops/degraded-mode.ts'
import { operationCheckEndpoint, operationEndpoint, recordsEndpoint, taxpayersEndpoint } from './exchange-members.ts'

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
      [operationEndpoint.path]: {
        post: {
          operationId: 'writeRecords',
          summary: 'Carries out one of the register’s operations (e.g. change-address) with the values in the body',
          description:
            'With a `key` (the writer’s, e.g. an application and its output), a write retried after its answer was ' +
            'lost is carried out once and answered as written again; the same key with other values is refused (409).',
          parameters: [
            {
              name: 'key',
              in: 'query',
              required: false,
              schema: { type: 'string', pattern: '^[A-Za-z0-9._:/-]{1,200}$' },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            '200': { description: 'Written' },
            '400': { description: 'Values the operation refuses' },
            '409': { description: 'The key was used for another write (ERR_OPERATION_KEY_REUSED)' },
          },
        },
      },
      [operationCheckEndpoint.path]: {
        post: {
          operationId: 'checkWrite',
          summary: 'Checks an operation’s values without writing',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { '200': { description: 'Would be written' }, '400': { description: 'Values it refuses' } },
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

/**
 * The keeper's side of one register: `read` is the register itself, `log` its access log;
 * `write` and `check` its operations (a new address), which services' outputs call.
 */
export function registryService(options: {
  registry: RegistryName
  read: QueryRegistry
  write: (update: RegistryUpdate) => Promise<void>
  check: (update: RegistryUpdate) => Promise<void>
  log: AccessLog
  kindsOf: (registry: RegistryName) => string[]
  now: () => Date
}): ProvidedService {
  const { registry } = options
  /** The read, logged before its records are handed over. */
  const read = async (request: ExchangeRequest, citizenId: string, search: string) => {
    const kinds = new URLSearchParams(search).getAll('kind')
    const records = await options.read({
      registry,
      citizenId,
      purpose: request.issue as string,
      ...(kinds.length > 0 ? { kind: kinds } : {}),
    })
    await options.log.record({
      citizenId,
      registry,
      kinds: kinds.length > 0 ? kinds : options.kindsOf(registry),
      records: records.length,
      purpose: request.issue as string,
      reader: formatId(request.client),
      at: options.now(),
    })
    return json(200, { records })
  }
  /** A write or its check: the values as the body's JSON object. */
  const operate = async (
    request: ExchangeRequest,
    citizenId: string,
    operation: string,
    checkOnly: boolean,
    key: string | undefined,
  ) => {
    let values: unknown
    try {
      values = JSON.parse(Buffer.from(request.body).toString('utf8'))
    } catch {
      values = undefined
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'the values: a JSON object' })
    }
    const update = {
      registry,
      operation,
      citizenId,
      values: values as Record<string, unknown>,
      ...(key !== undefined && !checkOnly ? { key } : {}),
    }
    await (checkOnly ? options.check(update) : options.write(update))
    return json(200, { done: checkOnly ? 'checked' : 'written' })
  }
  return {
    openapi: registryOpenApi(registry),
    async backend(request: ExchangeRequest) {
      try {
        const reading = /^\/persons\/([^/?]+)\/records(?:\?(.*))?$/.exec(request.path)
        const writing = /^\/persons\/([^/?]+)\/operations\/([a-z][a-z0-9-]{0,63})(\/check)?(?:\?key=([^&]+))?$/.exec(
          request.path,
        )
        const citizenId = decodeURIComponent((reading ?? writing)?.[1] ?? '')
        // A call names whom it is for and why, or it is not answered.
        if ((reading || writing) && (request.userId !== citizenId || !request.issue)) {
          throw new PolisError('ERR_EXCHANGE_NO_PURPOSE')
        }
        if (reading && request.method === 'GET') return await read(request, citizenId, reading[2] ?? '')
        if (writing && request.method === 'POST') {
          const key = writing[4] === undefined ? undefined : decodeURIComponent(writing[4])
          return await operate(request, citizenId, writing[2] as string, writing[3] !== undefined, key)
        }
        throw new PolisError('ERR_NOT_FOUND')
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
  // The keeper's own database out of reach: to the caller, the register is.
  if (!isPolisError(error) && storeTrouble(error) === 'unreachable') {
    return json(503, { code: 'ERR_REGISTRY_UNAVAILABLE' })
  }
  const code = isPolisError(error) && error.code in errorCodes ? error.code : 'ERR_INTERNAL'
  const status = isPolisError(error) ? error.status : 500
  return json(status, {
    code,
    ...(isPolisError(error) && error.detail ? { detail: error.detail } : {}),
    // The question at fault (the father's tax number), so the service says it at its field.
    ...(isPolisError(error) && error.field ? { field: error.field } : {}),
  })
}
