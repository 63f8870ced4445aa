import { Worker } from 'node:worker_threads'
import type { frozenClock } from '@polis/kernel'
import type { TestDatabase } from '@polis/store'
import type { SecondInstanceData } from './second-instance.worker.ts'

type FrozenClock = ReturnType<typeof frozenClock>

/**
 * The test's frozen clock in one cell of shared memory, written whenever the test moves it
 * (its `advance` and `set` also write the cell), for an instance in another thread to read.
 */
function shareClock(now: FrozenClock): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(8)
  const cell = new BigInt64Array(buffer)
  const write = () => Atomics.store(cell, 0, BigInt(now().getTime()))
  const { advance, set } = now
  now.advance = (seconds) => {
    advance(seconds)
    write()
  }
  now.set = (to) => {
    set(to)
    write()
  }
  write()
  return buffer
}

export interface StartSecondInstanceOptions {
  database: TestDatabase
  /** The configuration the first instance was given, whole. */
  env: Record<string, string>
  now: FrozenClock
  exchange: 'in-process' | 'off'
}

/**
 * Starts the second instance of the two-instance topology in a worker thread
 * (`second-instance.worker.ts`), on the database the first has set up; answers once it
 * serves, with its loopback port, a `fetch` that sends a request there as it is, and `close`.
 */
export async function startSecondInstance(options: StartSecondInstanceOptions) {
  const data: SecondInstanceData = {
    database: options.database,
    env: options.env,
    clock: shareClock(options.now),
    exchange: options.exchange,
  }
  const worker = new Worker(new URL('./second-instance.worker.ts', import.meta.url), { workerData: data })
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port?: number; failed?: string }) => {
      if (message.port) resolve(message.port)
      else reject(new Error(`the second instance did not start: ${message.failed}`))
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the second instance ended (${code}) before it served`)))
  })
  const origin = `http://127.0.0.1:${port}`
  return {
    port,
    /** A request as the app would take it in-process, sent to the instance over loopback; redirects not followed. */
    fetch: async (request: Request): Promise<Response> => {
      const url = new URL(request.url)
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer()
      return fetch(`${origin}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        ...(body ? { body } : {}),
        redirect: 'manual',
      })
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => worker.once('message', () => resolve()))
      worker.postMessage('close')
      await closed
      await worker.terminate()
    },
  }
}
