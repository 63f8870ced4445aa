import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { freePort } from '../test/free-port.ts'

const main = new URL('../main.ts', import.meta.url).pathname

// polis serve on the embedded database in a data directory of its own, whatever engine the
// other tests run on: a PostgreSQL test schema is named by a connection option serve is not given.
describe(`polis serve stopping on SIGTERM (run beside the ${testEngine} suite, on SQLite)`, () => {
  it('stops accepting, answers the request in flight, and exits 0', { timeout: 180_000 }, async () => {
    const port = await freePort()
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      TZ: 'UTC',
      PORT: String(port),
      HOST: '127.0.0.1',
      POLIS_DATA_DIR: mkdtempSync(join(tmpdir(), 'polis-shutdown-')),
      POLIS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    }
    const child = spawn(process.execPath, [main, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>
    try {
      while (!stdout.includes('is running on')) {
        if (child.exitCode !== null) assert.fail(`serve exited early: ${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }

      // A request whose body is still coming when the signal arrives.
      const body = JSON.stringify({ presentation: 'x'.repeat(1000) })
      const inFlight = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/verify',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      })
      const answered = once(inFlight, 'response') as Promise<[import('node:http').IncomingMessage]>
      inFlight.write(body.slice(0, 500))
      await new Promise((resolve) => setTimeout(resolve, 300))
      child.kill('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 500))
      assert.equal(child.exitCode, null, 'the process waits for the request in flight')

      // No new connection is taken meanwhile.
      const refused = await fetch(`http://127.0.0.1:${port}/health/live`).then(
        () => false,
        () => true,
      )
      assert.ok(refused, 'a new connection after SIGTERM is refused')

      inFlight.end(body.slice(500))
      const [response] = await answered
      let text = ''
      for await (const chunk of response) text += String(chunk)
      assert.equal(response.statusCode, 400)
      assert.match(text, /"code":"ERR_/)

      // Its kept-alive connection is closed once idle, not left to its keep-alive timeout.
      const answeredAt = performance.now()
      const [code] = await exited
      assert.equal(code, 0, stderr)
      assert.ok(performance.now() - answeredAt < 3000, 'the process exits soon after the last answer')
      const lines = stderr
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
      const events = lines.map((line) => line.event)
      assert.ok(events.includes('stopping') && events.includes('stopped'), stderr)
      assert.ok(!events.includes('requests_cut'))
      // The request's own line, as polis serve writes it: the template, never the path or the body.
      const logged = lines.find((line) => line.event === 'request')
      assert.deepEqual(
        { method: logged?.method, route: logged?.route, status: logged?.status },
        { method: 'POST', route: '/api/verify', status: 400 },
      )
      assert.equal(logged?.requestId, response.headers['x-request-id'])
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })
})
