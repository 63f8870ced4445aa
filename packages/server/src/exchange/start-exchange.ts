/**
 * Starts the demo country's exchange: the platform's security server and one per agency
 * that keeps registers, each on its own loopback ports, after the central registry has
 * published a configuration naming them. In `workers` mode (the server) each runs in a
 * worker thread of its own with its own database connection; `in-process` (commands and
 * tests) runs the same servers in this thread. The platform then reads every register
 * through its security server.
 */
import { randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import type { SecurityServerStatus } from '@polis/exchange'
import type { Clock, Config, QueryRegistry } from '@polis/kernel'
import { createAccessLog } from '@polis/registries'
import type { LiveCatalogue, RegistryWrite } from '@polis/services'
import type { DatabaseKeyStore, Store } from '@polis/store'
import { buildSecurityServer, exchangeRecorder } from './build-security-server.ts'
import { refreshExchangeFederations } from './exchange-federations.ts'
import { configurationValidityMs, prepareExchangeMaterial, publishConfiguration } from './exchange-material.ts'
import { membersOf, platformOperator, serverPlans } from './exchange-members.ts'
import { exchangeRegistryClient, overHttp, type SendToSecurityServer } from './exchange-registry-client.ts'

export type ExchangeMode = 'workers' | 'in-process'

export interface Exchange {
  queryRegistry: QueryRegistry
  /** Whose a tax number is, as the tax register answers through the exchange. */
  findCitizenByTaxNumber(taxNumber: string, purpose: string): Promise<string | undefined>
  /** A register's operation carried out by its keeper, or only checked. */
  updateRegistry(update: RegistryWrite): Promise<void>
  checkRegistryUpdate(update: RegistryWrite): Promise<void>
  /** Each running server's status; a stopped one is missing. */
  status(): Promise<SecurityServerStatus[]>
  /** The codes of the servers, `ss-platform` first. */
  servers: string[]
  /** Whose publications of the global configuration its servers follow. */
  publisher: string
  /** Each server's loopback ports: the consumer door (for its information systems) and the provider door. */
  ports: Record<string, { consumer: number; provider: number }>
  /** Stops one server (its registers become unreachable) or starts it again on its ports. */
  stopServer(code: string): Promise<void>
  /**
   * Ends a server in a worker at once, as a crash would (the fault tests' kill): like any
   * worker that dies, it is started again after a pause.
   */
  killServer(code: string): Promise<void>
  startServer(code: string): Promise<void>
  /** The central registry publishes again, and every server downloads it. */
  publish(): Promise<void>
  close(): Promise<void>
}

export interface StartExchangeOptions {
  store: Store
  keys: DatabaseKeyStore
  config: Config
  services: LiveCatalogue
  now: Clock
  mode: ExchangeMode
  /** The central registry's address, published in the configuration. */
  centralAddress: string
}

/** What a running server answers, in this thread or in a worker. */
interface Running {
  /** The ports it listens on. */
  ports: { consumer: number; provider: number }
  /** Its consumer door without HTTP, when it runs in this thread. */
  consume?: SendToSecurityServer
  /** Its status; undefined from a worker that did not answer in time. */
  status(): Promise<SecurityServerStatus | undefined>
  /** Downloads the configuration now, not at the next minute. */
  refresh(): Promise<void>
  close(): Promise<void>
  /** Ends its worker at once, without closing anything (a crash); none for a server in this thread. */
  kill?(): Promise<void>
}

export async function startExchange(options: StartExchangeOptions): Promise<Exchange> {
  const { store, keys, config, services, now } = options
  const instance = config.POLIS_COUNTRY_CODE
  const material = await prepareExchangeMaterial({ store, keys, instance, definitions: services.definitions })
  // This process's servers follow this process's publications: a command run beside the server starts its own.
  const publisher = randomUUID()
  const plans = serverPlans()
  // Any free ports at first; the configuration names them once the servers have them.
  const ports: Record<string, { consumer: number; provider: number }> = Object.fromEntries(
    plans.map((plan) => [plan.code, { consumer: 0, provider: 0 }]),
  )
  const publish = async () => {
    await publishConfiguration({
      store,
      keys,
      material,
      definitions: services.definitions,
      ports: Object.fromEntries(Object.entries(ports).map(([code, p]) => [code, p.provider])),
      centralAddress: options.centralAddress,
      publisher,
      now: now(),
    })
  }
  await publish()
  const readers = membersOf(instance, services.definitions)
    .map((member) => member.code)
    .filter((code) => code !== platformOperator)
  const accessLog = createAccessLog(store)
  const recorder = exchangeRecorder(store)

  const startInProcess = async (code: string): Promise<Running> => {
    const plan = plans.find((p) => p.code === code) as (typeof plans)[number]
    const built = await buildSecurityServer({
      store,
      keys,
      plan,
      material,
      publisher,
      now,
      definitions: () => services.definitions,
      accessLog,
      recorder,
      ...(plan.owner === platformOperator ? { hosts: readers } : {}),
    })
    const taken = await built.server.listen(ports[code] as { consumer: number; provider: number })
    // Beside the process's own work: a command or a test ends whether or not its platform was closed.
    built.server.unref()
    return {
      ports: taken,
      consume: built.server.consume,
      status: async () => built.server.status(),
      refresh: async () => {
        await built.refresh()
      },
      close: async () => {
        built.stop()
        await built.server.close()
      },
    }
  }
  const startWorker = async (code: string): Promise<Running> => {
    const worker = new Worker(new URL('./security-server.worker.ts', import.meta.url), {
      workerData: {
        code,
        ports: ports[code],
        env: workerEnv(config),
        hosts: readers,
        publisher,
        material,
        // The platform's clock as far from the machine's as it is now (a test's frozen clock; zero in production).
        clockOffsetMs: now().getTime() - Date.now(),
      },
    })
    const asked = new Map<number, (answer: { status?: SecurityServerStatus }) => void>()
    let next = 0
    let closing = false
    type Ports = { consumer: number; provider: number }
    const taken = await new Promise<Ports>((resolve, reject) => {
      worker.once('error', reject)
      worker.on('message', (message: { ready?: Ports; status?: SecurityServerStatus; answer?: number }) => {
        if (message.ready) resolve(message.ready)
        if (message.answer !== undefined) asked.get(message.answer)?.(message)
      })
    })
    // A worker that dies is no longer running: nothing waits on it, and it is started again.
    worker.on('error', () => {})
    worker.once('exit', () => {
      for (const answer of asked.values()) answer({})
      asked.clear()
      if (!closing) lost(code)
    })
    const ask = <T>(what: 'status' | 'refresh') =>
      new Promise<T | undefined>((resolve) => {
        const id = next++
        // A worker too busy or gone to answer within two seconds answers nothing.
        const late = setTimeout(() => {
          asked.delete(id)
          resolve(undefined)
        }, 2_000)
        late.unref()
        asked.set(id, (answer) => {
          clearTimeout(late)
          asked.delete(id)
          resolve(answer.status as T | undefined)
        })
        worker.postMessage({ [what]: id })
      })
    return {
      ports: taken,
      status: () => ask<SecurityServerStatus>('status'),
      refresh: async () => {
        await ask<void>('refresh')
      },
      close: async () => {
        closing = true
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
        worker.postMessage({ close: true })
        await exited
      },
      kill: async () => {
        await worker.terminate()
      },
    }
  }
  const start = options.mode === 'workers' ? startWorker : startInProcess
  const running = new Map<string, Running>()
  let closed = false
  /** A worker that died: out of the running, and started again after a pause that grows while it keeps dying. */
  const restarts = new Map<string, number>()
  const lost = (code: string) => {
    running.delete(code)
    const tries = (restarts.get(code) ?? 0) + 1
    restarts.set(code, tries)
    const pause = setTimeout(
      () => {
        if (closed || running.has(code)) return
        void launch(code).catch(() => lost(code))
      },
      Math.min(30_000, 500 * 2 ** Math.min(tries, 6)),
    )
    pause.unref()
  }
  /** The central registry publishes again and every server downloads it now. */
  const renew = async () => {
    await publish()
    await Promise.all([...running.values()].map((server) => server.refresh()))
  }
  /** Starts a server (on the ports it had, when it had some) and keeps the ports it took. */
  const launch = async (code: string) => {
    const server = await start(code)
    ports[code] = server.ports
    running.set(code, server)
  }
  // The registers' servers first, then the platform's, which calls them; then the configuration that names their ports.
  try {
    for (const plan of [...plans.slice(1), plans[0] as (typeof plans)[number]]) await launch(plan.code)
    await renew()
  } catch (error) {
    // None left listening: a process whose exchange failed to start can still end.
    await Promise.allSettled([...running.values()].map((server) => server.close()))
    throw error
  }
  // Well before a publication expires, the next one.
  const republish = setInterval(() => void renew().catch(() => {}), configurationValidityMs / 4)
  republish.unref()
  // The federated instances' configurations, downloaded from their URLs into the store, where the servers read them.
  const federation = setInterval(
    () => void refreshExchangeFederations(store, { fetchText: (url) => fetch(url), now: now() }).catch(() => {}),
    60_000,
  )
  federation.unref()
  // In this thread, the platform's door is called directly; in a worker, over loopback HTTP.
  const http = overHttp(() => (ports['ss-platform'] as { consumer: number }).consumer)
  const send: SendToSecurityServer = (call) => {
    const platformServer = running.get('ss-platform')
    if (!platformServer) return Promise.reject(new Error('the platform’s security server is stopped'))
    return platformServer.consume ? platformServer.consume(call) : http(call)
  }
  const client = exchangeRegistryClient({
    instance,
    send,
    serviceOf: (code) => services.find(code),
    // A platform clock moved past the publication's end (a long pause, a test's clock): publish and ask once more.
    outdated: renew,
  })
  return {
    queryRegistry: client.queryRegistry,
    findCitizenByTaxNumber: client.findCitizenByTaxNumber,
    updateRegistry: client.updateRegistry,
    checkRegistryUpdate: client.checkRegistryUpdate,
    servers: plans.map((plan) => plan.code),
    ports,
    publisher,
    async status() {
      const statuses = await Promise.all([...running.values()].map((server) => server.status()))
      return statuses.filter((status): status is SecurityServerStatus => status !== undefined)
    },
    async stopServer(code) {
      const server = running.get(code)
      running.delete(code)
      await server?.close()
    },
    async killServer(code) {
      const server = running.get(code)
      if (!server?.kill) throw new Error(`${code} does not run in a worker of its own`)
      await server.kill()
    },
    async startServer(code) {
      if (running.has(code)) return
      if (!ports[code]) throw new Error(`no security server ${code}`)
      await launch(code)
    },
    publish: renew,
    async close() {
      closed = true
      clearInterval(republish)
      clearInterval(federation)
      http.close()
      await Promise.all([...running.values()].map((server) => server.close()))
      running.clear()
    },
  }
}

/** What a worker needs to open the same database and keys: the configuration's own variables. */
function workerEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(config)) {
    if (typeof value === 'string' || typeof value === 'number') env[name] = String(value)
  }
  return env
}
