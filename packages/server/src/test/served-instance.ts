import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { openStore, type Store } from '@polis/store'
import type { TestKey } from '@polis/trust/testing'
import { newCliInstance, polisMain, runPolis } from './cli-instance.ts'
import { deviceJwt } from './device-jwt.ts'
import { freePort } from './free-port.ts'
import { insertWalletDevice } from './wallet-device.ts'

export interface Phone {
  id: string
  citizenId: string
  key: TestKey
}

/**
 * An instance run as `polis serve` runs it, in a process of its own that a test can kill:
 * seeded with a small country, its database opened beside it to enrol phones and look.
 */
export async function servedInstance(options: {
  prefix: string
  citizens?: number
  dataDir?: string
  /** On the embedded database whatever engine the suite runs on (its file in `dataDir`). */
  embedded?: boolean
  /** More settings of the instance (an operator token, say). */
  env?: Record<string, string>
}) {
  const instance = await newCliInstance(options.prefix)
  if (options.dataDir) instance.env.POLIS_DATA_DIR = options.dataDir
  if (options.embedded) delete instance.env.DATABASE_URL
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  Object.assign(instance.env, {
    TZ: 'UTC',
    PORT: String(port),
    HOST: '127.0.0.1',
    POLIS_PUBLIC_URL: origin,
    POLIS_EXCHANGE: 'in-process',
    ...options.env,
  })
  const seeded = runPolis(instance, ['seed', '--citizens', String(options.citizens ?? 40)])
  assert.equal(seeded.code, 0, seeded.stderr)
  let server: ChildProcess | undefined
  let store: Store | undefined
  const served = {
    origin,
    /** `polis serve` on the instance, once it answers ready. */
    async start(): Promise<ChildProcess> {
      const child = spawn(process.execPath, [polisMain, 'serve'], {
        env: instance.env,
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      server = child
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
    },
    /** Kills the server at once (SIGKILL: no draining). */
    async kill() {
      if (!server || server.exitCode !== null) return
      const exited = once(server, 'exit')
      server.kill('SIGKILL')
      await exited
    },
    /** Stops it as an operator does (SIGTERM). */
    async stop() {
      if (!server || server.exitCode !== null) return
      const exited = once(server, 'exit')
      server.kill('SIGTERM')
      await exited
    },
    /** The instance's database, opened beside the server. */
    async store(): Promise<Store> {
      store ??= await openStore({
        ...(instance.env.DATABASE_URL ? { databaseUrl: instance.env.DATABASE_URL } : {}),
        dataDir: instance.env.POLIS_DATA_DIR as string,
      })
      return store
    },
    /** Phones of adults, enrolled as the wallet's enrolment leaves them. */
    async enrolPhones(count: number): Promise<Phone[]> {
      const db = (await served.store()).db
      const adults = await db
        .selectFrom('persons')
        .select('id')
        .where('birth_date', '<', '2000-01-01')
        .limit(count)
        .execute()
      const phones: Phone[] = []
      for (const adult of adults) phones.push(await insertWalletDevice(await served.store(), adult.id, new Date()))
      return phones
    },
    /**
     * An address registration from a phone, with its Idempotency-Key: the status, the
     * application's id or the error's code, `Retry-After`, and how long it took (ms).
     * With `timeoutMs`, a request that hangs longer fails.
     */
    async registerAddress(phone: Phone, key: string, houseNumber: string, options: { timeoutMs?: number } = {}) {
      const path = '/api/wallet/applications'
      const jwt = await deviceJwt({ device: phone, origin, method: 'POST', path, now: new Date() })
      const started = Date.now()
      const response = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { authorization: `PolisDevice ${jwt}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({
          service: 'residence-registration',
          answers: {
            region: 'Київська область',
            locality_type: 'м.',
            locality: 'Бровари',
            street: 'вул. Київська',
            house_number: houseNumber,
            postal_code: '07400',
            basis: 'owner',
          },
        }),
        ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
      })
      const body = (await response.json()) as { id?: string; error?: { code: string } }
      return {
        status: response.status,
        id: body.id,
        code: body.error?.code,
        retryAfter: response.headers.get('retry-after'),
        ms: Date.now() - started,
      }
    },
    async close() {
      await served.kill()
      await store?.close()
    },
  }
  return served
}
