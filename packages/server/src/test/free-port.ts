import { once } from 'node:events'
import { createServer } from 'node:net'

/**
 * Ports are drawn below the kernel's range for outgoing connections (32768 and up on
 * Linux), so that no browser's or client's connection takes one between the draw and
 * the server's bind, and never twice in one process.
 */
const lowest = 20_000
const highest = 32_000
const given = new Set<number>()

/** Whether a server can listen on the port on loopback now. */
async function bindable(port: number): Promise<boolean> {
  const server = createServer()
  server.listen(port, '127.0.0.1')
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))])
    return true
  } catch {
    return false
  } finally {
    server.close()
  }
}

/** A loopback port free now, for a server a test or a benchmark starts next. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const port = lowest + Math.floor(Math.random() * (highest - lowest))
    if (given.has(port)) continue
    if (await bindable(port)) {
      given.add(port)
      return port
    }
  }
  throw new Error('no free port found')
}
