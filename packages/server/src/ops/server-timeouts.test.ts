import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import { connect } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { serve } from '@hono/node-server'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { serverTimeouts } from './server-timeouts.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let server: Server
let port: number
before(async () => {
  t = await createTestPlatform({ citizens: 5 })
  // As polis serve starts its server.
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: serverTimeouts }) as Server
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as { port: number }).port
})
after(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await t.close()
})

describe('request time limits', () => {
  it('answers 408 and closes a connection that trickles its headers past ten seconds, while others are served', async () => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk
    })
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())))
    const started = performance.now()
    socket.write('GET /health/live HTTP/1.1\r\nHost: polis.test\r\n')
    // One more header line every two seconds, never the end of them; the last at eight
    // seconds, so that none races the server's cut (a line written to a socket it has
    // closed comes back as a reset that can swallow its 408).
    let lines = 0
    const trickle = setInterval(() => {
      if (++lines === 4) clearInterval(trickle)
      socket.write('X-Slow: 1\r\n')
    }, 2_000)
    try {
      const live = await fetch(`http://127.0.0.1:${port}/health/live`)
      assert.equal(live.status, 200, 'another client is served meanwhile')
      const at = await closed
      const seconds = (at - started) / 1000
      assert.ok(seconds >= 9.5 && seconds < 13, `cut after ${seconds.toFixed(1)} s`)
      assert.match(answer, /^HTTP\/1\.1 408 /)
    } finally {
      clearInterval(trickle)
      socket.destroy()
    }
  })
})
