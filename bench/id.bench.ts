import { createHash, randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import * as oidc from 'openid-client'
import { CookieBrowser } from '../packages/server/src/test/cookie-browser.ts'
import { deviceJwt } from '../packages/server/src/test/device-jwt.ts'
import { startPostgres } from '../scripts/start-postgres.ts'
import { postgresCpuMilliseconds, processCpuMilliseconds } from './cpu-time.ts'
import type { IdServerSetup } from './id-server.worker.ts'
import { createLoopbackFetch } from './loopback-fetch.ts'
import { type Benchmark, type BenchResult, compare } from './measure.ts'
import { sharedClock } from './shared-clock.ts'

const redirectUri = 'http://localhost:9/callback'
const form = { 'content-type': 'application/x-www-form-urlencoded' }
/**
 * Browsers signing in at once: enough to keep the server busy (at eight its thread still
 * waited about a tenth of the time for the browsers' side, which shares the two cores).
 */
const concurrency = 16

/** Polis ID in a worker thread on the engine given; the bench's side talks to it over HTTP. */
async function startServer(databaseUrl: string | undefined, setup: IdServerSetup) {
  const worker = new Worker(new URL('./id-server.worker.ts', import.meta.url), {
    workerData: setup,
    env: { ...process.env, POLIS_TEST_DATABASE_URL: databaseUrl ?? '' },
  })
  const replies = new Map<number, (value: number) => void>()
  let next = 0
  const ready = await new Promise<{ origin: string; clientId: string; clientSecret: string }>((resolve, reject) => {
    worker.once('error', reject)
    worker.on(
      'message',
      (message: { ready?: { origin: string; clientId: string; clientSecret: string }; id?: number; cpu?: number }) => {
        if (message.ready) resolve(message.ready)
        else replies.get(message.id as number)?.(message.cpu ?? 0)
      },
    )
  })
  const ask = (message: object) =>
    new Promise<number>((resolve) => {
      const id = next++
      replies.set(id, (value) => {
        replies.delete(id)
        resolve(value)
      })
      worker.postMessage({ id, ...message })
    })
  return {
    ...ready,
    confirmDirectly: async (loginId: string, phoneId: string) => {
      await ask({ confirm: { loginId, phoneId } })
    },
    /** Milliseconds of CPU the server's thread has used so far. */
    serverCpuMilliseconds: () => ask({ cpu: true }),
    close: async () => {
      await ask({ close: true })
      await worker.terminate()
    },
  }
}

/**
 * The S256 code challenge (RFC 7636 4.2), as openid-client's `calculatePKCECodeChallenge`
 * makes it, on node:crypto: WebCrypto's digest goes through the thread pool, a job that
 * cost the relying party's side more than the hash.
 */
const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url')

/** Logins for the CPU account, after the timed rounds. */
const accountedLogins = 800

async function measureLogins(databaseUrl?: string, postgresDataDir?: string) {
  // The browsers, the relying party and the phones on node:http (loopback-fetch.ts).
  const send = createLoopbackFetch({ sockets: 4 * concurrency })
  const clock = new SharedArrayBuffer(4)
  const now = sharedClock(clock)
  const phones: Array<{ id: string; key: TestKey }> = Array.from({ length: 20 }, () => ({
    id: randomUUID(),
    key: createTestKey(),
  }))
  const server = await startServer(databaseUrl, {
    clock,
    redirectUri,
    phones: phones.map((p) => ({ id: p.id, publicJwk: p.key.publicJwk })),
  })
  const { origin } = server
  const config = await oidc.discovery(
    new URL(`${origin}/id`),
    server.clientId,
    undefined,
    oidc.ClientSecretBasic(server.clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  )
  config[oidc.customFetch] = send
  const confirmByPhone = async (phone: (typeof phones)[number], loginId: string) => {
    const path = `/api/wallet/logins/${loginId}/confirm`
    const jwt = await deviceJwt({ device: phone, origin, method: 'POST', path, now: now() })
    const response = await send(`${origin}${path}`, {
      method: 'POST',
      headers: { authorization: `PolisDevice ${jwt}` },
    })
    if (response.status !== 200) throw new Error(`confirm failed: ${response.status}`)
  }
  // The baseline's stand-in for the phone: the login marked confirmed in the database.
  const confirmDirectly = (phone: (typeof phones)[number], loginId: string) => server.confirmDirectly(loginId, phone.id)
  const login = async (i: number, confirm: typeof confirmByPhone, userinfo = false) => {
    // Two seconds of the platform's clock a login: thirty an address a minute, inside the
    // rate limit of sign-ins (one address plays every browser here).
    now.advance(2)
    const phone = phones[i % phones.length] as (typeof phones)[number]
    const browser = new CookieBrowser(origin, [redirectUri], {}, send)
    const verifier = oidc.randomPKCECodeVerifier()
    const state = oidc.randomState()
    const url = await oidc.buildAuthorizationUrlWithPAR(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      state,
      code_challenge: pkceChallenge(verifier),
      code_challenge_method: 'S256',
      acr_values: 'substantial',
    })
    const page = await browser.navigate(url.href)
    const loginId = /#login=([\w-]+)/.exec(await page.response.text())?.[1]
    if (!loginId) throw new Error('no login page')
    await confirm(phone, loginId)
    // Confirmed on the phone, the sign-in is complete: the page goes on to resume it, as its poll says.
    let done = await browser.navigate(page.location.replace('/id/interaction/', '/id/auth/'))
    if (!done.location.startsWith(redirectUri)) {
      // The first login of each citizen asks for consent, once.
      done = await browser.navigate(`${done.location}/consent`, {
        method: 'POST',
        headers: form,
        body: 'decision=allow',
      })
    }
    const tokens = await oidc.authorizationCodeGrant(config, new URL(done.location), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    })
    if (tokens.claims()?.acr !== 'substantial') throw new Error('no ID token of level substantial')
    if (userinfo) {
      // As a relying party does for the claims consented to: the register read through the exchange.
      const claims = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()?.sub as string)
      if (!claims.given_name) throw new Error('no claims from userinfo')
    }
  }
  try {
    for (let i = 0; i < phones.length; i++) await login(i, confirmByPhone)
    const rates = await compare(
      {
        ours: (i) => login(i, confirmByPhone),
        withoutConfirmation: (i) => login(i, confirmDirectly),
        withUserinfo: (i) => login(i, confirmByPhone, true),
      },
      { concurrency, rounds: 5, seconds: 2 },
    )
    // What a login costs the machine: this process (server and browsers, every thread) and PostgreSQL.
    const nodeBefore = processCpuMilliseconds()
    const serverBefore = await server.serverCpuMilliseconds()
    const postgresBefore = postgresDataDir ? postgresCpuMilliseconds(postgresDataDir) : 0
    let next = 1_000_000
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < 1_000_000 + accountedLogins) await login(next++, confirmByPhone)
      }),
    )
    const cpu = {
      node: (processCpuMilliseconds() - nodeBefore) / accountedLogins,
      server: ((await server.serverCpuMilliseconds()) - serverBefore) / accountedLogins,
      postgres: postgresDataDir ? (postgresCpuMilliseconds(postgresDataDir) - postgresBefore) / accountedLogins : 0,
    }
    return {
      ours: rates.ours as number,
      withoutConfirmation: rates.withoutConfirmation as number,
      withUserinfo: rates.withUserinfo as number,
      cpu,
    }
  } finally {
    await server.close()
  }
}

const description = (engine: string) =>
  `Complete wallet logins per second with Polis ID on ${engine}, the server in a thread of its own and ${concurrency} ` +
  'browsers at a time on loopback HTTP: pushed authorization request, authorize, the login page (QR and control code), ' +
  'the wallet’s device-signed confirmation (which completes the sign-in), the browser resuming it, the code exchanged ' +
  'and the ID token validated by openid-client'

const result = (
  name: string,
  results: {
    ours: number
    withoutConfirmation: number
    withUserinfo: number
    cpu: { node: number; server: number; postgres: number }
  },
): BenchResult => ({
  name,
  value: results.ours,
  unit: 'logins/s',
  baselines: {
    [`${name}-without-wallet-confirmation`]: results.withoutConfirmation,
    // Not a baseline: the same logins with the relying party's userinfo request after them.
    [`${name}-with-userinfo`]: results.withUserinfo,
  },
  notes:
    `CPU a login: ${results.cpu.node.toFixed(1)} ms in Node (${results.cpu.server.toFixed(1)} in the server's thread, the rest the browsers')` +
    (results.cpu.postgres > 0 ? `, ${results.cpu.postgres.toFixed(1)} ms in PostgreSQL` : ''),
})

export const benchmarks: Benchmark[] = [
  {
    name: 'id.login.sqlite',
    description: description('embedded SQLite'),
    run: async () => result('id.login.sqlite', await measureLogins()),
  },
  {
    name: 'id.login.postgres',
    description: description('PostgreSQL (a throwaway cluster on this machine)'),
    async run() {
      const postgres = await startPostgres()
      try {
        return result(
          'id.login.postgres',
          await measureLogins(process.env.POLIS_BENCH_TCP ? postgres.url : postgres.socketUrl, postgres.dataDir),
        )
      } finally {
        postgres.stop()
      }
    },
  },
]
