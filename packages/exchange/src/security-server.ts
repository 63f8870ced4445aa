/**
 * A security server, one per member, as X-Road's: two doors.
 * - **Consumer side** (plain HTTP, for the member's own information systems on its
 *   network): `/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/path` with `X-Road-Client`
 *   naming one of the member's subsystems. The server signs the request, finds the
 *   provider's server in the global configuration and calls it over mutual TLS,
 *   presenting its own certificate and accepting only the one the configuration names;
 *   it checks that the answer is signed by the provider's member and answers the request
 *   hash it sent.
 * - **Provider side** (HTTPS, mutual TLS, for other security servers): accepts only a
 *   certificate of the exchange CA that the configuration names as the server of the
 *   calling subsystem, checks the member's signature, refuses a replayed `X-Road-Id`,
 *   checks the access rights, calls the service's backend, and signs the answer with the
 *   request hash.
 * Every message either side handles is given to `record` (for the transparency log).
 */
import { createHash, type KeyObject, randomUUID } from 'node:crypto'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { Agent, createServer as createHttpsServer, request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { type ErrorCode, isPolisError, messageOf, PolisError } from '@polis/kernel'
import { type AccessRight, grantedEndpoints, isAllowed } from './access-rights.ts'
import type { ServerTls } from './exchange-ca.ts'
import type { ConfigurationState, GlobalConfiguration, GlobalConfigurationClient } from './global-configuration.ts'
import {
  type ClientId,
  formatId,
  type MemberId,
  memberOf,
  parseClientId,
  parseServiceId,
  subsystemOf,
} from './identifiers.ts'
import {
  checkRequestHash,
  type ExchangeRequest,
  type ExchangeResponse,
  faultTypes,
  requestHash,
  responseDigest,
  signDigest,
  verifyDigest,
  xRoadHeaders,
} from './messages.ts'

/** A service this member provides: its backend, called once a request has passed every check. */
export interface ProvidedService {
  backend(request: ExchangeRequest): Promise<ExchangeResponse>
  /** Its OpenAPI description: the endpoints rights are granted on, served by `getOpenAPI`. */
  openapi?: unknown
}

/** X-Road's REST metaservices, asked of a provider's subsystem as if they were its services. */
const metaservices = ['listMethods', 'allowedMethods', 'getOpenAPI'] as const

/** One message a server handled, for the log: never its content, only its hashes. */
export interface ExchangeRecord {
  side: 'consumer' | 'provider'
  id: string
  client: string
  service: string
  issue: string | undefined
  requestHash: string
  status: number
  fault: string | undefined
  at: string
}

export interface SecurityServerOptions {
  owner: MemberId
  serverCode: string
  tls: ServerTls
  /** The member's signing key (a `KeyObject` signs fastest); its public half is in the global configuration. */
  signingKey: CryptoKey | KeyObject
  /**
   * The signing keys of other members whose subsystems this server hosts as clients, by
   * `INSTANCE/CLASS/MEMBER` (X-Road lets one security server serve several members).
   */
  memberKeys?: Record<string, CryptoKey | KeyObject>
  configuration: GlobalConfigurationClient
  /** The services this member provides, by `SUBSYSTEM/SERVICE`. */
  services?: Record<string, ProvidedService>
  /** The access rights this server grants, or how to read them now (they may change while it runs). */
  rights?: readonly AccessRight[] | (() => readonly AccessRight[])
  record?: (record: ExchangeRecord) => void | Promise<void>
  now: () => Date
  /** How long a provider waits for its backend, and a consumer for the provider (ms). */
  timeout?: number
  /**
   * The consumer's circuit breaker, per provider server: after `failures` calls in a row
   * that could not reach it, calls fail at once for `openMs`, then one is let through.
   */
  breaker?: { failures: number; openMs: number }
  /** The end of this server's TLS certificate's validity, for its status. */
  certificateExpiresAt?: string
}

/** What a server tells its operator: traffic and faults per door, its configuration and certificate. */
export interface SecurityServerStatus {
  owner: string
  serverCode: string
  consumer: DoorTraffic
  provider: DoorTraffic
  configuration: ConfigurationState
  certificateExpiresAt: string | undefined
  /** Provider servers whose circuit is open: calls to them fail at once, but for a probe now and then. */
  openCircuits: Array<{ server: string; since: string }>
}

export interface DoorTraffic {
  messages: number
  faults: number
  /** Faults by code, e.g. `{ ERR_EXCHANGE_ACCESS_DENIED: 2 }`. */
  byCode: Record<string, number>
  lastFaultAt: string | undefined
}

/** A call at the consumer's door: `/r1/…` and the X-Road headers an information system sends. */
export interface ConsumerCall {
  url: string
  method: string
  /** `X-Road-Client`. */
  client: string
  userId?: string
  issue?: string
  contentType?: string
  body?: Uint8Array
}

/** The door's answer: the provider's, passed on, or a fault. */
export interface ConsumerAnswer {
  status: number
  headers: Record<string, string>
  body: Uint8Array
}

export interface SecurityServer {
  /** The consumer's door for an information system in this process: the same checks, no HTTP. */
  consume(call: ConsumerCall): Promise<ConsumerAnswer>
  /** Starts both doors on the given ports (0: any free one); answers the ports. */
  listen(ports: { consumer: number; provider: number }): Promise<{ consumer: number; provider: number }>
  status(): SecurityServerStatus
  /** Lets the process end while the server listens (a server run beside other work, not as the process's purpose). */
  unref(): void
  close(): Promise<void>
}

const ownerName = (owner: MemberId) => formatId(owner)
const replayWindowMs = 10 * 60 * 1000
const largestBody = 5 * 1024 * 1024

/** The SHA-256 of the certificate a TLS peer presented, worked out once a connection. */
const peerHashes = new WeakMap<TLSSocket, string>()
function peerHashOf(socket: TLSSocket): string {
  let hash = peerHashes.get(socket)
  if (hash === undefined) {
    const raw = socket.getPeerCertificate()?.raw
    hash = raw ? createHash('sha256').update(raw).digest('base64url') : ''
    peerHashes.set(socket, hash)
  }
  return hash
}

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > largestBody) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the body is too large' })
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** A fault as X-Road answers it: the `X-Road-Error` header's type and a JSON body naming the code. */
function faultAnswer(status: number, code: ErrorCode): ConsumerAnswer {
  const type = (faultTypes as Record<string, string>)[code] ?? 'Server.ServerProxy.InternalError'
  return {
    status,
    headers: { 'content-type': 'application/json', [xRoadHeaders.error]: type },
    body: Buffer.from(JSON.stringify({ type, message: messageOf(code), detail: code })),
  }
}

function fault(response: ServerResponse, status: number, code: ErrorCode) {
  const answer = faultAnswer(status, code)
  response.writeHead(answer.status, answer.headers)
  response.end(answer.body)
}

/** The member's key of the configuration, to check a signature by. */
function memberKey(configuration: GlobalConfiguration, member: MemberId) {
  const found = configuration.members.find(
    (m) => m.memberClass === member.memberClass && m.memberCode === member.memberCode,
  )
  const key = found?.signingKeys[0]
  if (!found || !key || configuration.instance !== member.instance) {
    throw new PolisError('ERR_EXCHANGE_SIGNATURE', { detail: 'no signing key for this member' })
  }
  return key
}

const newTraffic = (): DoorTraffic => ({ messages: 0, faults: 0, byCode: {}, lastFaultAt: undefined })

export function createSecurityServer(options: SecurityServerOptions): SecurityServer {
  const timeout = options.timeout ?? 10_000
  const breaker = options.breaker ?? { failures: 3, openMs: 5_000 }
  const seen = new Map<string, number>()
  const traffic = { consumer: newTraffic(), provider: newTraffic() }
  /** Per provider server: failed calls in a row, and since when its circuit is open (monotonic ms, wall time). */
  const circuits = new Map<string, { failures: number; openedAt?: number; since?: string }>()
  const rightsNow = () => (typeof options.rights === 'function' ? options.rights() : (options.rights ?? []))
  /** The key a hosted client's messages are signed with: its member's. */
  const keyOf = (member: MemberId) =>
    formatId(member) === ownerName(options.owner) ? options.signingKey : options.memberKeys?.[formatId(member)]
  // One kept-alive TLS session pool to each provider server: a handshake per connection, not per call.
  const agents = new Map<string, Agent>()
  const agentTo = (server: GlobalConfiguration['securityServers'][number], configuration: GlobalConfiguration) => {
    const name = `${server.address} ${server.tlsCertificateSha256}`
    let agent = agents.get(name)
    if (!agent) {
      agent = new Agent({
        keepAlive: true,
        maxSockets: 64,
        cert: options.tls.certificatePem,
        key: options.tls.keyPem,
        ca: configuration.exchangeCas,
        minVersion: 'TLSv1.3',
        // The provider's server is the one the configuration names: its certificate's hash, not only its CA.
        // Checked here, once a connection (given with each request, it cost every call some 40 ms).
        checkServerIdentity: (_host, certificate) =>
          createHash('sha256').update(certificate.raw).digest('base64url') === server.tlsCertificateSha256
            ? undefined
            : new Error('not the provider’s security server'),
      })
      agents.set(name, agent)
    }
    return agent
  }
  /** What either door tells `record` of a message: never its content. */
  const record = async (
    side: ExchangeRecord['side'],
    exchange: ExchangeRequest,
    outcome: { hash: string; status: number; fault: string | undefined },
  ) => {
    const door = traffic[side]
    door.messages++
    if (outcome.fault) {
      door.faults++
      door.byCode[outcome.fault] = (door.byCode[outcome.fault] ?? 0) + 1
      door.lastFaultAt = options.now().toISOString()
    }
    await options.record?.({
      side,
      id: exchange.id,
      client: formatId(exchange.client),
      service: formatId(exchange.service),
      issue: exchange.issue,
      requestHash: outcome.hash,
      status: outcome.status,
      fault: outcome.fault,
      at: options.now().toISOString(),
    })
  }

  // The provider's door: mutual TLS from other security servers.
  const provider = createHttpsServer(
    {
      cert: options.tls.certificatePem,
      key: options.tls.keyPem,
      ca: options.configuration.current().exchangeCas,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    },
    (request, response) => {
      void serveProvider(request, response).catch(() => fault(response, 500, 'ERR_INTERNAL'))
    },
  )

  async function serveProvider(request: IncomingMessage, response: ServerResponse) {
    const configuration = options.configuration.current()
    const header = (name: string) => {
      const value = request.headers[name]
      return typeof value === 'string' ? value : undefined
    }
    let exchange: ExchangeRequest | undefined
    try {
      const client = parseClientId(header(xRoadHeaders.client) ?? '')
      const service = parseServiceId(decodeURIComponent((request.url ?? '').split('/')[2] ?? ''))
      const id = header(xRoadHeaders.id) ?? ''
      if (!/^[A-Za-z0-9_-]{8,100}$/.test(id)) throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: 'X-Road-Id' })
      // The certificate presented is the one the configuration names for the calling subsystem's server.
      const peerHash = peerHashOf(request.socket as TLSSocket)
      const callerServer = configuration.securityServers.find((s) => s.tlsCertificateSha256 === peerHash)
      if (!callerServer?.clients.includes(formatId(client))) {
        throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED', { detail: 'not the server of this client' })
      }
      const path = `/${(request.url ?? '').split('/').slice(3).join('/')}`
      exchange = {
        id,
        client,
        service,
        method: request.method ?? 'GET',
        path,
        ...(header(xRoadHeaders.userId) ? { userId: header(xRoadHeaders.userId) as string } : {}),
        ...(header(xRoadHeaders.issue) ? { issue: header(xRoadHeaders.issue) as string } : {}),
        ...(header('content-type') ? { contentType: header('content-type') as string } : {}),
        body: await readBody(request),
      }
      const hash = requestHash(exchange)
      await verifyDigest(header(xRoadHeaders.signature) ?? '', hash, {
        signer: ownerName(memberOf(client)),
        publicKey: memberKey(configuration, memberOf(client)),
      })
      // Once a message id: a replay within the window is refused.
      const now = options.now().getTime()
      // Oldest first (a Map keeps the order ids came in): drop those past the window, stop at the first within it.
      for (const [seenId, at] of seen) {
        if (now - at <= replayWindowMs) break
        seen.delete(seenId)
      }
      const replayKey = `${formatId(client)} ${id}`
      if (seen.has(replayKey)) throw new PolisError('ERR_EXCHANGE_SIGNATURE', { detail: 'a message id used again' })
      seen.set(replayKey, now)
      if (formatId(memberOf(service)) !== ownerName(options.owner)) throw new PolisError('ERR_NOT_FOUND')
      const meta = (metaservices as readonly string[]).includes(service.serviceCode)
      const provided = options.services?.[`${service.subsystemCode}/${service.serviceCode}`]
      if (!meta && !provided) throw new PolisError('ERR_NOT_FOUND')
      if (!meta && !isAllowed(rightsNow(), { client, service, method: exchange.method, path }, configuration)) {
        throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED')
      }
      const answer = await Promise.race([
        meta ? metaservice(exchange, configuration) : (provided as ProvidedService).backend(exchange),
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new PolisError('ERR_BAD_REQUEST', { detail: 'the service did not answer' })),
            timeout,
          ).unref(),
        ),
      ])
      const signature = await signDigest(responseDigest(answer, hash), options.signingKey, ownerName(options.owner))
      response.writeHead(answer.status, {
        ...(answer.contentType ? { 'content-type': answer.contentType } : {}),
        [xRoadHeaders.id]: id,
        [xRoadHeaders.requestHash]: hash,
        [xRoadHeaders.signature]: signature,
      })
      response.end(answer.body)
      await record('provider', exchange, { hash, status: answer.status, fault: undefined })
    } catch (error) {
      const code: ErrorCode = isPolisError(error) ? error.code : 'ERR_INTERNAL'
      const status =
        code === 'ERR_EXCHANGE_ACCESS_DENIED'
          ? 403
          : code === 'ERR_NOT_FOUND'
            ? 404
            : code === 'ERR_INTERNAL'
              ? 500
              : 400
      fault(response, status, code)
      if (exchange) {
        await record('provider', exchange, { hash: requestHash(exchange), status, fault: code })
      }
    }
  }

  /**
   * X-Road's REST metaservices on one of this member's subsystems: `listMethods` (its
   * services), `allowedMethods` (those the caller has a right to), `getOpenAPI?serviceCode=`
   * (a service's description, to a caller with a right to some of it).
   */
  async function metaservice(exchange: ExchangeRequest, configuration: GlobalConfiguration): Promise<ExchangeResponse> {
    const { subsystemCode, serviceCode: asked } = exchange.service
    const serviceIdOf = (serviceCode: string) => ({ ...subsystemOf(exchange.service), serviceCode })
    const mayCall = (serviceCode: string) =>
      grantedEndpoints(rightsNow(), exchange.client, serviceIdOf(serviceCode), configuration).length > 0
    const codes = Object.keys(options.services ?? {})
      .filter((key) => key.startsWith(`${subsystemCode}/`))
      .map((key) => key.slice(subsystemCode.length + 1))
    const json = (status: number, value: unknown): ExchangeResponse => ({
      status,
      contentType: 'application/json',
      body: new TextEncoder().encode(JSON.stringify(value)),
    })
    const listed = (serviceCodes: string[]) => ({
      service: serviceCodes.map((serviceCode) => ({
        service_code: serviceCode,
        id: formatId(serviceIdOf(serviceCode)),
        service_type: 'OPENAPI',
      })),
    })
    if (asked === 'listMethods') return json(200, listed(codes))
    if (asked === 'allowedMethods') return json(200, listed(codes.filter(mayCall)))
    const serviceCode = new URLSearchParams(exchange.path.split('?')[1] ?? '').get('serviceCode') ?? ''
    const provided = codes.includes(serviceCode) ? options.services?.[`${subsystemCode}/${serviceCode}`] : undefined
    if (!provided?.openapi) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such service' })
    if (!mayCall(serviceCode)) throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED')
    return json(200, provided.openapi)
  }

  // The consumer's door: the member's own information systems, and the clients it hosts for other members.
  const consumer = createHttpServer((request, response) => {
    void serveConsumer(request, response).catch(() => fault(response, 500, 'ERR_INTERNAL'))
  })

  async function serveConsumer(request: IncomingMessage, response: ServerResponse) {
    // X-Road's listClients: every member and subsystem of the instance, from the configuration held.
    if (request.method === 'GET' && (request.url ?? '').split('?')[0] === '/listClients') {
      let answer: ConsumerAnswer
      try {
        answer = {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify(listClients(options.configuration.current()))),
        }
      } catch (error) {
        answer = faultAnswer(503, isPolisError(error) ? error.code : 'ERR_INTERNAL')
      }
      response.writeHead(answer.status, answer.headers)
      response.end(answer.body)
      return
    }
    const clientHeader = request.headers[xRoadHeaders.client]
    let body: Uint8Array
    try {
      body = await readBody(request)
    } catch (error) {
      fault(response, 400, isPolisError(error) ? error.code : 'ERR_BAD_REQUEST')
      return
    }
    const answer = await consume({
      url: request.url ?? '',
      method: request.method ?? 'GET',
      client: typeof clientHeader === 'string' ? clientHeader : '',
      ...optionalHeader(request, xRoadHeaders.userId, 'userId'),
      ...optionalHeader(request, xRoadHeaders.issue, 'issue'),
      ...optionalHeader(request, 'content-type', 'contentType'),
      body,
    })
    response.writeHead(answer.status, answer.headers)
    response.end(answer.body)
  }

  /**
   * What the consumer's door does with a call, without the HTTP around it: an information
   * system in the server's own process calls it directly. Faults are answers, as the door gives them.
   */
  async function consume(input: ConsumerCall): Promise<ConsumerAnswer> {
    let exchange: ExchangeRequest | undefined
    try {
      const configuration = options.configuration.current()
      const match = /^\/r1\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\/([^/?]+)(\/[^?]*)?(\?.*)?$/.exec(input.url)
      if (!match)
        throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: '/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/path' })
      const service = parseServiceId(match.slice(1, 6).join('/'))
      const client = parseClientId(input.client)
      // Only for the subsystems this server serves: its member's own, and those it hosts with their member's key.
      if (!servesClient(configuration, client)) {
        throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED', { detail: 'not a client of this security server' })
      }
      exchange = {
        id: randomUUID(),
        client,
        service,
        method: input.method,
        path: `${match[6] ?? '/'}${match[7] ?? ''}`,
        ...(input.userId ? { userId: input.userId } : {}),
        ...(input.issue ? { issue: input.issue } : {}),
        ...(input.contentType ? { contentType: input.contentType } : {}),
        body: input.body ?? new Uint8Array(),
      }
      const answer = await call(configuration, exchange)
      return {
        status: answer.status,
        headers: {
          ...(answer.contentType ? { 'content-type': answer.contentType } : {}),
          ...(answer.error ? { [xRoadHeaders.error]: answer.error } : {}),
          [xRoadHeaders.id]: exchange.id,
          [xRoadHeaders.requestHash]: answer.hash,
        },
        body: answer.body,
      }
    } catch (error) {
      const code: ErrorCode = isPolisError(error) ? error.code : 'ERR_INTERNAL'
      const status =
        code === 'ERR_EXCHANGE_ACCESS_DENIED'
          ? 403
          : code === 'ERR_EXCHANGE_CONF_EXPIRED'
            ? 503
            : code === 'ERR_EXCHANGE_REQUEST_HASH' ||
                code === 'ERR_EXCHANGE_SIGNATURE' ||
                code === 'ERR_EXCHANGE_PROVIDER_UNREACHABLE' ||
                code === 'ERR_EXCHANGE_CERTIFICATE'
              ? 502
              : code === 'ERR_INTERNAL'
                ? 500
                : 400
      return faultAnswer(status, code)
    }
  }

  function servesClient(configuration: GlobalConfiguration, client: ClientId): boolean {
    if (!('subsystemCode' in client)) return false
    if (formatId(memberOf(client)) === ownerName(options.owner)) return true
    const self = configuration.securityServers.find(
      (s) =>
        s.serverCode === options.serverCode &&
        s.owner.memberClass === options.owner.memberClass &&
        s.owner.memberCode === options.owner.memberCode,
    )
    return Boolean(self?.clients.includes(formatId(client)) && keyOf(memberOf(client)))
  }

  /**
   * A call the circuit lets through: none while the provider's circuit is open, one at a
   * time once it has been open `openMs` (the probe that closes it again or keeps it open).
   */
  function throughCircuit(server: string) {
    const circuit = circuits.get(server)
    if (circuit?.openedAt === undefined) return
    if (performance.now() - circuit.openedAt < breaker.openMs) {
      throw new PolisError('ERR_EXCHANGE_PROVIDER_UNREACHABLE', { detail: 'circuit open' })
    }
    // Half open: this call is the probe; others wait out another period.
    circuit.openedAt = performance.now()
  }
  function reached(server: string, ok: boolean) {
    if (ok) {
      circuits.delete(server)
      return
    }
    const circuit = circuits.get(server) ?? { failures: 0 }
    circuit.failures++
    if (circuit.failures >= breaker.failures) {
      circuit.openedAt = performance.now()
      circuit.since ??= options.now().toISOString()
    }
    circuits.set(server, circuit)
  }

  /** The call to the provider's server, over mutual TLS, and the checks of its answer. */
  async function call(configuration: GlobalConfiguration, exchange: ExchangeRequest) {
    const subsystem = formatId(subsystemOf(exchange.service))
    const server = configuration.securityServers.find((s) => s.clients.includes(subsystem))
    if (!server) throw new PolisError('ERR_NOT_FOUND', { detail: 'no security server serves this subsystem' })
    const serverName = `${server.owner.memberClass}/${server.owner.memberCode}/${server.serverCode}`
    const hash = requestHash(exchange)
    const clientMember = memberOf(exchange.client)
    const signingKey = keyOf(clientMember)
    if (!signingKey) throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED', { detail: 'no signing key for this client' })
    try {
      throughCircuit(serverName)
    } catch (error) {
      await record('consumer', exchange, { hash, status: 503, fault: 'ERR_EXCHANGE_PROVIDER_UNREACHABLE' })
      throw error
    }
    const signature = await signDigest(hash, signingKey, formatId(clientMember))
    const url = new URL(`/r1/${encodeURIComponent(formatId(exchange.service))}${exchange.path}`, server.address)
    const answer = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
      (resolve, reject) => {
        const outgoing = httpsRequest(
          url,
          {
            method: exchange.method,
            agent: agentTo(server, configuration),
            timeout,
            headers: {
              [xRoadHeaders.client]: formatId(exchange.client),
              // Its length said up front: no chunked body whose last chunk waits on a delayed ACK.
              'content-length': String(exchange.body.length),
              [xRoadHeaders.id]: exchange.id,
              [xRoadHeaders.signature]: signature,
              ...(exchange.userId ? { [xRoadHeaders.userId]: exchange.userId } : {}),
              ...(exchange.issue ? { [xRoadHeaders.issue]: exchange.issue } : {}),
              ...(exchange.contentType ? { 'content-type': exchange.contentType } : {}),
            },
          },
          (incoming) => {
            readBody(incoming).then(
              (body) =>
                resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: Buffer.from(body) }),
              reject,
            )
          },
        )
        outgoing.on('socket', (socket) => socket.setNoDelay(true))
        outgoing.on('timeout', () => outgoing.destroy(new Error('the provider did not answer')))
        outgoing.on('error', reject)
        if (exchange.body.length > 0) outgoing.end(exchange.body)
        else outgoing.end()
      },
    ).catch(async (cause: unknown) => {
      reached(serverName, false)
      const code = tlsRefused(cause) ? 'ERR_EXCHANGE_CERTIFICATE' : 'ERR_EXCHANGE_PROVIDER_UNREACHABLE'
      await record('consumer', exchange, { hash, status: 502, fault: code })
      throw new PolisError(code, { cause })
    })
    reached(serverName, true)
    const error = answer.headers[xRoadHeaders.error]
    const contentType = typeof answer.headers['content-type'] === 'string' ? answer.headers['content-type'] : undefined
    if (typeof error === 'string') {
      await record('consumer', exchange, { hash, status: answer.status, fault: error })
      return { status: answer.status, contentType, body: answer.body, error, hash }
    }
    const answeredHash = answer.headers[xRoadHeaders.requestHash]
    checkRequestHash(exchange, typeof answeredHash === 'string' ? answeredHash : undefined)
    const response: ExchangeResponse = {
      status: answer.status,
      ...(contentType ? { contentType } : {}),
      body: answer.body,
    }
    const providerMember = memberOf(exchange.service)
    const responseSignature = answer.headers[xRoadHeaders.signature]
    await verifyDigest(typeof responseSignature === 'string' ? responseSignature : '', responseDigest(response, hash), {
      signer: ownerName(providerMember),
      publicKey: memberKey(configuration, providerMember),
    })
    await record('consumer', exchange, { hash, status: answer.status, fault: undefined })
    return { status: answer.status, contentType, body: answer.body, error: undefined, hash }
  }

  const listening = (server: Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port))
    })
  return {
    consume,
    status: () => ({
      owner: ownerName(options.owner),
      serverCode: options.serverCode,
      consumer: { ...traffic.consumer, byCode: { ...traffic.consumer.byCode } },
      provider: { ...traffic.provider, byCode: { ...traffic.provider.byCode } },
      configuration: options.configuration.state(),
      certificateExpiresAt: options.certificateExpiresAt,
      openCircuits: [...circuits]
        .filter(([, circuit]) => circuit.openedAt !== undefined)
        .map(([server, circuit]) => ({ server, since: circuit.since as string })),
    }),
    async listen(ports) {
      return {
        consumer: await listening(consumer, ports.consumer, '127.0.0.1'),
        provider: await listening(provider, ports.provider, '127.0.0.1'),
      }
    },
    unref() {
      consumer.unref()
      provider.unref()
    },
    async close() {
      for (const agent of agents.values()) agent.destroy()
      await Promise.all(
        [consumer, provider].map(
          (server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
        ),
      )
    },
  }
}

/**
 * Whether a call failed at the TLS handshake over a certificate: the provider's expired
 * or not the one the configuration names, or ours refused by the provider (its alert).
 */
function tlsRefused(cause: unknown): boolean {
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown }
  return (
    (typeof code === 'string' &&
      (/^CERT_|CERTIFICATE|^ERR_SSL_/.test(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID')) ||
    (typeof message === 'string' && message === 'not the provider’s security server')
  )
}

/** The instance's members and their subsystems, as X-Road's listClients answers them. */
function listClients(configuration: GlobalConfiguration) {
  const id = (memberClass: string, memberCode: string, subsystemCode?: string) => ({
    object_type: subsystemCode ? 'SUBSYSTEM' : 'MEMBER',
    xroad_instance: configuration.instance,
    member_class: memberClass,
    member_code: memberCode,
    ...(subsystemCode ? { subsystem_code: subsystemCode } : {}),
  })
  return {
    member: configuration.members.flatMap((m) => [
      { id: id(m.memberClass, m.memberCode), name: m.name },
      ...m.subsystems.map((subsystem) => ({ id: id(m.memberClass, m.memberCode, subsystem), name: m.name })),
    ]),
  }
}

function optionalHeader<K extends string>(request: IncomingMessage, name: string, key: K): Partial<Record<K, string>> {
  const value = request.headers[name]
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Partial<Record<K, string>>) : {}
}
