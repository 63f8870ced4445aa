/**
 * A security server's consumer door (plain HTTP, for the member's own information systems
 * on its network): `/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/path` with `X-Road-Client`
 * naming one of the subsystems it serves. It finds the provider's server in the global
 * configuration and sends the messages of one moment there in a batch, signed once, over
 * mutual TLS (presenting its own certificate and accepting only the one the configuration
 * names) or handed over in the thread; it checks each answer is signed by the provider's
 * member and answers the request hash it sent. A circuit breaker per provider server.
 */
import { createHash, type KeyObject, randomUUID } from 'node:crypto'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { Agent, request as httpsRequest } from 'node:https'
import type { TLSSocket } from 'node:tls'
import { type ErrorCode, isPolisError, PolisError } from '@polis/kernel'
import { type BatchAnswer, type CheckedSignatures, type RequestBatch, signBatch, verifyInBatch } from './batches.ts'
import {
  batchBytes,
  batchPath,
  type FrameKind,
  failed,
  fault,
  faultAnswer,
  faultLine,
  frameKinds,
  frameOf,
  frameReader,
  framesProtocol,
  idleConnectionMs,
  keptAliveMs,
  largestBatch,
  largestBatchCount,
  memberKey,
  parseAnswerPayload,
  readBody,
  tlsRefused,
  wireMessageOf,
} from './door-wire.ts'
import type { GlobalConfiguration } from './global-configuration.ts'
import {
  type ClientId,
  formatId,
  type MemberId,
  memberOf,
  parseClientId,
  parseServiceId,
  subsystemOf,
} from './identifiers.ts'
import { localDoors, validityOf } from './local-doors.ts'
import { type ExchangeRequest, requestHash, responseDigest, xRoadHeaders } from './messages.ts'
import type { ConsumerAnswer, ConsumerCall, DoorContext } from './security-server.ts'

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
  checked: CheckedSignatures
}

/** A message waiting in an outbox, and how to hand its answer back. */
interface Outgoing {
  exchange: ExchangeRequest
  hash: string
  resolve(answer: ProviderAnswer): void
  reject(error: unknown): void
}

/** A batch sent on a link and not yet answered whole. */
interface InFlight {
  pending: Map<number, Outgoing>
  checked: CheckedSignatures
  /** The first answer came: the provider is reached. */
  answered(): void
  fail(error: unknown): void
  timer: NodeJS.Timeout
}

/** A connection upgraded to frames to one provider's server, and the batches in flight on it. */
interface Link {
  socket: Promise<TLSSocket>
  inFlight: Map<number, InFlight>
  /** The next batch's number on this connection. */
  next: number
  idle: NodeJS.Timeout | undefined
  /** How long the provider keeps the connection idle (ms), as its `Keep-Alive` said. */
  providerIdleMs: number
}

/** The consumer's door of a server: its HTTP server, `consume` for a system in the thread, and its open circuits. */
export function createConsumerDoor(context: DoorContext) {
  const { options, timeout, traffic, record } = context
  const ownerName = (owner: MemberId) => formatId(owner)
  const owner = ownerName(options.owner)
  const breaker = options.breaker ?? { failures: 3, openMs: 5_000 }
  /** Per provider server: failed calls in a row, and since when its circuit is open (monotonic ms, wall time). */
  const circuits = new Map<string, { failures: number; openedAt?: number; since?: string }>()
  /** The key a hosted client's messages are signed with: its member's. */
  const keyOf = (member: MemberId) => {
    const name = formatId(member)
    return name === owner ? options.signingKey : options.memberKeys?.[name]
  }
  // One kept-alive TLS session pool to each provider server: a handshake per connection, not per call.
  const agents = new Map<string, Agent>()
  /** This server's certificate's validity, which the TLS handshake checks and a local delivery checks as it would. */
  const ownValidity = validityOf(options.tls.certificatePem)
  /** Messages waiting to leave for a provider's server, by server and signing member. */
  const outboxes = new Map<string, Outgoing[]>()
  /** The connections upgraded to frames, by provider server (address and certificate). */
  const links = new Map<string, Link>()
  const agentTo = (server: GlobalConfiguration['securityServers'][number], configuration: GlobalConfiguration) => {
    const name = `${server.address} ${server.tlsCertificateSha256}`
    let agent = agents.get(name)
    if (!agent) {
      agent = new Agent({
        keepAlive: true,
        // An idle connection's end: with it set, Node also honours the provider's Keep-Alive less a second.
        timeout: idleConnectionMs,
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

  // The consumer's door: the member's own information systems, and the clients it hosts for other members.
  const consumer = createHttpServer((request, response) => {
    void serveConsumer(request, response).catch(() => failed(response))
  })

  async function serveConsumer(request: IncomingMessage, response: ServerResponse) {
    // X-Road's listClients: every member and subsystem of the instance, from the configuration held.
    const url = request.url ?? ''
    if (request.method === 'GET' && (url === '/listClients' || url.startsWith('/listClients?'))) {
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
    const call: ConsumerCall = {
      url,
      method: request.method ?? 'GET',
      client: typeof clientHeader === 'string' ? clientHeader : '',
      body,
    }
    const userId = headerOf(request, xRoadHeaders.userId)
    if (userId) call.userId = userId
    const issue = headerOf(request, xRoadHeaders.issue)
    if (issue) call.issue = issue
    const contentType = headerOf(request, 'content-type')
    if (contentType) call.contentType = contentType
    const answer = await consume(call)
    response.writeHead(answer.status, answer.headers)
    response.end(answer.body)
  }

  /**
   * What the consumer's door does with a call, without the HTTP around it: an information
   * system in the server's own process calls it directly. Faults are answers, as the door gives them.
   */
  async function consume(input: ConsumerCall): Promise<ConsumerAnswer> {
    let exchange: ExchangeRequest | undefined
    /** Another instance the call is for (a federated call), named in its faults. */
    let foreign: string | undefined
    try {
      const configuration = options.configuration.current()
      const match = /^\/r1\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\/([^/?]+)(\/[^?]*)?(\?.*)?$/.exec(input.url)
      if (!match)
        throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: '/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/path' })
      const service = parseServiceId(match.slice(1, 6).join('/'))
      if (service.instance !== configuration.instance) foreign = service.instance
      // A service of a federated instance is found in that instance's configuration, checked against its own anchor.
      const providing = context.configurationOf(service.instance)
      const client = parseClientId(input.client)
      // Only for the subsystems this server serves: its member's own, and those it hosts with their member's key.
      if (!servesClient(configuration, client)) {
        throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED', { detail: 'not a client of this security server' })
      }
      exchange = {
        id: randomUUID(),
        sentAt: options.now().toISOString(),
        client,
        service,
        method: input.method,
        path: `${match[6] ?? '/'}${match[7] ?? ''}`,
        ...(input.userId ? { userId: input.userId } : {}),
        ...(input.issue ? { issue: input.issue } : {}),
        ...(input.contentType ? { contentType: input.contentType } : {}),
        body: input.body ?? new Uint8Array(),
      }
      const answer = await call(providing, exchange)
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
        code === 'ERR_EXCHANGE_ACCESS_DENIED' || code === 'ERR_EXCHANGE_FEDERATED_ACCESS_DENIED'
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
      return faultAnswer(status, code, foreign ? { instance: foreign } : {})
    }
  }

  function servesClient(configuration: GlobalConfiguration, client: ClientId): boolean {
    if (!('subsystemCode' in client)) return false
    if (formatId(memberOf(client)) === owner) return true
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

  /**
   * The call to the provider's server, in a batch over mutual TLS, and the checks of its
   * answer; `configuration` is the provider's instance's (the own one or a federated one):
   * its server, its exchange CAs trusted for the connection, its member's key for the answer.
   */
  async function call(configuration: GlobalConfiguration, exchange: ExchangeRequest) {
    const subsystem = formatId(subsystemOf(exchange.service))
    const server = configuration.securityServers.find((s) => s.clients.includes(subsystem))
    if (!server) throw new PolisError('ERR_NOT_FOUND', { detail: 'no security server serves this subsystem' })
    // Another instance's server is named with its instance: the two may have servers of the same codes.
    const serverName = `${configuration.instance === options.owner.instance ? '' : `${configuration.instance}/`}${server.owner.memberClass}/${server.owner.memberCode}/${server.serverCode}`
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
    // The provider names the request it answered: the hash of the one sent (worked out above).
    if (answer.line.requestHash !== hash) throw new PolisError('ERR_EXCHANGE_REQUEST_HASH')
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
    let signature: string
    try {
      signature = await signBatch(
        batch.map((message) => message.hash),
        { key: route.key, signer: formatId(route.signer) },
      )
    } catch (error) {
      fail(error)
      return
    }
    traffic.consumer.batches++
    const checked = new Map() as CheckedSignatures
    const sent: RequestBatch = {
      signature,
      messages: batch.map(({ exchange }) => wireMessageOf(exchange)),
    }
    const local = options.localDelivery === false ? undefined : localDoors.get(route.server.tlsCertificateSha256)
    if (local) {
      await deliverLocally(local, sent, { pending, checked, fail, reached: () => reached(route.serverName, true) })
      return
    }
    const link = linkTo(route)
    const number = link.next++
    clearTimeout(link.idle)
    const flight: InFlight = {
      pending,
      checked,
      answered: () => {
        if (!answered) reached(route.serverName, true)
        answered = true
      },
      fail,
      // As patient as for any answer: what has not come in time fails as a provider that did not answer.
      timer: setTimeout(() => {
        settled(link, number)
        fail(new PolisError('ERR_EXCHANGE_PROVIDER_UNREACHABLE', { detail: 'the provider did not answer' }))
      }, timeout),
    }
    link.inFlight.set(number, flight)
    link.socket.then(
      (socket) => socket.write(frameOf(frameKinds.batch, number, [Buffer.from(JSON.stringify(sent))])),
      () => {}, // Failed with the link.
    )
  }

  /**
   * The link to a provider's server: one connection, upgraded to frames with `POST /batch`
   * (`Upgrade: polis-batches/1`) over mutual TLS, on which batches go out while others'
   * answers come back. A link that fails fails its batches, and the next batch opens another.
   */
  function linkTo(route: Route): Link {
    const name = `${route.server.address} ${route.server.tlsCertificateSha256}`
    const open = links.get(name)
    if (open) return open
    const link: Link = {
      socket: Promise.resolve(undefined as never),
      inFlight: new Map(),
      next: 0,
      idle: undefined,
      providerIdleMs: keptAliveMs,
    }
    links.set(name, link)
    const failAll = (error: unknown) => {
      if (links.get(name) === link) links.delete(name)
      clearTimeout(link.idle)
      for (const flight of link.inFlight.values()) {
        clearTimeout(flight.timer)
        flight.fail(error)
      }
      link.inFlight.clear()
    }
    link.socket = new Promise<TLSSocket>((resolve, reject) => {
      const refused = (error: PolisError) => {
        failAll(error)
        reject(error)
      }
      const upgrade = httpsRequest(new URL(batchPath, route.server.address), {
        method: 'POST',
        agent: agentTo(route.server, route.configuration),
        timeout,
        headers: { connection: 'Upgrade', upgrade: framesProtocol, 'content-length': '0' },
      })
      upgrade.on('upgrade', (response, socket: TLSSocket, head: Buffer) => {
        const said = /timeout=(\d+)/.exec(String(response.headers['keep-alive'] ?? ''))
        if (said) link.providerIdleMs = Number(said[1]) * 1000
        socket.setNoDelay(true)
        socket.setTimeout(0)
        const read = frameReader(largestBatch, (kind, number, payload) => takeFrame(link, kind, number, payload))
        const take = (chunk: Buffer) => {
          try {
            read(chunk)
          } catch (error) {
            socket.destroy(error as Error)
          }
        }
        socket.on('data', take)
        socket.on('error', (cause) =>
          failAll(isPolisError(cause) ? cause : new PolisError('ERR_EXCHANGE_PROVIDER_UNREACHABLE', { cause })),
        )
        socket.on('close', () =>
          failAll(new PolisError('ERR_EXCHANGE_PROVIDER_UNREACHABLE', { detail: 'the connection was closed' })),
        )
        resolve(socket)
        if (head.length > 0) take(head)
      })
      upgrade.on('response', (response) => {
        response.resume()
        refused(
          new PolisError('ERR_EXCHANGE_PROVIDER_UNREACHABLE', { detail: `upgrade answered ${response.statusCode}` }),
        )
      })
      upgrade.on('timeout', () => upgrade.destroy(new Error('the provider did not answer')))
      upgrade.on('error', (cause) =>
        refused(
          new PolisError(tlsRefused(cause) ? 'ERR_EXCHANGE_CERTIFICATE' : 'ERR_EXCHANGE_PROVIDER_UNREACHABLE', {
            cause,
          }),
        ),
      )
      upgrade.end()
    })
    link.socket.catch(() => {})
    return link
  }

  /** A batch answered whole, or given up on: its timer stopped, and the link let go once it is idle long enough. */
  function settled(link: Link, number: number) {
    const flight = link.inFlight.get(number)
    if (flight) clearTimeout(flight.timer)
    link.inFlight.delete(number)
    if (link.inFlight.size > 0) return
    // Never longer than a second short of the provider's keep-alive: no batch leaves on a connection it is closing.
    const idleMs = Math.max(0, Math.min(idleConnectionMs, link.providerIdleMs - 1_000))
    clearTimeout(link.idle)
    link.idle = setTimeout(() => {
      if (link.inFlight.size > 0) return
      for (const [name, held] of links) if (held === link) links.delete(name)
      link.socket.then(
        (socket) => socket.end(),
        () => {},
      )
    }, idleMs).unref()
  }

  /**
   * A frame from a provider's server: an answer to a message of a batch in flight, or the
   * refusal of a whole batch. An answer to no message sent, or no answer at all, ends the link.
   */
  function takeFrame(link: Link, kind: FrameKind, number: number, payload: Buffer) {
    const inconsistent = (detail: string) => new PolisError('ERR_EXCHANGE_REQUEST_HASH', { detail })
    const flight = link.inFlight.get(number)
    // A batch given up on (its time ran out) may still be answered: the answer is let go.
    if (!flight && number < link.next) return
    const answer = parseAnswerPayload(payload)
    if (!flight || !answer || kind === frameKinds.batch) throw inconsistent('an answer to no message sent')
    flight.answered()
    const { index: _index, ...line } = answer
    if (kind === frameKinds.refusal) {
      // The batch refused as a whole (a certificate not named, a signature that fails): each message gets the fault.
      for (const message of flight.pending.values()) message.resolve({ line, checked: flight.checked })
      flight.pending.clear()
    } else {
      const message = flight.pending.get(answer.index)
      if (!message) throw inconsistent('an answer to no message sent')
      flight.pending.delete(answer.index)
      message.resolve({ line, checked: flight.checked })
    }
    if (flight.pending.size === 0) settled(link, number)
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
      checked: CheckedSignatures
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
        message.resolve({
          line: { ...line, body: Buffer.from(line.body.buffer, line.body.byteOffset, line.body.byteLength) },
          checked,
        })
      })
      .finally(() => clearTimeout(timer))
    if (refusal) state.reached()
    if (refusal) {
      const line = faultLine(refusal.status, refusal.code)
      for (const message of pending.values()) message.resolve({ line, checked })
      pending.clear()
    }
    if (pending.size > 0) {
      state.fail(new PolisError('ERR_EXCHANGE_REQUEST_HASH', { detail: 'the provider left messages unanswered' }))
    }
  }

  return {
    server: consumer,
    consume,
    ownValidity,
    openCircuits: () =>
      [...circuits]
        .filter(([, circuit]) => circuit.openedAt !== undefined)
        .map(([server, circuit]) => ({ server, since: circuit.since as string })),
    destroyAgents() {
      for (const link of links.values())
        link.socket.then(
          (socket) => socket.destroy(),
          () => {},
        )
      links.clear()
      for (const agent of agents.values()) agent.destroy()
    },
  }
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

/** A header given once and not empty, or undefined. */
function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}
