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
import { createHash, type KeyObject, randomUUID, X509Certificate } from 'node:crypto'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { Agent, createServer as createHttpsServer, request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { type ErrorCode, isPolisError, messageOf, PolisError } from '@polis/kernel'
import { type AccessRight, grantedEndpoints, isAllowed } from './access-rights.ts'
import {
  BatchAnswer,
  type BatchSignature,
  createBatchSigner,
  RequestBatch,
  signTogether,
  verifyInBatch,
} from './batches.ts'
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
  /**
   * Whether a batch for a provider's server listening in this same thread is handed to it
   * directly (the default) rather than over mutual TLS on loopback, which protects nothing
   * between two servers that share memory. The checks and signatures are the same.
   */
  localDelivery?: boolean
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
  /** The batches the messages travelled in between the servers (fewer than the messages under load). */
  batches: number
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
/** Where a provider's server takes batches from other security servers. */
const batchPath = '/batch'
/** At most this many messages in a batch, and this many bytes of bodies but for a single larger one. */
const largestBatchCount = 256
const batchBytes = 1024 * 1024
/** A batch as sent: the bodies base64 and their envelope. */
const largestBatch = 8 * 1024 * 1024

/**
 * The provider doors of the security servers listening in this thread, by their TLS
 * certificate's hash: a batch for one of them is handed over directly, without TLS and
 * HTTP between two servers that share memory, and meets the same checks.
 */
const localDoors = new Map<
  string,
  {
    take(
      body: unknown,
      peerHash: string,
      answered: (line: BatchAnswer) => void,
    ): Promise<{ status: number; code: ErrorCode } | undefined>
    validity: { from: number; to: number }
  }
>()

/** When a certificate's validity starts and ends (ms). */
function validityOf(pem: string): { from: number; to: number } {
  const certificate = new X509Certificate(pem)
  return { from: Date.parse(certificate.validFrom), to: Date.parse(certificate.validTo) }
}

/** Where a consumer's server sends a message, and who signs it. */
interface Route {
  server: GlobalConfiguration['securityServers'][number]
  serverName: string
  configuration: GlobalConfiguration
  signer: MemberId
  key: CryptoKey | KeyObject
}

/** The provider's answer to one message, with the signatures of its stream already checked. */
interface ProviderAnswer {
  line: Omit<BatchAnswer, 'index' | 'body'> & { body: Buffer }
  checked: Map<string, string>
}

/** A message waiting in an outbox, and how to hand its answer back. */
interface Outgoing {
  exchange: ExchangeRequest
  hash: string
  resolve(answer: ProviderAnswer): void
  reject(error: unknown): void
}

/** The HTTP status a provider's fault is answered with. */
function providerStatus(code: ErrorCode): number {
  if (code === 'ERR_EXCHANGE_ACCESS_DENIED') return 403
  if (code === 'ERR_NOT_FOUND') return 404
  if (code === 'ERR_INTERNAL') return 500
  return 400
}

/** A body's JSON, or ERR_EXCHANGE_IDENTIFIER. */
function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'))
  } catch {
    throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: 'a batch is JSON' })
  }
}

/** A batch from another security server, or ERR_EXCHANGE_IDENTIFIER naming what is wrong with it. */
function parseBatch(json: unknown): RequestBatch {
  const parsed = RequestBatch.safeParse(json)
  if (!parsed.success) {
    throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: `batch: ${parsed.error.issues[0]?.path.join('.')}` })
  }
  return parsed.data
}

/** One line of a provider's answers, or undefined when it is not one. */
function parseAnswer(line: string): BatchAnswer | undefined {
  try {
    const parsed = BatchAnswer.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

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

async function readBody(request: IncomingMessage, largest = largestBody): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > largest) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the body is too large' })
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

/** An answer that failed where it should not have: a fault if nothing was sent yet, else the connection cut. */
function failed(response: ServerResponse) {
  if (response.headersSent) response.destroy()
  else fault(response, 500, 'ERR_INTERNAL')
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

const newTraffic = (): DoorTraffic => ({ messages: 0, batches: 0, faults: 0, byCode: {}, lastFaultAt: undefined })

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
  /** The provider's answers ready at one moment are signed together. */
  const answerSigner = createBatchSigner({ key: options.signingKey, signer: ownerName(options.owner) })
  /** This server's certificate's validity, which the TLS handshake checks and a local delivery checks as it would. */
  const ownValidity = validityOf(options.tls.certificatePem)
  /** Messages waiting to leave for a provider's server, by server and signing member. */
  const outboxes = new Map<string, Outgoing[]>()
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
      void serveProvider(request, response).catch(() => failed(response))
    },
  )

  /** A batch over mutual TLS: the certificate presented names the calling server; answers stream back as JSON lines. */
  async function serveProvider(request: IncomingMessage, response: ServerResponse) {
    let batch: unknown
    try {
      if (request.method !== 'POST' || request.url !== batchPath) {
        throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: `POST ${batchPath}` })
      }
      batch = parseJson(await readBody(request, largestBatch))
    } catch (error) {
      const code: ErrorCode = isPolisError(error) ? error.code : 'ERR_INTERNAL'
      fault(response, providerStatus(code), code)
      return
    }
    // The lines of answers ready in one moment leave in one write.
    let lines: string[] = []
    const refusal = await takeBatch(batch, peerHashOf(request.socket as TLSSocket), (line) => {
      if (!response.headersSent) response.writeHead(200, { 'content-type': 'application/x-ndjson' })
      if (lines.length === 0) {
        process.nextTick(() => {
          response.write(lines.join(''))
          lines = []
        })
      }
      lines.push(`${JSON.stringify(line)}\n`)
    })
    if (refusal) {
      fault(response, refusal.status, refusal.code)
      return
    }
    await new Promise<void>((resolve) => process.nextTick(resolve))
    response.end()
  }

  /**
   * A batch from another security server, whichever way it came: checked as a whole (the
   * calling server the configuration names by `peerHash`, its clients, one member's
   * signature over all its messages), then each message on its own (a replayed id, the
   * access rights, the service's answer), each answer given to `answered` as soon as it is
   * ready, signed with the answers ready at the same moment. Answers the refusal of a batch
   * refused as a whole, before any answer.
   */
  async function takeBatch(
    body: unknown,
    peerHash: string,
    answered: (line: BatchAnswer) => void,
  ): Promise<{ status: number; code: ErrorCode } | undefined> {
    const configuration = options.configuration.current()
    let messages: ExchangeRequest[] = []
    let hashes: string[] = []
    traffic.provider.batches++
    try {
      const callerServer = configuration.securityServers.find((s) => s.tlsCertificateSha256 === peerHash)
      if (!callerServer) throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED', { detail: 'not a security server' })
      const batch = parseBatch(body)
      messages = batch.messages.map((message) => ({
        id: message.id,
        client: parseClientId(message.client),
        service: parseServiceId(message.service),
        method: message.method,
        path: message.path,
        ...(message.userId ? { userId: message.userId } : {}),
        ...(message.issue ? { issue: message.issue } : {}),
        ...(message.contentType ? { contentType: message.contentType } : {}),
        body: Buffer.from(message.body, 'base64'),
      }))
      hashes = messages.map(requestHash)
      const signer = memberOf(messages[0]?.client as ClientId)
      for (const message of messages) {
        if (!/^[A-Za-z0-9_-]{8,100}$/.test(message.id)) {
          throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: 'X-Road-Id' })
        }
        // Sent by the server the configuration names for the calling subsystem, and all signed by one member.
        if (!callerServer.clients.includes(formatId(message.client))) {
          throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED', { detail: 'not the server of this client' })
        }
        if (formatId(memberOf(message.client)) !== formatId(signer)) {
          throw new PolisError('ERR_EXCHANGE_SIGNATURE', { detail: 'a batch is one member’s' })
        }
      }
      const checked = new Map<string, string>()
      const publicKey = memberKey(configuration, signer)
      for (const [index, message] of batch.messages.entries()) {
        await verifyInBatch(
          { signature: batch.signature, size: messages.length, index, proof: message.proof },
          hashes[index] as string,
          { signer: ownerName(signer), publicKey, checked },
        )
      }
    } catch (error) {
      const code: ErrorCode = isPolisError(error) ? error.code : 'ERR_INTERNAL'
      const status = providerStatus(code)
      for (const [index, message] of messages.entries()) {
        await record('provider', message, { hash: hashes[index] ?? requestHash(message), status, fault: code }).catch(
          () => {},
        )
      }
      return { status, code }
    }
    await Promise.all(
      messages.map((message, index) =>
        answer(message, hashes[index] as string, configuration).then((line) => answered({ ...line, index })),
      ),
    )
    return undefined
  }

  /** One message of a batch: its checks, its service's answer signed, or a fault; recorded either way. */
  async function answer(
    exchange: ExchangeRequest,
    hash: string,
    configuration: GlobalConfiguration,
  ): Promise<Omit<BatchAnswer, 'index'>> {
    try {
      // Once a message id: a replay within the window is refused.
      const now = options.now().getTime()
      // Oldest first (a Map keeps the order ids came in): drop those past the window, stop at the first within it.
      for (const [seenId, at] of seen) {
        if (now - at <= replayWindowMs) break
        seen.delete(seenId)
      }
      const replayKey = `${formatId(exchange.client)} ${exchange.id}`
      if (seen.has(replayKey)) throw new PolisError('ERR_EXCHANGE_SIGNATURE', { detail: 'a message id used again' })
      seen.set(replayKey, now)
      const { service } = exchange
      if (formatId(memberOf(service)) !== ownerName(options.owner)) throw new PolisError('ERR_NOT_FOUND')
      const meta = (metaservices as readonly string[]).includes(service.serviceCode)
      const provided = options.services?.[`${service.subsystemCode}/${service.serviceCode}`]
      if (!meta && !provided) throw new PolisError('ERR_NOT_FOUND')
      const asked = { client: exchange.client, service, method: exchange.method, path: exchange.path }
      if (!meta && !isAllowed(rightsNow(), asked, configuration)) {
        throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED')
      }
      const answered = await Promise.race([
        meta ? metaservice(exchange, configuration) : (provided as ProvidedService).backend(exchange),
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new PolisError('ERR_BAD_REQUEST', { detail: 'the service did not answer' })),
            timeout,
          ).unref(),
        ),
      ])
      const signed = await answerSigner.sign(responseDigest(answered, hash))
      await record('provider', exchange, { hash, status: answered.status, fault: undefined })
      return {
        status: answered.status,
        ...(answered.contentType ? { contentType: answered.contentType } : {}),
        body: Buffer.from(answered.body).toString('base64'),
        requestHash: hash,
        signed,
      }
    } catch (error) {
      const code: ErrorCode = isPolisError(error) ? error.code : 'ERR_INTERNAL'
      const status = providerStatus(code)
      // A fault that could not be recorded either is still answered as the fault it is.
      await record('provider', exchange, { hash, status, fault: code }).catch(() => {})
      const fault = faultAnswer(status, code)
      return {
        status,
        contentType: 'application/json',
        body: Buffer.from(fault.body).toString('base64'),
        requestHash: hash,
        error: fault.headers[xRoadHeaders.error] as string,
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
    void serveConsumer(request, response).catch(() => failed(response))
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

  /** The call to the provider's server, in a batch over mutual TLS, and the checks of its answer. */
  async function call(configuration: GlobalConfiguration, exchange: ExchangeRequest) {
    const subsystem = formatId(subsystemOf(exchange.service))
    const server = configuration.securityServers.find((s) => s.clients.includes(subsystem))
    if (!server) throw new PolisError('ERR_NOT_FOUND', { detail: 'no security server serves this subsystem' })
    const serverName = `${server.owner.memberClass}/${server.owner.memberCode}/${server.serverCode}`
    const hash = requestHash(exchange)
    const signer = memberOf(exchange.client)
    const key = keyOf(signer)
    if (!key) throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED', { detail: 'no signing key for this client' })
    try {
      throughCircuit(serverName)
    } catch (error) {
      await record('consumer', exchange, { hash, status: 503, fault: 'ERR_EXCHANGE_PROVIDER_UNREACHABLE' })
      throw error
    }
    let answer: ProviderAnswer
    try {
      answer = await new Promise<ProviderAnswer>((resolve, reject) =>
        post({ server, serverName, configuration, signer, key }, { exchange, hash, resolve, reject }),
      )
    } catch (error) {
      const code: ErrorCode = isPolisError(error) ? error.code : 'ERR_EXCHANGE_PROVIDER_UNREACHABLE'
      await record('consumer', exchange, { hash, status: 502, fault: code })
      throw isPolisError(error) ? error : new PolisError(code, { cause: error })
    }
    const { status, contentType, body } = answer.line
    if (answer.line.error !== undefined) {
      await record('consumer', exchange, { hash, status, fault: answer.line.error })
      return { status, contentType, body, error: answer.line.error, hash }
    }
    checkRequestHash(exchange, answer.line.requestHash)
    const providerMember = memberOf(exchange.service)
    if (!answer.line.signed) throw new PolisError('ERR_EXCHANGE_SIGNATURE', { detail: 'an answer not signed' })
    await verifyInBatch(
      answer.line.signed,
      responseDigest({ status, ...(contentType ? { contentType } : {}), body }, hash),
      {
        signer: ownerName(providerMember),
        publicKey: memberKey(configuration, providerMember),
        checked: answer.checked,
      },
    )
    await record('consumer', exchange, { hash, status, fault: undefined })
    return { status, contentType, body, error: undefined, hash }
  }

  /**
   * Puts a message in the outbox to its provider's server: the messages put there in one
   * turn of the event loop leave together, signed once, when the turn ends.
   */
  function post(route: Route, message: Outgoing) {
    const key = `${route.serverName} ${formatId(route.signer)}`
    const outbox = outboxes.get(key)
    if (outbox) {
      outbox.push(message)
      return
    }
    outboxes.set(key, [message])
    setImmediate(() => {
      const leaving = outboxes.get(key) ?? []
      outboxes.delete(key)
      let batch: Outgoing[] = []
      let bytes = 0
      for (const message of leaving) {
        if (
          batch.length > 0 &&
          (batch.length === largestBatchCount || bytes + message.exchange.body.length > batchBytes)
        ) {
          void sendBatch(route, batch)
          batch = []
          bytes = 0
        }
        batch.push(message)
        bytes += message.exchange.body.length
      }
      void sendBatch(route, batch)
    })
  }

  /** One batch to the provider's server, and its answers read line by line as they come. */
  async function sendBatch(route: Route, batch: Outgoing[]) {
    const pending = new Map(batch.map((message, index) => [index, message]))
    let answered = false
    const fail = (error: unknown) => {
      if (!answered) reached(route.serverName, false)
      for (const message of pending.values()) message.reject(error)
      pending.clear()
    }
    let signatures: BatchSignature[]
    try {
      signatures = await signTogether(
        batch.map((message) => message.hash),
        { key: route.key, signer: formatId(route.signer) },
      )
    } catch (error) {
      fail(error)
      return
    }
    traffic.consumer.batches++
    const checked = new Map<string, string>()
    const sent: RequestBatch = {
      signature: (signatures[0] as BatchSignature).signature,
      messages: batch.map(({ exchange }, index) => ({
        id: exchange.id,
        client: formatId(exchange.client),
        service: formatId(exchange.service),
        method: exchange.method,
        path: exchange.path,
        ...(exchange.userId ? { userId: exchange.userId } : {}),
        ...(exchange.issue ? { issue: exchange.issue } : {}),
        ...(exchange.contentType ? { contentType: exchange.contentType } : {}),
        body: Buffer.from(exchange.body).toString('base64'),
        proof: signatures[index]?.proof ?? [],
      })),
    }
    const local = options.localDelivery === false ? undefined : localDoors.get(route.server.tlsCertificateSha256)
    if (local) {
      await deliverLocally(local, sent, { pending, checked, fail, reached: () => reached(route.serverName, true) })
      return
    }
    const body = Buffer.from(JSON.stringify(sent))
    const inconsistent = (detail: string) => new PolisError('ERR_EXCHANGE_REQUEST_HASH', { detail })
    const outgoing = httpsRequest(
      new URL(batchPath, route.server.address),
      {
        method: 'POST',
        agent: agentTo(route.server, route.configuration),
        timeout,
        // Its length said up front: no chunked body whose last chunk waits on a delayed ACK.
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      },
      (incoming) => {
        const error = incoming.headers[xRoadHeaders.error]
        if (incoming.statusCode !== 200 || typeof error === 'string') {
          // The batch refused as a whole (a certificate not named, a signature that fails): each message gets the fault.
          answered = true
          reached(route.serverName, true)
          readBody(incoming, largestBatch).then((faultBody) => {
            const line = {
              status: incoming.statusCode ?? 502,
              contentType: 'application/json',
              body: Buffer.from(faultBody),
              error: typeof error === 'string' ? error : 'Server.ClientProxy.InconsistentResponse',
            }
            for (const message of pending.values()) message.resolve({ line, checked })
            pending.clear()
          }, fail)
          return
        }
        let rest = ''
        incoming.setEncoding('utf8')
        incoming.on('data', (chunk: string) => {
          rest += chunk
          if (rest.length > largestBatch) {
            incoming.destroy(inconsistent('an answer too large'))
            return
          }
          for (let newline = rest.indexOf('\n'); newline >= 0; newline = rest.indexOf('\n')) {
            const line = rest.slice(0, newline)
            rest = rest.slice(newline + 1)
            const parsed = parseAnswer(line)
            const message = parsed && pending.get(parsed.index)
            if (!parsed || !message) {
              incoming.destroy(inconsistent('an answer to no message sent'))
              return
            }
            if (!answered) reached(route.serverName, true)
            answered = true
            pending.delete(parsed.index)
            message.resolve({ line: { ...parsed, body: Buffer.from(parsed.body, 'base64') }, checked })
          }
        })
        incoming.on('end', () => fail(inconsistent('the provider left messages unanswered')))
        incoming.on('error', (cause) =>
          fail(isPolisError(cause) ? cause : new PolisError('ERR_EXCHANGE_PROVIDER_UNREACHABLE', { cause })),
        )
      },
    )
    outgoing.on('socket', (socket) => socket.setNoDelay(true))
    outgoing.on('timeout', () => outgoing.destroy(new Error('the provider did not answer')))
    outgoing.on('error', (cause) =>
      fail(
        new PolisError(tlsRefused(cause) ? 'ERR_EXCHANGE_CERTIFICATE' : 'ERR_EXCHANGE_PROVIDER_UNREACHABLE', { cause }),
      ),
    )
    outgoing.end(body)
  }

  /**
   * A batch handed to a provider's server in this thread: what the TLS handshake checks
   * (both certificates within their validity, by the machine's clock) checked as it would,
   * then the provider's own checks of the batch and each message, as over the network.
   */
  async function deliverLocally(
    door: NonNullable<ReturnType<typeof localDoors.get>>,
    batch: RequestBatch,
    state: {
      pending: Map<number, Outgoing>
      checked: Map<string, string>
      fail(error: unknown): void
      reached(): void
    },
  ) {
    const { pending, checked } = state
    const now = Date.now()
    const valid = (validity: { from: number; to: number }) => validity.from <= now && now <= validity.to
    if (!valid(ownValidity) || !valid(door.validity)) {
      state.fail(new PolisError('ERR_EXCHANGE_CERTIFICATE', { detail: 'a certificate outside its validity' }))
      return
    }
    // As patient as over the network: what has not answered in time fails as a provider that did not answer.
    const timer = setTimeout(
      () => state.fail(new PolisError('ERR_EXCHANGE_PROVIDER_UNREACHABLE', { detail: 'the provider did not answer' })),
      timeout,
    )
    const refusal = await door
      .take(batch, options.tls.sha256, (line) => {
        const message = pending.get(line.index)
        if (!message) return
        if (pending.size === batch.messages.length) state.reached()
        pending.delete(line.index)
        message.resolve({ line: { ...line, body: Buffer.from(line.body, 'base64') }, checked })
      })
      .finally(() => clearTimeout(timer))
    if (refusal) state.reached()
    if (refusal) {
      const fault = faultAnswer(refusal.status, refusal.code)
      const line = {
        status: fault.status,
        contentType: 'application/json',
        body: Buffer.from(fault.body),
        error: fault.headers[xRoadHeaders.error] as string,
      }
      for (const message of pending.values()) message.resolve({ line, checked })
      pending.clear()
    }
    if (pending.size > 0) {
      state.fail(new PolisError('ERR_EXCHANGE_REQUEST_HASH', { detail: 'the provider left messages unanswered' }))
    }
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
      const taken = {
        consumer: await listening(consumer, ports.consumer, '127.0.0.1'),
        provider: await listening(provider, ports.provider, '127.0.0.1'),
      }
      localDoors.set(options.tls.sha256, { take: takeBatch, validity: ownValidity })
      return taken
    },
    unref() {
      consumer.unref()
      provider.unref()
    },
    async close() {
      if (localDoors.get(options.tls.sha256)?.take === takeBatch) localDoors.delete(options.tls.sha256)
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
