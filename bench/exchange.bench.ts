import { generateKeyPairSync } from 'node:crypto'
import { Agent, request } from 'node:http'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import {
  createExchangeCa,
  type GlobalConfigurationInput,
  issueServerTls,
  signGlobalConfiguration,
} from '@polis/exchange'
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import { freePort } from '../packages/server/src/test/free-port.ts'
import type { BoundsSetup, Level } from './exchange-bounds.worker.ts'
import type { ServerSetup } from './exchange-servers.worker.ts'
import { type Benchmark, compare } from './measure.ts'

/**
 * Calls in flight at once for the throughput: enough to keep the exchange busy, whose
 * round trip is three times the direct call's. The direct call, at its limit from 16 on, is
 * measured at 16 and at 64 in the same alternation, and the better of the two is the baseline.
 */
const concurrency = 64
/** Calls in flight for the latencies: an agency's information system under load, not at the limit. */
const latencyConcurrency = 16
const agent = new Agent({ keepAlive: true, maxSockets: concurrency })

/** One GET on loopback, kept alive; answers the status once the body is read. */
function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port, path, agent, headers }, (response) => {
      response.on('data', () => {})
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    call.on('error', reject)
    call.end()
  })
}

/** `operation`, of which at most `limit` are in flight however many callers ask for it. */
function atMost(limit: number, operation: () => Promise<void>): () => Promise<void> {
  let inFlight = 0
  const waiting: Array<() => void> = []
  return async () => {
    if (inFlight >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    inFlight++
    try {
      await operation()
    } finally {
      inFlight--
      waiting.shift()?.()
    }
  }
}

/** Latency percentiles of `operation`, `inFlight` at a time for `seconds`, and the rate they came at. */
async function latencies(operation: () => Promise<unknown>, seconds: number, inFlight = latencyConcurrency) {
  const taken: number[] = []
  const started = performance.now()
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() - started < seconds * 1000) {
        const at = performance.now()
        await operation()
        taken.push(performance.now() - at)
      }
    }),
  )
  const rate = Math.round(taken.length / ((performance.now() - started) / 1000))
  taken.sort((a, b) => a - b)
  const at = (q: number) => Math.round((taken[Math.floor(taken.length * q)] as number) * 100) / 100
  return { p50: at(0.5), p99: at(0.99), rate, calls: taken.length }
}

/** A worker's answer to `{ [key]: true }`. */
function ask<T>(worker: Worker, key: 'cpu' | 'traffic' | 'records'): Promise<T> {
  return new Promise((resolve) => {
    const take = (message: Record<string, unknown>) => {
      if (message[key] === undefined) return
      worker.off('message', take)
      resolve(message[key] as T)
    }
    worker.on('message', take)
    worker.postMessage({ [key]: true })
  })
}

/**
 * `run` (calls of one operation) and the CPU a call cost, in µs: this process in all, and
 * each thread (this one first, then `workers`), from their own counters. The exchange's
 * rate follows it: both it and the direct call leave the same share of the cores idle.
 */
async function withCpu<T extends { calls: number }>(run: () => Promise<T>, workers: Worker[]) {
  const threads = async () => [
    (({ user, system }) => user + system)(process.threadCpuUsage()),
    ...(await Promise.all(workers.map((worker) => ask<number>(worker, 'cpu')))),
  ]
  const before = { all: process.cpuUsage(), threads: await threads() }
  const result = await run()
  const all = process.cpuUsage(before.all)
  const after = await threads()
  const per = (microseconds: number) => Math.round(microseconds / result.calls)
  return {
    ...result,
    cpu: {
      all: per(all.user + all.system),
      threads: after.map((used, i) => per(used - (before.threads[i] as number))),
    },
  }
}

/**
 * What the signatures alone allow: round trips a second if a round trip were nothing but
 * its two P-256 signatures and two checks (node:crypto, one thread a core, `seconds` long).
 */
async function signaturesBound(seconds: number): Promise<number> {
  const code = `
    const { generateKeyPairSync, sign, verify } = require('node:crypto')
    const { parentPort, workerData } = require('node:worker_threads')
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const data = Buffer.from('x'.repeat(200))
    let n = 0
    const started = performance.now()
    while (performance.now() - started < workerData * 1000) {
      // The keys themselves, DER signatures: node:crypto's fastest path.
      for (let i = 0; i < 2; i++) verify('sha256', data, publicKey, sign('sha256', data, privateKey))
      n++
    }
    parentPort.postMessage(n / workerData)`
  const rates = await Promise.all(
    Array.from({ length: availableParallelism() }, () => {
      const worker = new Worker(code, { eval: true, workerData: seconds })
      return new Promise<number>((resolve, reject) => {
        worker.once('message', (rate: number) => {
          void worker.terminate()
          resolve(rate)
        })
        worker.once('error', reject)
      })
    }),
  )
  return Math.round(rates.reduce((a, b) => a + b, 0))
}

/** A free loopback port now, for the configuration to name before the servers take it. */

/** The two members' TLS identities and keys, and the central registry's configuration naming their servers. */
async function serverSetups(): Promise<Record<'provider' | 'consumer', ServerSetup>> {
  const yesterday = new Date(Date.now() - 86_400_000)
  const ca = await createExchangeCa({ instance: 'UA', notBefore: yesterday, years: 1 })
  const tlsOf = (owner: string, serverCode: string) =>
    issueServerTls(ca, { owner, serverCode, hosts: ['127.0.0.1'], notBefore: yesterday, days: 30 })
  const member = async (owner: string, serverCode: string) => {
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    return {
      tls: await tlsOf(owner, serverCode),
      privateJwk: keys.privateKey.export({ format: 'jwk' }) as JWK,
      publicJwk: keys.publicKey.export({ format: 'jwk' }) as JWK & { kty: 'EC'; crv: 'P-256'; x: string; y: string },
      ports: { consumer: 0, provider: await freePort() },
    }
  }
  const provider = await member('UA/GOV/00015622', 'ss-migration')
  const consumer = await member('UA/GOV/00032684', 'ss-social')
  const central = await generateKeyPair('ES256', { extractable: true })
  const configuration: GlobalConfigurationInput = {
    instance: 'UA',
    serial: 1,
    issuedAt: new Date(Date.now() - 60_000).toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    centralServer: { address: 'https://central.polis.test' },
    exchangeCas: [ca.certificatePem],
    members: [
      {
        memberClass: 'GOV',
        memberCode: '00015622',
        name: 'Migration service',
        subsystems: ['population'],
        signingKeys: [provider.publicJwk],
      },
      {
        memberClass: 'GOV',
        memberCode: '00032684',
        name: 'Social protection',
        subsystems: ['benefits'],
        signingKeys: [consumer.publicJwk],
      },
    ],
    securityServers: [
      {
        owner: { memberClass: 'GOV', memberCode: '00015622' },
        serverCode: 'ss-migration',
        address: `https://127.0.0.1:${provider.ports.provider}`,
        tlsCertificateSha256: provider.tls.sha256,
        clients: ['UA/GOV/00015622/population'],
      },
      {
        owner: { memberClass: 'GOV', memberCode: '00032684' },
        serverCode: 'ss-social',
        address: `https://127.0.0.1:${consumer.ports.provider}`,
        tlsCertificateSha256: consumer.tls.sha256,
        clients: ['UA/GOV/00032684/benefits'],
      },
    ],
    globalGroups: [],
  }
  const signedConfiguration = await signGlobalConfiguration(configuration, central.privateKey)
  const centralJwk = await exportJWK(central.publicKey)
  const setup = (role: 'provider' | 'consumer', side: typeof provider): ServerSetup => ({
    role,
    tls: side.tls,
    signingKey: side.privateJwk,
    signedConfiguration,
    central: centralJwk,
    ports: side.ports,
  })
  return { provider: setup('provider', provider), consumer: setup('consumer', consumer) }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'exchange.roundtrip',
    description:
      `Signed, recorded round trips per second through a consumer's and a provider's security server (mutual TLS 1.3 ` +
      `between them, kept alive; the request signed by the consumer's member and checked by the provider's server, ` +
      `access rights checked, the answer signed with the request hash and checked by the consumer's server; ` +
      `each message recorded by both servers as polis serve records it, a row in exchange_records written before it goes on), ` +
      `${concurrency} calls at a time from an information system on loopback (the latencies at ${latencyConcurrency}), ` +
      'each server in a worker thread of its own ' +
      '(as polis serve runs them), ' +
      'each call a citizen’s person record read from the population register of a seeded country (embedded SQLite) ' +
      'and written to its access log first. Baseline: the same register called directly over HTTP in the same run, ' +
      `the better of ${latencyConcurrency} and ${concurrency} calls in flight. ` +
      'The messages of one moment travel between the servers in a batch under one signature each way. ' +
      'Target (exchange issue): at least 2,000/s and 50% of the direct call. Also: the signatures bound, what the ' +
      'two signatures and two checks of a round trip alone allow on all cores, were each message signed on its own.',
    async run() {
      const setups = await serverSetups()
      const started = Object.fromEntries(
        await Promise.all(
          (['provider', 'consumer'] as const).map(async (role) => {
            const worker = new Worker(new URL('./exchange-servers.worker.ts', import.meta.url), {
              workerData: setups[role],
            })
            const answered = await new Promise<{ consumer: number; direct?: number; citizens?: string[] }>(
              (resolve, reject) => {
                worker.once('error', reject)
                worker.on('message', (message: { ready?: { consumer: number } }) => {
                  if (message.ready) resolve(message.ready)
                })
              },
            )
            return [role, { worker, ...answered }]
          }),
        ),
      )
      const provider = started.provider as { worker: Worker; direct: number; citizens: string[] }
      const consumer = started.consumer as { worker: Worker; consumer: number }
      const ready = { consumer: consumer.consumer, direct: provider.direct, citizens: provider.citizens }
      let next = 0
      /** A citizen's person record, the next citizen each time. */
      const read = (port: number, prefix: string, client?: string) => {
        const citizen = ready.citizens[next++ % ready.citizens.length] as string
        return get(port, `${prefix}/persons/${citizen}/records?kind=person`, {
          ...(client ? { 'x-road-client': client } : {}),
          'x-road-userid': citizen,
          'x-road-issue': 'service:child-benefit',
        })
      }
      const viaExchange = async () => {
        const status = await read(ready.consumer, '/r1/UA/GOV/00015622/population/records', 'UA/GOV/00032684/benefits')
        if (status !== 200) throw new Error(`the exchange answered ${status}`)
      }
      const direct = async () => {
        if ((await read(ready.direct, '')) !== 200) throw new Error('the registry did not answer')
      }
      try {
        const rates = await compare(
          { roundtrip: viaExchange, direct, directAtLatencyConcurrency: atMost(latencyConcurrency, direct) },
          { concurrency, rounds: 5, seconds: 2 },
        )
        const directBest = Math.max(rates.direct as number, rates.directAtLatencyConcurrency as number)
        const through = await latencies(viaExchange, 2)
        // At the limit, with what a round trip costs each thread, both ways.
        const throughAtLimit = await withCpu(
          () => latencies(viaExchange, 2, concurrency),
          [consumer.worker, provider.worker],
        )
        const straight = await latencies(direct, 2)
        const straightAtLimit = await withCpu(() => latencies(direct, 2, concurrency), [provider.worker])
        const bound = await signaturesBound(2)
        // How many messages a batch carried between the servers, on average, over the whole run.
        const traffic = await ask<{ messages: number; batches: number }>(provider.worker, 'traffic')
        const perBatch = Math.round((traffic.messages / Math.max(1, traffic.batches)) * 10) / 10
        // Every message recorded by both servers, as polis serve records them: a row each side.
        const recorded = await Promise.all(
          [consumer.worker, provider.worker].map((worker) =>
            ask<{ rows: number; messages: number }>(worker, 'records'),
          ),
        )
        if (recorded.some(({ rows, messages }) => rows !== messages || messages !== traffic.messages)) {
          throw new Error(`messages not recorded: ${JSON.stringify(recorded)} for ${traffic.messages}`)
        }
        return {
          name: 'exchange.roundtrip',
          value: rates.roundtrip as number,
          unit: 'round trips/s',
          baselines: { 'exchange.direct': directBest, 'exchange.signatures-bound': bound },
          notes:
            `at ${latencyConcurrency} calls in flight: latency p50 ${through.p50} ms, p99 ${through.p99} ms through the exchange; ` +
            `${straight.p50} ms and ${straight.p99} ms direct (added: p50 ${Math.round((through.p50 - straight.p50) * 100) / 100} ms); ` +
            `${through.rate}/s through the exchange against ${straight.rate}/s direct ` +
            `(×${Math.round((through.rate / straight.rate) * 100) / 100}); ` +
            `at ${concurrency}: p50 ${throughAtLimit.p50} ms, p99 ${throughAtLimit.p99} ms through the exchange; ` +
            `${perBatch} messages a batch between the servers over the run (one signature each way a batch), ` +
            `${traffic.messages} messages in all, each recorded by both servers before it went on; ` +
            `the signatures alone, one pair a message, would bound a round trip at ${bound}/s on this machine's cores, ` +
            `${Math.round((bound / directBest) * 100)}% of the direct call; ` +
            `the direct call ${Math.round(rates.direct as number)}/s at ${concurrency} in flight and ` +
            `${Math.round(rates.directAtLatencyConcurrency as number)}/s at ${latencyConcurrency} (the better is the baseline); ` +
            `CPU a round trip at ${concurrency} in flight, all threads: ${throughAtLimit.cpu.all} µs through the exchange ` +
            `(the caller ${throughAtLimit.cpu.threads[0]}, the consumer's server ${throughAtLimit.cpu.threads[1]}, ` +
            `the provider's ${throughAtLimit.cpu.threads[2]}), ${straightAtLimit.cpu.all} µs direct ` +
            `(the caller ${straightAtLimit.cpu.threads[0]}, the register's server ${straightAtLimit.cpu.threads[1]}; ` +
            `p50 ${straightAtLimit.p50} ms, p99 ${straightAtLimit.p99} ms)`,
        }
      } finally {
        for (const { worker } of [provider, consumer]) {
          worker.postMessage({ close: true })
          await new Promise((resolve) => worker.once('message', resolve))
          await worker.terminate()
        }
      }
    },
  },
  {
    name: 'exchange.bounds',
    description:
      'What this machine allows a round trip through two security servers in threads of their own, the same ' +
      `calls as exchange.roundtrip (${concurrency} in flight) through a lean stand-in for the servers, not their code: ` +
      'forward only (the consumer’s server takes the HTTP call and forwards it, batched, in frames over one mutual-TLS ' +
      'connection; the provider’s calls the register), then with the exchange’s signatures and hashes, then with ' +
      'each message recorded by both servers as well (the value). Baseline: the same register called directly in ' +
      'the same run. Tells how much of exchange.roundtrip’s gap to the direct call is the work the exchange issue ' +
      'asks for and how much the servers’ own code.',
    async run() {
      const yesterday = new Date(Date.now() - 86_400_000)
      const ca = await createExchangeCa({ instance: 'UA', notBefore: yesterday, years: 1 })
      const tlsOf = (owner: string, serverCode: string) =>
        issueServerTls(ca, { owner, serverCode, hosts: ['127.0.0.1'], notBefore: yesterday, days: 30 })
      const keyPair = () => {
        const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        return {
          privateJwk: keys.privateKey.export({ format: 'jwk' }),
          publicJwk: keys.publicKey.export({ format: 'jwk' }),
        }
      }
      const common = {
        provider: await tlsOf('UA/GOV/00015622', 'ss-migration'),
        consumer: await tlsOf('UA/GOV/00032684', 'ss-social'),
        caPem: ca.certificatePem,
        keys: { provider: keyPair(), consumer: keyPair() },
      }
      const workers: Worker[] = []
      let failed: (error: unknown) => void = () => {}
      const failure = new Promise<never>((_, reject) => {
        failed = reject
      })
      const start = async <Ready>(setup: BoundsSetup) => {
        const worker = new Worker(new URL('./exchange-bounds.worker.ts', import.meta.url), { workerData: setup })
        workers.push(worker)
        worker.on('error', (error) => failed(error))
        return new Promise<Ready>((resolve, reject) => {
          worker.once('error', reject)
          worker.on('message', (message: { ready?: Ready }) => {
            if (message.ready) resolve(message.ready)
          })
        })
      }
      try {
        const provider = await start<{ providerPort: number; direct: number; citizens: string[] }>({
          role: 'provider',
          ...common,
        })
        const { doors } = await start<{ doors: Record<Level, number> }>({
          role: 'consumer',
          ...common,
          providerPort: provider.providerPort,
        })
        let next = 0
        const read = async (port: number, prefix: string) => {
          const citizen = provider.citizens[next++ % provider.citizens.length] as string
          const status = await get(port, `${prefix}/persons/${citizen}/records?kind=person`, {
            'x-road-client': 'UA/GOV/00032684/benefits',
            'x-road-userid': citizen,
            'x-road-issue': 'service:child-benefit',
          })
          if (status !== 200) throw new Error(`answered ${status}`)
        }
        const through = (level: Level) => () => read(doors[level], '/r1/UA/GOV/00015622/population/records')
        const rates = await Promise.race([
          compare(
            {
              forward: through('forward'),
              signed: through('signed'),
              recorded: through('recorded'),
              direct: () => read(provider.direct, ''),
            },
            { concurrency, rounds: 3, seconds: 2 },
          ),
          failure,
        ])
        const ratio = (name: string) => Math.round(((rates[name] as number) / (rates.direct as number)) * 100) / 100
        return {
          name: 'exchange.bounds',
          value: rates.recorded as number,
          unit: 'round trips/s',
          baselines: { 'exchange.direct': rates.direct as number },
          notes:
            `forward only ${rates.forward}/s (×${ratio('forward')}); with the signatures and hashes ${rates.signed}/s ` +
            `(×${ratio('signed')}); and recorded by both servers ${rates.recorded}/s (×${ratio('recorded')}), ` +
            `${concurrency} calls in flight`,
        }
      } finally {
        for (const worker of workers) await worker.terminate()
      }
    },
  },
]
