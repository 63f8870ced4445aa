import { once } from 'node:events'
import { Agent, createServer, type IncomingHttpHeaders, request } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A small round-robin reverse proxy for tests of several server processes behind one
 * address, as a balancer puts them: each request to the next backend in turn, so that one
 * citizen's requests land on every process; a backend that refuses connections is passed
 * over (the request is tried on the next), as a balancer's health check would take it out.
 */
export async function startRoundRobinProxy(given: number[]) {
  const backends = [...given]
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const served = new Map<number, number>(backends.map((port) => [port, 0]))
  let next = 0
  const forward = (
    port: number,
    incoming: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent },
        (answer) => {
          const chunks: Buffer[] = []
          answer.on('data', (chunk: Buffer) => chunks.push(chunk))
          answer.on('end', () =>
            resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }),
          )
          answer.on('error', reject)
        },
      )
      outgoing.on('error', reject)
      outgoing.end(incoming.body)
    })
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const incoming = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks),
    }
    for (let tried = 0; tried < backends.length; tried++) {
      const port = backends[next++ % backends.length] as number
      try {
        const answer = await forward(port, incoming)
        served.set(port, (served.get(port) ?? 0) + 1)
        const headers = { ...answer.headers }
        delete headers['transfer-encoding']
        delete headers.connection
        res.writeHead(answer.status, headers)
        res.end(answer.body)
        return
      } catch (error) {
        // Refused or cut: the backend is down; the next one takes the request. A kept-alive
        // connection to a backend just killed can also fail the write itself (EPIPE).
        const { code } = error as { code?: string }
        if (code !== 'ECONNREFUSED' && code !== 'ECONNRESET' && code !== 'EPIPE') break
      }
    }
    res.writeHead(502, { 'content-type': 'text/plain' })
    res.end('no backend answered')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    /** Requests each backend answered. */
    served,
    /** Puts a backend in the turn (one that starts after the proxy, which its address was given to). */
    add(port: number) {
      backends.push(port)
      served.set(port, 0)
    },
    close() {
      agent.destroy()
      server.closeAllConnections()
      server.close()
    },
  }
}
