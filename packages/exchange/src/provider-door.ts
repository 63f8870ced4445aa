/**
 * A security server's provider door (HTTPS, mutual TLS, for other security servers):
 * accepts only the certificate the configuration names for the calling subsystem's server,
 * checks the member's signature over each batch, refuses a replayed `X-Road-Id`, checks
 * the access rights, calls the service's backend, and signs each answer with the request
 * hash, the answers ready at one moment together. X-Road's metaservices too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { TLSSocket } from 'node:tls'
import { type ErrorCode, isPolisError, PolisError } from '@polis/kernel'
import { grantedEndpoints, isAllowed, rightsOpenTo } from './access-rights.ts'
import { createBatchSigner, type ProviderLine, verifyBatch } from './batches.ts'
import {
  answerLine,
  answerPayload,
  batchPath,
  failed,
  fault,
  faultLine,
  frameKinds,
  frameOf,
  frameReader,
  framesProtocol,
  keptAliveMs,
  largestBatch,
  memberKey,
  parseBatch,
  parseJson,
  peerHashOf,
  providerStatus,
  readBody,
  requestOfWire,
} from './door-wire.ts'
import type { GlobalConfiguration } from './global-configuration.ts'
import { type ClientId, formatId, type MemberId, memberOf, subsystemOf } from './identifiers.ts'
import { type ExchangeRequest, type ExchangeResponse, requestHash, responseDigest } from './messages.ts'
import type { DoorContext, ProvidedService } from './security-server.ts'

/** X-Road's REST metaservices, asked of a provider's subsystem as if they were its services. */
const metaservices = ['listMethods', 'allowedMethods', 'getOpenAPI'] as const
/**
 * How far a message's time may be from the provider's clock, either way: a message older
 * (or from further ahead, a consumer's clock being fast) is refused, so an id needs to be
 * remembered only until its message would be refused anyway.
 */
export const messageWindowMs = 2 * 60 * 1000
/**
 * How much longer than its window an id is held: a provider's clock set back by up to this
 * much (a correction after drifting ahead) still refuses a message replayed meanwhile.
 */
const clockSlackMs = 30_000

/** The provider's door of a server: its HTTPS server, and `take` for a batch handed over in the thread. */
export function createProviderDoor(context: DoorContext) {
  const { options, timeout, traffic, record } = context
  const ownerName = (owner: MemberId) => formatId(owner)
  const owner = ownerName(options.owner)
  /**
   * The ids taken, by client, each with the second from which it may be forgotten: the end of
   * its message's window (and the clock's slack), after which the message is refused for its
   * time anyway. By client, so that no client's ids stand in another's way. Held from the time
   * the message says, not the time it came, and in whole seconds, which V8 keeps unboxed:
   * about 90 bytes an id against 165 for a key of client and id with a time in ms, for half as
   * long. At 7,000 messages a second that is 100 MB held rather than 280.
   */
  const seen = new Map<string, Map<string, number>>()
  let remembered = 0
  const rightsNow = () => (typeof options.rights === 'function' ? options.rights() : (options.rights ?? []))
  /**
   * The rights that may cover a client: all of them for this instance's; for another
   * instance's, only those naming it exactly, as X-Road's federations grant them (a global
   * group is an instance's own, and nothing is open to a foreign client by default).
   */
  const rightsOf = (client: ClientId, configuration: GlobalConfiguration) =>
    rightsOpenTo(rightsNow(), client, configuration.instance)
  /** The provider's answers ready at one moment are signed together. */
  const answerSigner = createBatchSigner({ key: options.signingKey, signer: ownerName(options.owner) })

  /** The exchange CAs of the configurations held, own and federated: whose certificates the handshake accepts. */
  const trustedCas = () => [...new Set(context.trusted().flatMap((c) => c.exchangeCas))]
  let cas = trustedCas()
  // The provider's door: mutual TLS from other security servers, of this instance and of federated ones.
  const provider = createHttpsServer(
    {
      cert: options.tls.certificatePem,
      key: options.tls.keyPem,
      ca: cas,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    },
    (request, response) => {
      void serveProvider(request, response).catch(() => failed(response))
    },
  )
  // Two seconds at least: Node's agents let a connection go a second before it ends, and keep none said to last one.
  provider.keepAliveTimeout = Math.max(2_000, options.keepAliveMs ?? keptAliveMs)
  provider.on('upgrade', (request: IncomingMessage, socket: TLSSocket, head: Buffer) => {
    serveFrames(request, socket, head)
  })
  /** Connections from other security servers open now. */
  let connections = 0
  provider.on('secureConnection', (socket: TLSSocket) => {
    connections++
    socket.once('close', () => connections--)
  })

  /** The CAs accepted from the next handshake on, when the configurations held name others than before. */
  function refreshTrust() {
    let now: string[]
    try {
      now = trustedCas()
    } catch {
      return // the own configuration expired: no exchange until it is refreshed, whatever the CAs
    }
    if (now.length === cas.length && now.every((ca, i) => ca === cas[i])) return
    cas = now
    provider.setSecureContext({
      cert: options.tls.certificatePem,
      key: options.tls.keyPem,
      ca: cas,
      minVersion: 'TLSv1.3',
    })
  }

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
    // The lines of answers ready in one moment leave in one write, and the last ones with
    // the end of the answer (one write, not a second for the chunked body's end).
    let lines: string[] = []
    let ended = false
    const refusal = await takeBatch(batch, peerHashOf(request.socket as TLSSocket), (line, left) => {
      if (!response.headersSent) response.writeHead(200, { 'content-type': 'application/x-ndjson' })
      lines.push(answerLine(line))
      if (left === 0) {
        ended = true
        endWith(response, lines.join(''))
        lines = []
      } else if (lines.length === 1) {
        process.nextTick(() => {
          if (lines.length === 0) return
          response.write(lines.join(''))
          lines = []
        })
      }
    })
    if (refusal) {
      fault(response, refusal.status, refusal.code)
      return
    }
    if (!ended) response.end()
  }

  /**
   * A connection a consumer's server upgraded to frames (`framesProtocol`): each batch in a
   * frame is taken as `POST /batch` takes one, its answers go back in frames as they are
   * ready (those of one moment in one write), and a batch refused whole gets a refusal.
   * Idle for the server's keep-alive, no batch in hand, it is closed, as its 101 said.
   */
  function serveFrames(request: IncomingMessage, socket: TLSSocket, head: Buffer) {
    socket.on('error', () => {})
    if (request.method !== 'POST' || request.url !== batchPath || request.headers.upgrade !== framesProtocol) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const peerHash = peerHashOf(socket)
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${framesProtocol}\r\nConnection: Upgrade\r\n` +
        `Keep-Alive: timeout=${Math.floor(provider.keepAliveTimeout / 1000)}\r\n\r\n`,
    )
    socket.setNoDelay(true)
    let inHand = 0
    socket.setTimeout(provider.keepAliveTimeout, () => {
      if (inHand === 0) socket.end()
    })
    let waiting: Buffer[] = []
    const send = (frame: Buffer) => {
      if (waiting.length === 0) {
        process.nextTick(() => {
          // One write of them all (corked: one system call, no copy joining them).
          if (!socket.destroyed) {
            socket.cork()
            for (const frame of waiting) socket.write(frame)
            socket.uncork()
          }
          waiting = []
        })
      }
      waiting.push(frame)
    }
    const refuse = (batch: number, status: number, code: ErrorCode) => {
      send(frameOf(frameKinds.refusal, batch, answerPayload({ index: 0, ...faultLine(status, code) })))
    }
    const read = frameReader(largestBatch, (kind, batch, payload) => {
      if (kind !== frameKinds.batch) throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: 'a frame not a batch' })
      let body: unknown
      try {
        body = parseJson(payload)
      } catch (error) {
        const code: ErrorCode = isPolisError(error) ? error.code : 'ERR_INTERNAL'
        refuse(batch, providerStatus(code), code)
        return
      }
      inHand++
      takeBatch(body, peerHash, (line) => send(frameOf(frameKinds.answer, batch, answerPayload(line))))
        .then(
          (refusal) => {
            if (refusal) refuse(batch, refusal.status, refusal.code)
          },
          () => refuse(batch, 500, 'ERR_INTERNAL'),
        )
        .finally(() => {
          inHand--
        })
    })
    const take = (chunk: Buffer) => {
      try {
        read(chunk)
      } catch {
        socket.destroy()
      }
    }
    socket.on('data', take)
    if (head.length > 0) take(head)
  }

  /**
   * A batch from another security server, whichever way it came: checked as a whole (the
   * calling server the configuration names by `peerHash`, its clients, one member's
   * signature over all its messages), then each message on its own (a replayed id, the
   * access rights, the service's answer), each answer given to `answered` as soon as it is
   * ready, with how many are still to come, signed with the answers ready at the same
   * moment. Answers the refusal of a batch refused as a whole, before any answer.
   */
  async function takeBatch(
    body: unknown,
    peerHash: string,
    answered: (line: ProviderLine, left: number) => void,
  ): Promise<{ status: number; code: ErrorCode } | undefined> {
    const configuration = options.configuration.current()
    refreshTrust()
    let messages: ExchangeRequest[] = []
    let hashes: string[] = []
    traffic.provider.batches++
    try {
      // The calling server is named by the own configuration or by a federated one this server holds.
      let callerConfiguration: GlobalConfiguration | undefined
      let callerServer: GlobalConfiguration['securityServers'][number] | undefined
      for (const held of context.trusted()) {
        callerServer = held.securityServers.find((s) => s.tlsCertificateSha256 === peerHash)
        if (callerServer) {
          callerConfiguration = held
          break
        }
      }
      if (!callerServer || !callerConfiguration) {
        throw new PolisError('ERR_EXCHANGE_ACCESS_DENIED', { detail: 'not a security server' })
      }
      const batch = parseBatch(body)
      messages = batch.messages.map(requestOfWire)
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
      // The batch came whole: its signature is checked over all its messages at once.
      await verifyBatch(batch.signature, hashes, {
        signer: ownerName(signer),
        publicKey: memberKey(callerConfiguration, signer),
      })
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
    forgetOldIds()
    let left = messages.length
    // One timer a batch, not one a message; it goes with the last answer, not ten seconds after it.
    const patience = deadlineIn(timeout)
    await Promise.all(
      messages.map((message, index) =>
        answer(message, hashes[index] as string, configuration, patience.deadline).then((line) =>
          answered({ ...line, index }, --left),
        ),
      ),
    ).finally(patience.cancel)
    return undefined
  }

  /**
   * Drops the ids whose window has passed, each client's in the order they came (a Map keeps
   * it), up to the first still held: one that came later but may go sooner (a consumer's
   * clock behind another's) is held a little longer, never less.
   */
  function forgetOldIds() {
    const second = Math.floor(options.now().getTime() / 1000)
    for (const [client, ids] of seen) {
      for (const [id, forgetFrom] of ids) {
        if (second < forgetFrom) break
        ids.delete(id)
        remembered--
      }
      if (ids.size === 0) seen.delete(client)
    }
  }

  /** One message of a batch: its checks, its service's answer signed, or a fault; recorded either way. */
  async function answer(
    exchange: ExchangeRequest,
    hash: string,
    configuration: GlobalConfiguration,
    deadline: Promise<never>,
  ): Promise<Omit<ProviderLine, 'index'>> {
    try {
      // Within the window of its time, and once a message id: a replay within the window is refused.
      const now = options.now().getTime()
      const sentAt = sentAtOf(exchange.sentAt)
      if (!(Math.abs(now - sentAt) <= messageWindowMs)) {
        throw new PolisError('ERR_EXCHANGE_MESSAGE_TIME', { detail: 'outside the window of the provider’s clock' })
      }
      const client = formatId(exchange.client)
      const ids = seen.get(client) ?? new Map<string, number>()
      if (ids.size === 0) seen.set(client, ids)
      if (ids.has(exchange.id)) throw new PolisError('ERR_EXCHANGE_SIGNATURE', { detail: 'a message id used again' })
      ids.set(exchange.id, Math.ceil((sentAt + messageWindowMs + clockSlackMs) / 1000))
      remembered++
      const { service } = exchange
      if (formatId(memberOf(service)) !== owner) throw new PolisError('ERR_NOT_FOUND')
      const meta = (metaservices as readonly string[]).includes(service.serviceCode)
      const provided = options.services?.[`${service.subsystemCode}/${service.serviceCode}`]
      if (!meta && !provided) throw new PolisError('ERR_NOT_FOUND')
      const asked = { client: exchange.client, service, method: exchange.method, path: exchange.path }
      if (!meta && !isAllowed(rightsOf(exchange.client, configuration), asked, configuration)) {
        throw new PolisError(
          exchange.client.instance === configuration.instance
            ? 'ERR_EXCHANGE_ACCESS_DENIED'
            : 'ERR_EXCHANGE_FEDERATED_ACCESS_DENIED',
        )
      }
      // Within the server's patience, which the batch's messages share.
      const answered = await Promise.race([
        meta ? metaservice(exchange, configuration) : (provided as ProvidedService).backend(exchange),
        deadline,
      ])
      const signed = await answerSigner.sign(responseDigest(answered, hash))
      await record('provider', exchange, { hash, status: answered.status, fault: undefined })
      return {
        status: answered.status,
        ...(answered.contentType ? { contentType: answered.contentType } : {}),
        body: answered.body,
        requestHash: hash,
        signed,
      }
    } catch (error) {
      const code: ErrorCode = isPolisError(error) ? error.code : 'ERR_INTERNAL'
      const status = providerStatus(code)
      // A fault that could not be recorded either is still answered as the fault it is.
      await record('provider', exchange, { hash, status, fault: code }).catch(() => {})
      // A refusal of another instance's client names the instance refusing: the caller's side reads it there.
      return {
        ...faultLine(
          status,
          code,
          exchange.client.instance === configuration.instance ? {} : { instance: configuration.instance },
        ),
        requestHash: hash,
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
      grantedEndpoints(
        rightsOf(exchange.client, configuration),
        exchange.client,
        serviceIdOf(serviceCode),
        configuration,
      ).length > 0
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

  return {
    server: provider,
    take: takeBatch,
    refreshTrust,
    remembered: () => remembered,
    connections: () => connections,
  }
}

/**
 * Ends a batch's answer with its last lines: in one write when everything still to leave
 * fits in the connection's buffer; otherwise the end only once the lines have left. Node's
 * HTTP server pauses a connection whose buffer is over its limit when the next request
 * comes in, and over TLS the rest of that request, already read, then breaks its parser
 * (HPE_PAUSED) and the connection with the batch on it.
 */
export function endWith(
  response: Pick<ServerResponse, 'writableLength' | 'writableHighWaterMark' | 'write' | 'end'>,
  text: string,
) {
  // The chunked body's last chunk header and terminator besides the text: a few bytes.
  if (response.writableLength + Buffer.byteLength(text) + 64 < response.writableHighWaterMark) response.end(text)
  else
    response.write(text, (error) => {
      if (!error) response.end()
    })
}

/**
 * A promise that fails once `ms` have passed, as a service that did not answer, and how to
 * call it off; its failure is handled even when nothing waits on it any more.
 */
function deadlineIn(ms: number): { deadline: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PolisError('ERR_EXCHANGE_SERVICE_TIMEOUT')), ms).unref()
  })
  deadline.catch(() => {})
  return { deadline, cancel: () => clearTimeout(timer) }
}

/** A message's time in ms, or NaN when it is not an ISO 8601 time in UTC. */
function sentAtOf(sentAt: string): number {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(sentAt) ? Date.parse(sentAt) : Number.NaN
}
