import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createTestPlatform, testTopology } from './create-test-platform.ts'

const skip = testTopology() === 'two-instances' ? false : 'the two-instance pass runs it (POLIS_TEST_TOPOLOGY)'
const operator = { authorization: 'Bearer operator-token-for-tests' }

/** What each instance's own metrics say it answered of GET /api/services, from two reads of /metrics. */
async function servicesAnswered(read: (path: string, headers?: Record<string, string>) => Promise<Response>) {
  for (let request = 0; request < 3; request++) assert.equal((await read('/api/services')).status, 200)
  const counts = []
  for (let request = 0; request < 2; request++) {
    const metrics = await (await read('/metrics', operator)).text()
    const line = metrics
      .split('\n')
      .find((l) => /^polis_http_request_duration_seconds_count\{.*"\/api\/services"/.test(l))
    counts.push(Number(line?.split(' ').at(-1) ?? 0))
  }
  return counts.sort()
}

describe('the two-instance test topology', { skip }, () => {
  it('sends each in-process request to the other instance, each keeping its own memory (its own metrics)', async () => {
    const t = await createTestPlatform({ citizens: 5 })
    try {
      // Five requests in turn: the services' three go first, second, first; the metrics' two second, first.
      assert.deepEqual(
        await servicesAnswered(async (path, headers) => t.app.request(path, headers ? { headers } : {})),
        [1, 2],
      )
    } finally {
      await t.close()
    }
  })

  it('serves behind the round-robin proxy at the public URL, each request to the other instance', async () => {
    const t = await createTestPlatform({ citizens: 5, listen: true })
    try {
      assert.match(t.origin, /^http:\/\/localhost:\d+$/)
      assert.deepEqual(
        await servicesAnswered((path, headers) => fetch(`${t.origin}${path}`, headers ? { headers } : {})),
        [1, 2],
      )
    } finally {
      await t.close()
    }
  })
})
