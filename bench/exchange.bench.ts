import { Agent, request } from 'node:http'
import { Worker } from 'node:worker_threads'
import { type Benchmark, compare } from './measure.ts'

/** Calls in flight at once: an agency's information system under load. */
const concurrency = 16
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

/** Latency percentiles of `operation`, `concurrency` at a time for `seconds`. */
async function latencies(operation: () => Promise<unknown>, seconds: number) {
  const taken: number[] = []
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - started < seconds * 1000) {
        const at = performance.now()
        await operation()
        taken.push(performance.now() - at)
      }
    }),
  )
  taken.sort((a, b) => a - b)
  const at = (q: number) => Math.round((taken[Math.floor(taken.length * q)] as number) * 100) / 100
  return { p50: at(0.5), p99: at(0.99) }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'exchange.roundtrip',
    description:
      `Signed, recorded round trips per second through a consumer's and a provider's security server (mutual TLS 1.3 ` +
      `between them, kept alive; the request signed by the consumer's member and checked by the provider's server, ` +
      `access rights checked, the answer signed with the request hash and checked by the consumer's server), ` +
      `${concurrency} calls at a time from an information system on loopback, both servers in one worker thread. ` +
      'Baseline: the same registry backend called directly over HTTP in the same run. Target (exchange issue): at ' +
      'least 2,000/s and 50% of the direct call.',
    async run() {
      const worker = new Worker(new URL('./exchange-servers.worker.ts', import.meta.url))
      const ready = await new Promise<{ consumer: number; direct: number }>((resolve, reject) => {
        worker.once('error', reject)
        worker.on('message', (message: { ready?: { consumer: number; direct: number } }) => {
          if (message.ready) resolve(message.ready)
        })
      })
      const viaExchange = async () => {
        const status = await get(ready.consumer, '/r1/UA/GOV/00015622/population/person/persons/p1', {
          'x-road-client': 'UA/GOV/00032684/benefits',
          'x-road-userid': 'citizen-1',
          'x-road-issue': 'service:child-benefit',
        })
        if (status !== 200) throw new Error(`the exchange answered ${status}`)
      }
      const direct = async () => {
        if ((await get(ready.direct, '/persons/p1', {})) !== 200) throw new Error('the registry did not answer')
      }
      try {
        const rates = await compare({ roundtrip: viaExchange, direct }, { concurrency, rounds: 5, seconds: 2 })
        const through = await latencies(viaExchange, 2)
        const straight = await latencies(direct, 2)
        return {
          name: 'exchange.roundtrip',
          value: rates.roundtrip as number,
          unit: 'round trips/s',
          baselines: { 'exchange.direct': rates.direct as number },
          notes:
            `latency p50 ${through.p50} ms, p99 ${through.p99} ms through the exchange; ` +
            `${straight.p50} ms and ${straight.p99} ms direct (added: p50 ${Math.round((through.p50 - straight.p50) * 100) / 100} ms)`,
        }
      } finally {
        worker.postMessage({ close: true })
        await new Promise((resolve) => worker.once('message', resolve))
        await worker.terminate()
      }
    },
  },
]
