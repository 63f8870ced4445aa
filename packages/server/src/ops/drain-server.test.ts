import assert from 'node:assert/strict'
import { once } from 'node:events'
import { Agent, createServer, get, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, it } from 'node:test'
import { drainServer } from './drain-server.ts'

/** A server whose every answer waits for `release`, on a loopback port. */
async function slowServer() {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const server = createServer((_request, response) => {
    void released.then(() => response.end('done'))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { server, port: (server.address() as AddressInfo).port, release }
}

describe('draining a server', () => {
  it('answers the request in flight, then closes its kept-alive connection at once, not after the keep-alive timeout', async () => {
    const { server, port, release } = await slowServer()
    const agent = new Agent({ keepAlive: true })
    const request = get({ host: '127.0.0.1', port, agent })
    const answered = once(request, 'response') as Promise<[IncomingMessage]>
    await new Promise((resolve) => setTimeout(resolve, 100))
    const drained = drainServer(server, { timeoutMs: 5000 })
    release()
    const [response] = await answered
    assert.equal(response.statusCode, 200)
    response.resume()
    const started = performance.now()
    assert.equal(await drained, true)
    // Node's keep-alive timeout is five seconds; the sweep closes the idle connection well before.
    assert.ok(performance.now() - started < 1000)
    agent.destroy()
  })

  it('cuts what is still running once the time is up, and says so', async () => {
    const { server, port, release } = await slowServer()
    const request = get({ host: '127.0.0.1', port, agent: false })
    const failed = once(request, 'error')
    await new Promise((resolve) => setTimeout(resolve, 100))
    const started = performance.now()
    assert.equal(await drainServer(server, { timeoutMs: 200 }), false)
    assert.ok(performance.now() - started >= 190)
    const [error] = (await failed) as [NodeJS.ErrnoException]
    assert.equal(error.code, 'ECONNRESET')
    release()
  })
})
