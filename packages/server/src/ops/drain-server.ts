import type { Server } from 'node:http'

export interface DrainServerOptions {
  /** How long requests in flight may take before their connections are cut. */
  timeoutMs: number
  /** How often connections that have finished their request are closed. */
  sweepMs?: number
}

/**
 * Stops accepting connections and resolves once the requests in flight are answered, or
 * after the timeout with the rest cut. Node's `close()` alone leaves a kept-alive
 * connection open until its keep-alive timeout, so each is closed as soon as it is idle.
 * Resolves `true` when everything finished in time.
 */
export function drainServer(server: Server, options: DrainServerOptions): Promise<boolean> {
  return new Promise((resolve) => {
    let inTime = true
    const sweep = setInterval(() => server.closeIdleConnections(), options.sweepMs ?? 50)
    const deadline = setTimeout(() => {
      inTime = false
      server.closeAllConnections()
    }, options.timeoutMs)
    server.close(() => {
      clearInterval(sweep)
      clearTimeout(deadline)
      resolve(inTime)
    })
    server.closeIdleConnections()
  })
}
