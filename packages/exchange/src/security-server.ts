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
 * The doors are in consumer-door.ts and provider-door.ts.
 */
import type { KeyObject } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PolisError } from '@polis/kernel'
import type { AccessRight } from './access-rights.ts'
import { createConsumerDoor } from './consumer-door.ts'
import type { ServerTls } from './exchange-ca.ts'
import type { ConfigurationState, GlobalConfiguration, GlobalConfigurationClient } from './global-configuration.ts'
import { formatId, type MemberId } from './identifiers.ts'
import { localDoors } from './local-doors.ts'
import type { ExchangeRequest, ExchangeResponse } from './messages.ts'
import { createProviderDoor } from './provider-door.ts'

/** A service this member provides: its backend, called once a request has passed every check. */
export interface ProvidedService {
  backend(request: ExchangeRequest): Promise<ExchangeResponse>
  /** Its OpenAPI description: the endpoints rights are granted on, served by `getOpenAPI`. */
  openapi?: unknown
}

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
  /**
   * The configurations of the other instances this server federates with (X-Road's
   * federation), each checked against its own central registry's anchor and kept fresh
   * as the own one is; read at every call, as they may be added while it runs.
   */
  federated?: readonly GlobalConfigurationClient[] | (() => readonly GlobalConfigurationClient[])
  /** The services this member provides, by `SUBSYSTEM/SERVICE`. */
  services?: Record<string, ProvidedService>
  /** The access rights this server grants, or how to read them now (they may change while it runs). */
  rights?: readonly AccessRight[] | (() => readonly AccessRight[])
  record?: (record: ExchangeRecord) => void | Promise<void>
  now: () => Date
  /** How long a provider waits for its backend, and a consumer for the provider (ms). */
  timeout?: number
  /**
   * How long the provider's door keeps an idle connection from another security server
   * open (ms, 60 s unless said, two at least), as its `Keep-Alive` header tells the
   * calling server.
   */
  keepAliveMs?: number
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
  /** The federated instances' configurations held. */
  federated: Array<ConfigurationState & { instance: string }>
  certificateExpiresAt: string | undefined
  /** Provider servers whose circuit is open: calls to them fail at once, but for a probe now and then. */
  openCircuits: Array<{ server: string; since: string }>
  /** Message ids the provider's door holds to refuse replays: those taken within the last window of message time. */
  rememberedIds: number
  /** Connections from other security servers open at the provider's door now. */
  peerConnections: number
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
  /**
   * Makes the provider's door accept, from the next connection on, the exchange CAs of the
   * configurations now held (own and federated): after a federated instance is added.
   */
  refreshTrust(): void
  /** Lets the process end while the server listens (a server run beside other work, not as the process's purpose). */
  unref(): void
  close(): Promise<void>
}

/** What a server's two doors share: its options, its traffic, and how a message is recorded. */
export interface DoorContext {
  options: SecurityServerOptions
  /** How long a provider waits for its backend, and a consumer for the provider (ms). */
  timeout: number
  traffic: { consumer: DoorTraffic; provider: DoorTraffic }
  /**
   * The configuration of an instance: the own one, or a federated one while it holds an
   * unexpired copy (ERR_EXCHANGE_CONF_EXPIRED otherwise); ERR_EXCHANGE_NOT_FEDERATED for another.
   */
  configurationOf(instance: string): GlobalConfiguration
  /** The own configuration and every federated one held unexpired: whose servers may call. */
  trusted(): GlobalConfiguration[]
  record(
    side: ExchangeRecord['side'],
    exchange: ExchangeRequest,
    outcome: { hash: string; status: number; fault: string | undefined },
  ): Promise<void>
}

const newTraffic = (): DoorTraffic => ({ messages: 0, batches: 0, faults: 0, byCode: {}, lastFaultAt: undefined })

export function createSecurityServer(options: SecurityServerOptions): SecurityServer {
  const traffic = { consumer: newTraffic(), provider: newTraffic() }
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
  const federated = () => (typeof options.federated === 'function' ? options.federated() : (options.federated ?? []))
  const configurationOf = (instance: string) => {
    const own = options.configuration.current()
    if (instance === own.instance) return own
    const client = federated().find((c) => c.instance === instance)
    if (!client) throw new PolisError('ERR_EXCHANGE_NOT_FEDERATED', { detail: instance })
    return client.current()
  }
  const trusted = () => {
    const held = [options.configuration.current()]
    for (const client of federated()) {
      try {
        held.push(client.current())
      } catch {
        // An expired or never-checked federated configuration: its servers are not let in.
      }
    }
    return held
  }
  const context: DoorContext = {
    options,
    timeout: options.timeout ?? 10_000,
    traffic,
    record,
    configurationOf,
    trusted,
  }
  const provider = createProviderDoor(context)
  const consumer = createConsumerDoor(context)

  const listening = (server: Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port))
    })
  return {
    consume: consumer.consume,
    status: () => ({
      owner: formatId(options.owner),
      serverCode: options.serverCode,
      consumer: { ...traffic.consumer, byCode: { ...traffic.consumer.byCode } },
      provider: { ...traffic.provider, byCode: { ...traffic.provider.byCode } },
      configuration: options.configuration.state(),
      federated: federated().map((client) => ({ instance: client.instance, ...client.state() })),
      certificateExpiresAt: options.certificateExpiresAt,
      openCircuits: consumer.openCircuits(),
      rememberedIds: provider.remembered(),
      peerConnections: provider.connections(),
    }),
    refreshTrust: provider.refreshTrust,
    async listen(ports) {
      provider.refreshTrust()
      const taken = {
        consumer: await listening(consumer.server, ports.consumer, '127.0.0.1'),
        provider: await listening(provider.server, ports.provider, '127.0.0.1'),
      }
      localDoors.set(options.tls.sha256, { take: provider.take, validity: consumer.ownValidity })
      return taken
    },
    unref() {
      consumer.server.unref()
      provider.server.unref()
    },
    async close() {
      if (localDoors.get(options.tls.sha256)?.take === provider.take) localDoors.delete(options.tls.sha256)
      consumer.destroyAgents()
      await Promise.all(
        [consumer.server, provider.server].map(
          (server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
        ),
      )
    },
  }
}
