import { randomUUID } from 'node:crypto'
import { submitApplication } from '@polis/services'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import { createServiceEngine } from '../packages/server/src/services/create-service-engine.ts'
import { createTestPlatform } from '../packages/server/src/test/create-test-platform.ts'
import { deviceJwt } from '../packages/server/src/test/device-jwt.ts'
import { startPostgres } from '../scripts/start-postgres.ts'
import type { Benchmark, BenchResult } from './measure.ts'

/** Submissions in flight at once: a busy morning on the portal. */
const concurrency = 16
const seconds = 3

/** Runs `operation` `concurrency` at a time for `seconds`; answers the rate and the 99th percentile latency. */
async function rateAndP99(operation: (i: number) => Promise<unknown>): Promise<{ perSecond: number; p99: number }> {
  let next = 0
  for (let w = 0; w < 200; w++) await operation(next++)
  const latencies: number[] = []
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - started < seconds * 1000) {
        const at = performance.now()
        await operation(next++)
        latencies.push(performance.now() - at)
      }
    }),
  )
  const elapsed = performance.now() - started
  latencies.sort((a, b) => a - b)
  return {
    perSecond: Math.round((latencies.length / elapsed) * 1000),
    p99: Math.round((latencies[Math.floor(latencies.length * 0.99)] as number) * 10) / 10,
  }
}

async function measureSubmissions(databaseUrl?: string, exchange: 'in-process' | 'off' = 'in-process') {
  if (databaseUrl) process.env.POLIS_TEST_DATABASE_URL = databaseUrl
  const t = await createTestPlatform({ citizens: 300, exchange })
  delete process.env.POLIS_TEST_DATABASE_URL
  const engine = createServiceEngine(t.platform)
  const definition = engine.find('residence-registration')
  const adults = t.citizens.filter((c) => Date.parse('2026-06-01') - Date.parse(c.birthDate) > 18 * 365.25 * 86_400_000)
  const phones: Array<{ id: string; citizenId: string; key: TestKey }> = []
  for (const citizen of adults.slice(0, 100)) {
    const phone = { id: randomUUID(), citizenId: citizen.id, key: createTestKey() }
    await t.platform.store.db
      .insertInto('wallet_devices')
      .values({
        id: phone.id,
        citizen_id: citizen.id,
        public_jwk: JSON.stringify(phone.key.publicJwk),
        name: 'Phone',
        created_at: t.now().toISOString(),
        revoked_at: null,
      })
      .execute()
    phones.push(phone)
  }
  // A new address each time (the same one twice is refused by the rules, which is cheaper).
  const answers = (i: number) => ({
    region: 'Київська область',
    locality_type: 'м.',
    locality: 'Бровари',
    street: 'вул. Київська',
    house_number: String(1 + (i % 900)),
    apartment: String(1 + Math.floor(i / 900)),
    postal_code: '07400',
    basis: 'owner',
  })
  const overHttp = async (i: number) => {
    const phone = phones[i % phones.length] as (typeof phones)[number]
    const path = '/api/wallet/applications'
    const jwt = await deviceJwt({ device: phone, origin: t.origin, method: 'POST', path, now: t.now() })
    const response = await t.app.request(path, {
      method: 'POST',
      headers: {
        authorization: `PolisDevice ${jwt}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-${i}-${phone.id}`,
      },
      body: JSON.stringify({ service: 'residence-registration', answers: answers(i) }),
    })
    if (response.status !== 201) throw new Error(`submission failed: ${response.status} ${await response.text()}`)
    await response.arrayBuffer()
  }
  const engineOnly = (i: number) => {
    const phone = phones[i % phones.length] as (typeof phones)[number]
    return submitApplication(engine.ports, {
      definition,
      citizenId: phone.citizenId,
      clientKey: `engine-${i}-${phone.id}`,
      answers: answers(i + 500_000),
    })
  }
  try {
    const http = await rateAndP99(overHttp)
    // Without the exchange, the HTTP API alone is measured: the baseline of what the exchange costs.
    if (exchange === 'off') return { http, direct: undefined }
    const direct = await rateAndP99(engineOnly)
    return { http, direct }
  } finally {
    await t.close()
  }
}

const description = (engine: string) =>
  `Applications submitted per second over the HTTP API on ${engine}, ${concurrency} at a time: the device-signed request, ` +
  'the applicant’s data read from the registries through the exchange (the platform’s security server and the ' +
  'population register’s keeper in this thread, mutual TLS and signatures between them, each read logged), ' +
  'eligibility and answers checked, the submission and prefill events, the rules’ decision, the address written to ' +
  'the population register, the residence extract made ready, the inbox message. p99 in the name. Baselines in the ' +
  'same run: the engine without HTTP, and the same API with the registers read from their tables directly (no exchange).'

async function both(databaseUrl?: string) {
  const through = await measureSubmissions(databaseUrl)
  const without = await measureSubmissions(databaseUrl, 'off')
  return { through, without }
}

function result(name: string, measured: Awaited<ReturnType<typeof both>>): BenchResult {
  const { through, without } = measured
  return {
    name,
    value: through.http.perSecond,
    unit: `submissions/s (p99 ${through.http.p99} ms)`,
    baselines: {
      [`${name}-engine-without-http (p99 ${through.direct?.p99} ms)`]: through.direct?.perSecond ?? 0,
      [`${name}-registers-read-directly (p99 ${without.http.p99} ms)`]: without.http.perSecond,
    },
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'services.submit.sqlite',
    description: description('embedded SQLite'),
    run: async () => result('services.submit.sqlite', await both()),
  },
  {
    name: 'services.submit.postgres',
    description: description('PostgreSQL (a throwaway cluster on this machine, over its Unix socket)'),
    async run() {
      const postgres = await startPostgres()
      try {
        return result('services.submit.postgres', await both(postgres.socketUrl))
      } finally {
        postgres.stop()
      }
    },
  },
]
