import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { PublicJwk } from '@polis/kernel'
import { testEngine } from '@polis/store'
import { createApp } from '../http/create-app.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { createJsonLog } from './create-json-log.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 20 })
})
after(() => t.close())

const operator = { authorization: 'Bearer operator-token-for-tests', 'content-type': 'application/json' }
const holderKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as PublicJwk

describe(`request logs on ${testEngine}`, () => {
  it("carry the route template, status, duration and request id, and never the citizen's id, name or tax number", async () => {
    const lines: string[] = []
    const app = createApp({
      ...t,
      adminToken: 'operator-token-for-tests',
      log: createJsonLog({ write: (line) => lines.push(line), now: () => new Date() }),
    })
    const citizen = t.citizens.find((c) => c.documents.includes('id-card'))
    assert.ok(citizen)
    const person = await t.platform.store.db
      .selectFrom('persons')
      .select(['tax_number'])
      .where('id', '=', citizen.id)
      .executeTakeFirstOrThrow()
    assert.ok(person.tax_number)
    const secrets = [citizen.id, citizen.familyName, citizen.givenName, person.tax_number, 'operator-token-for-tests']

    const requests: Array<[string, RequestInit, number]> = [
      [
        '/api/admin/credentials',
        {
          method: 'POST',
          headers: operator,
          body: JSON.stringify({ citizenId: citizen.id, documentType: 'id-card', holderKey }),
        },
        201,
      ],
      [
        '/api/admin/offers',
        { method: 'POST', headers: operator, body: JSON.stringify({ citizenId: citizen.id }) },
        201,
      ],
      // Personal data in the path and the query of a request that matches nothing, and of a refused one.
      [
        `/api/admin/citizens/${citizen.id}?tax=${person.tax_number}&name=${encodeURIComponent(citizen.familyName)}`,
        { headers: operator },
        404,
      ],
      [
        `/api/admin/credentials?citizen=${citizen.id}`,
        { method: 'POST', headers: { authorization: 'Bearer nope' } },
        403,
      ],
      [`/wallet/${citizen.id}`, {}, 200],
      ['/health/ready', {}, 200],
    ]
    const ids: string[] = []
    for (const [path, init, status] of requests) {
      const response = await app.request(path, init)
      assert.equal(response.status, status, path)
      ids.push(response.headers.get('x-request-id') ?? '')
    }

    const logged = lines.join('\n')
    for (const secret of secrets) assert.ok(!logged.includes(secret), 'a log line carries personal data or a token')
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const requestLines = parsed.filter((line) => line.event === 'request')
    // Every request but the probe, each with the id sent back to the caller.
    assert.deepEqual(
      requestLines.map((line) => line.requestId),
      ids.slice(0, -1),
    )
    assert.deepEqual(
      requestLines.map((line) => [line.method, line.route, line.status]),
      [
        ['POST', '/api/admin/credentials', 201],
        ['POST', '/api/admin/offers', 201],
        ['GET', 'unmatched', 404],
        ['POST', '/api/admin/*', 403],
        ['GET', '/wallet/*', 200],
      ],
    )
    for (const line of requestLines) {
      assert.equal(typeof line.ms, 'number')
      assert.equal(typeof line.time, 'string')
    }
  })

  it('replaces the value of a field that names a citizen or carries a secret, for a line added carelessly later', () => {
    const lines: string[] = []
    const log = createJsonLog({ write: (line) => lines.push(line), now: () => new Date('2026-11-27T00:00:00Z') })
    log({
      level: 'info',
      event: 'x',
      citizenId: 'c-1',
      taxNumber: '1234567890',
      Authorization: 'Bearer t',
      code: 'ERR_X',
    })
    assert.deepEqual(JSON.parse(lines[0] ?? ''), {
      time: '2026-11-27T00:00:00.000Z',
      level: 'info',
      event: 'x',
      citizenId: '[redacted]',
      taxNumber: '[redacted]',
      Authorization: '[redacted]',
      code: 'ERR_X',
    })
  })
})
