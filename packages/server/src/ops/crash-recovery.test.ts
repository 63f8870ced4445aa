import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { openStore, type Store, testEngine } from '@polis/store'
import { createTestKey } from '@polis/trust/testing'
import { newCliInstance, polisMain, runPolis } from '../test/cli-instance.ts'
import { deviceJwt } from '../test/device-jwt.ts'

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

let instance: Awaited<ReturnType<typeof newCliInstance>>
let origin: string
let store: Store
let server: ChildProcess | undefined
before(async () => {
  instance = await newCliInstance('crash')
  const port = await freePort()
  origin = `http://127.0.0.1:${port}`
  Object.assign(instance.env, {
    TZ: 'UTC',
    PORT: String(port),
    HOST: '127.0.0.1',
    POLIS_PUBLIC_URL: origin,
    POLIS_EXCHANGE: 'in-process',
  })
  const seeded = runPolis(instance, ['seed', '--citizens', '40'])
  assert.equal(seeded.code, 0, seeded.stderr)
})
after(async () => {
  server?.kill('SIGKILL')
  await store?.close()
})

/** `polis serve` on the instance, once it answers ready. */
async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [polisMain, 'serve'], {
    env: instance.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) assert.fail(`serve exited: ${stderr.slice(-2000)}`)
    if (waited > 120_000) assert.fail('serve did not get ready')
    const ready = await fetch(`${origin}/health/ready`).catch(() => undefined)
    if (ready?.status === 200) return child
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe(`a server killed in the middle of submissions, on ${testEngine}`, () => {
  it('loses and duplicates nothing: every submission retried with its key ends as exactly one application', {
    timeout: 300_000,
  }, async () => {
    server = await startServer()
    store = await openStore({
      ...(instance.env.DATABASE_URL ? { databaseUrl: instance.env.DATABASE_URL } : {}),
      dataDir: instance.env.POLIS_DATA_DIR as string,
    })
    // Phones of adults, enrolled as the wallet's enrolment leaves them.
    const adults = await store.db
      .selectFrom('persons')
      .select('id')
      .where('birth_date', '<', '2000-01-01')
      .limit(8)
      .execute()
    const phones = adults.map((adult) => ({ id: randomUUID(), citizenId: adult.id, key: createTestKey() }))
    for (const phone of phones) {
      await store.db
        .insertInto('wallet_devices')
        .values({
          id: phone.id,
          citizen_id: phone.citizenId,
          public_jwk: JSON.stringify(phone.key.publicJwk),
          name: 'Phone',
          created_at: new Date().toISOString(),
          revoked_at: null,
        })
        .execute()
    }
    const submissions = Array.from({ length: 48 }, (_, i) => ({
      key: `crash-test-${i}-${randomUUID()}`,
      phone: phones[i % phones.length] as (typeof phones)[number],
      answers: {
        region: 'Київська область',
        locality_type: 'м.',
        locality: 'Бровари',
        street: 'вул. Київська',
        house_number: String(10 + i),
        postal_code: '07400',
        basis: 'owner',
      },
    }))
    const submit = async (submission: (typeof submissions)[number]) => {
      const path = '/api/wallet/applications'
      const jwt = await deviceJwt({ device: submission.phone, origin, method: 'POST', path, now: new Date() })
      const response = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: {
          authorization: `PolisDevice ${jwt}`,
          'content-type': 'application/json',
          'idempotency-key': submission.key,
        },
        body: JSON.stringify({ service: 'residence-registration', answers: submission.answers }),
      })
      const body = (await response.json()) as { id?: string }
      return { status: response.status, id: body.id }
    }

    // Submissions four at a time; the server is killed (SIGKILL: no draining) once a dozen are answered.
    const acknowledged = new Map<string, string>()
    let next = 0
    let cutOff = 0
    const killed = (async () => {
      while (acknowledged.size < 12) await new Promise((resolve) => setTimeout(resolve, 5))
      server?.kill('SIGKILL')
    })()
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < submissions.length) {
          const submission = submissions[next++] as (typeof submissions)[number]
          const answer = await submit(submission).catch(() => undefined)
          if (answer?.status === 201 && answer.id) acknowledged.set(submission.key, answer.id)
          else cutOff++
        }
      }),
    )
    await killed
    // Some were answered, some cut off in flight or refused while the server was gone.
    assert.ok(acknowledged.size >= 12 && cutOff > 0, `${acknowledged.size} answered, ${cutOff} cut off`)

    // The same process started again; every submission retried with its key, the acknowledged ones too.
    server = await startServer()
    for (const submission of submissions) {
      const answer = await submit(submission)
      assert.ok(answer.status === 201 || answer.status === 200, `retry answered ${answer.status}`)
      const first = acknowledged.get(submission.key)
      if (first) assert.equal(answer.id, first, 'a retry of an acknowledged submission answers the same application')
    }
    const applications = await store.db
      .selectFrom('applications')
      .select(['id', 'client_key'])
      .where('client_key', 'like', 'crash-test-%')
      .execute()
    assert.equal(applications.length, submissions.length, 'one application per submission, none lost, none twice')
    assert.equal(new Set(applications.map((a) => a.client_key)).size, submissions.length)
    server.kill('SIGTERM')
    await once(server, 'exit')
    server = undefined
  })
})
