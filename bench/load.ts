/**
 * `npm run load [-- --minutes M] [-- --share S]`: a load test on loopback, bounded in time.
 *
 * It starts a throwaway PostgreSQL and `polis serve` on it (a process of its own, as in
 * production) with a seeded country, then plays citizens: signing in with Polis ID
 * through the wallet, fetching their documents (OpenID4VCI), having a document verified,
 * applying for a service and paying a fine. First it measures the capacity (as many at
 * once as keep the server busy, for 20 seconds); then it sends that mix at a steady rate
 * of `share` of the capacity (0.8) for `minutes` (10), and reports throughput, p50 and
 * p99 latency, errors and the server's memory every ten seconds, as a table and a chart:
 * bench/load-report.md and bench/load-report.svg (git-ignored).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { presentSdJwtVc, signCompactJws } from '@polis/documents'
import { epochSeconds } from '@polis/kernel'
import { openStore } from '@polis/store'
import * as oidc from 'openid-client'
import { CookieBrowser } from '../packages/server/src/test/cookie-browser.ts'
import { deviceJwt } from '../packages/server/src/test/device-jwt.ts'
import { freePort } from '../packages/server/src/test/free-port.ts'
import { insertWalletDevice } from '../packages/server/src/test/wallet-device.ts'
import { startPostgres } from '../scripts/start-postgres.ts'

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, share: { type: 'string', default: '0.8' } },
})
const minutes = Number(values.minutes)
const share = Number(values.share)
if (!(minutes > 0 && minutes <= 60 && share > 0 && share <= 1)) {
  console.error('usage: npm run load [-- --minutes 1..60] [-- --share 0..1]')
  process.exit(2)
}

const main = new URL('../packages/server/src/main.ts', import.meta.url).pathname
const redirectUri = 'http://localhost:9/callback'
const form = { 'content-type': 'application/x-www-form-urlencoded' }

// The instance: PostgreSQL, a seeded country, an OpenID Connect client, and polis serve behind a trusted proxy address.
const postgres = await startPostgres()
const port = await freePort()
const origin = `http://127.0.0.1:${port}`
const adminToken = randomBytes(24).toString('hex')
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  TZ: 'UTC',
  DATABASE_URL: postgres.url,
  POLIS_DATA_DIR: mkdtempSync(join(tmpdir(), 'polis-load-')),
  POLIS_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  PORT: String(port),
  HOST: '127.0.0.1',
  POLIS_PUBLIC_URL: origin,
  POLIS_EXCHANGE: 'in-process',
  POLIS_ADMIN_TOKEN: adminToken,
  // Each simulated citizen comes from an address of its own, as a balancer in front says.
  POLIS_TRUSTED_PROXIES: '127.0.0.1',
}
const polis = (args: string[]) => {
  const result = spawnSync(process.execPath, [main, ...args], { env, encoding: 'utf8', timeout: 300_000 })
  if (result.status !== 0) throw new Error(`polis ${args.join(' ')}: ${result.stderr}`)
  return result.stdout
}
console.error('Seeding 400 citizens…')
polis(['seed', '--citizens', '400'])
const client = JSON.parse(
  polis(['clients', 'add', '--name', 'Load test', '--redirect-uri', redirectUri, '--json']),
) as { clientId: string; clientSecret: string }

let server: ChildProcess | undefined
let serverErrors = 0
async function startServer() {
  server = spawn(process.execPath, [main, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
  server.stderr?.on('data', (chunk: Buffer) => {
    serverErrors += (chunk.toString().match(/"level":"error"/g) ?? []).length
  })
  for (let waited = 0; waited < 120_000; waited += 250) {
    if ((await fetch(`${origin}/health/ready`).catch(() => undefined))?.status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error('polis serve did not get ready')
}
await startServer()
const serverPid = server?.pid as number
/** The server's V8 heap in use (MB), from its own metrics: what it holds, where RSS also counts what it has not given back. */
const heapMb = async () => {
  const text = await (await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })).text()
  return Math.round(Number(/^nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text)?.[1] ?? 0) / 1048576)
}
const rssMb = () => {
  const status = readFileSync(`/proc/${serverPid}/status`, 'utf8')
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
}

// The citizens: adults with a phone enrolled, an ID card issued to it, and what they owe.
const store = await openStore({ databaseUrl: postgres.url })
const adults = await store.db
  .selectFrom('persons')
  .select('id')
  .where('birth_date', '<', '2000-01-01')
  .orderBy('id')
  .limit(150)
  .execute()
const citizens: Array<{ phone: Awaited<ReturnType<typeof insertWalletDevice>>; credential: string | undefined }> = []
for (const adult of adults) {
  const phone = await insertWalletDevice(store, adult.id, new Date())
  citizens.push({ phone, credential: undefined })
}
const fines = await store.db
  .selectFrom('debts')
  .select(['id', 'citizen_id'])
  .where('kind', '=', 'traffic-fine')
  .where('status', '=', 'due')
  .where(
    'citizen_id',
    'in',
    adults.map((a) => a.id),
  )
  .execute()
await store.close()

let addressCounter = 0
const nextAddress = () => `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter++ & 255}`
type Citizen = (typeof citizens)[number]
const pick = () => citizens[Math.floor(Math.random() * citizens.length)] as Citizen

/** A device-signed request, from a citizen's own address. */
async function deviceCall(citizen: Citizen, method: string, path: string, init: RequestInit = {}) {
  const jwt = await deviceJwt({ device: citizen.phone, origin, method, path, now: new Date() })
  const response = await fetch(`${origin}${path}`, {
    ...init,
    method,
    headers: { authorization: `PolisDevice ${jwt}`, 'x-forwarded-for': nextAddress(), ...init.headers },
  })
  return response
}
const expect = async (response: Response, status: number, what: string) => {
  if (response.status !== status)
    throw new Error(`${what}: ${response.status} ${(await response.text()).slice(0, 200)}`)
  return response
}

const configuration = await oidc.discovery(
  new URL(`${origin}/id`),
  client.clientId,
  undefined,
  oidc.ClientSecretBasic(client.clientSecret),
  { execute: [oidc.allowInsecureRequests] },
)

/** What citizens do, and how often, out of a hundred. */
const operations: Record<string, { weight: number; run(): Promise<void> }> = {
  /** Signing in to a service with Polis ID: the browser's authorization, the phone's confirmation, the code exchanged. */
  login: {
    weight: 20,
    async run() {
      const citizen = pick()
      const browser = new CookieBrowser(origin, [redirectUri], { 'x-forwarded-for': nextAddress() })
      const verifier = oidc.randomPKCECodeVerifier()
      const state = oidc.randomState()
      const url = await oidc.buildAuthorizationUrlWithPAR(configuration, {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        state,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      })
      const page = await browser.navigate(url.href)
      const loginId = /#login=([\w-]+)/.exec(await page.response.text())?.[1]
      if (!loginId) throw new Error('login: no login page')
      await expect(await deviceCall(citizen, 'POST', `/api/wallet/logins/${loginId}/confirm`), 200, 'confirm')
      let done = await browser.navigate(page.location.replace('/id/interaction/', '/id/auth/'))
      if (!done.location.startsWith(redirectUri)) {
        done = await browser.navigate(`${done.location}/consent`, {
          method: 'POST',
          headers: form,
          body: 'decision=allow',
        })
      }
      await oidc.authorizationCodeGrant(configuration, new URL(done.location), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      })
    },
  },
  /** The wallet fetching an ID card: an offer for the phone, the token, a nonce and the credential. */
  documents: {
    weight: 25,
    async run() {
      const citizen = pick()
      const offered = await expect(await deviceCall(citizen, 'POST', '/api/wallet/offers'), 201, 'offer')
      const { offer } = (await offered.json()) as {
        offer: { credential_configuration_ids: string[]; grants: Record<string, { 'pre-authorized_code': string }> }
      }
      const code = Object.values(offer.grants)[0]?.['pre-authorized_code'] as string
      // The ID card when the registers hold one for this citizen, else the first document offered.
      const ids = offer.credential_configuration_ids
      const configurationId = ids.includes('id-card.sd_jwt_vc') ? 'id-card.sd_jwt_vc' : (ids[0] as string)
      const token = (await (
        await expect(
          await fetch(`${origin}/oid4vci/token`, {
            method: 'POST',
            headers: form,
            body: new URLSearchParams({
              grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
              'pre-authorized_code': code,
            }),
          }),
          200,
          'token',
        )
      ).json()) as { access_token: string }
      const nonce = (await (await fetch(`${origin}/oid4vci/nonce`, { method: 'POST' })).json()) as { c_nonce: string }
      const proof = await signCompactJws({
        header: { alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: citizen.phone.key.publicJwk },
        payload: { aud: origin, iat: epochSeconds(new Date()), nonce: nonce.c_nonce },
        sign: citizen.phone.key.sign,
      })
      const issued = await expect(
        await fetch(`${origin}/oid4vci/credential`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ credential_configuration_id: configurationId, proofs: { jwt: [proof] } }),
        }),
        200,
        'credential',
      )
      const { credentials } = (await issued.json()) as { credentials: Array<{ credential: string }> }
      if (configurationId === 'id-card.sd_jwt_vc') citizen.credential ??= credentials[0]?.credential
    },
  },
  /** A verifier checking a presentation of the ID card: the name and nothing more. */
  verify: {
    weight: 25,
    async run() {
      const holders = citizens.filter((c) => c.credential)
      const holder = holders[Math.floor(Math.random() * holders.length)] ?? pick()
      if (!holder.credential) return operations.documents?.run()
      const nonce = randomUUID()
      const presentation = await presentSdJwtVc({
        credential: holder.credential,
        disclose: ['given_name'],
        holderSign: holder.phone.key.sign,
        nonce,
        audience: 'https://verifier.load.test',
        now: new Date(),
      })
      await expect(
        await fetch(`${origin}/api/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ presentation, nonce, audience: 'https://verifier.load.test' }),
        }),
        200,
        'verify',
      )
    },
  },
  /** An address registration from the wallet, decided by the rules at once. */
  apply: {
    weight: 25,
    async run() {
      const citizen = pick()
      const response = await deviceCall(citizen, 'POST', '/api/wallet/applications', {
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          service: 'residence-registration',
          answers: {
            region: 'Київська область',
            locality_type: 'м.',
            locality: 'Бровари',
            street: 'вул. Київська',
            house_number: String(1 + (addressCounter % 900)),
            apartment: String(1 + Math.floor(Math.random() * 900)),
            postal_code: '07400',
            basis: 'owner',
          },
        }),
      })
      await expect(response, 201, 'apply')
    },
  },
  /** A traffic fine paid: the application, the provider's page, the card, the return. */
  pay: {
    weight: 5,
    async run() {
      const fine = fines.pop()
      if (!fine) return operations.apply?.run()
      const citizen = citizens.find((c) => c.phone.citizenId === fine.citizen_id) as Citizen
      const applied = await expect(
        await deviceCall(citizen, 'POST', '/api/wallet/applications', {
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ service: 'traffic-fines', answers: { fine: fine.id } }),
        }),
        201,
        'pay: apply',
      )
      const { id } = (await applied.json()) as { id: string }
      const started = await expect(
        await deviceCall(citizen, 'POST', `/api/wallet/applications/${id}/payments`),
        201,
        'pay: start',
      )
      const { url } = (await started.json()) as { url: string }
      await expect(
        await fetch(url, {
          method: 'POST',
          headers: form,
          body: new URLSearchParams({ card: '4242424242424242', action: 'pay' }),
          redirect: 'manual',
        }),
        303,
        'pay: card',
      )
      await expect(
        await deviceCall(citizen, 'POST', `/api/wallet/applications/${id}/payments/confirm`),
        200,
        'pay: confirm',
      )
    },
  },
}
const table = Object.entries(operations).flatMap(([name, op]) => Array.from({ length: op.weight }, () => name))
const chooseOperation = () => table[Math.floor(Math.random() * table.length)] as string

interface Done {
  at: number
  name: string
  ms: number
  error?: string
}
const done: Done[] = []
const run = async (name: string) => {
  const started = performance.now()
  try {
    await operations[name]?.run()
    done.push({ at: started, name, ms: performance.now() - started })
  } catch (error) {
    done.push({ at: started, name, ms: performance.now() - started, error: (error as Error).message })
  }
}

// Capacity: as many at once as keep the server busy, for 20 seconds, after 10 of warming up.
console.error('Measuring capacity…')
const closedLoop = async (seconds: number) => {
  const until = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < until) await run(chooseOperation())
    }),
  )
}
await closedLoop(10)
done.length = 0
const capacityStarted = performance.now()
await closedLoop(20)
const capacity = done.length / ((performance.now() - capacityStarted) / 1000)
const capacityErrors = done.filter((d) => d.error).length
const rate = capacity * share
console.error(`Capacity ${capacity.toFixed(0)} operations/s; now ${rate.toFixed(0)}/s for ${minutes} min…`)

// The steady part: operations started at a fixed rate, whatever the answers' pace.
done.length = 0
const samples: Array<{
  second: number
  perSecond: number
  p50: number
  p99: number
  errors: number
  rssMb: number
  heapMb: number
}> = []
const steadyStarted = performance.now()
const windowMs = 10_000
let windowStart = 0
const sampler = setInterval(async () => {
  const now = performance.now()
  const heap = await heapMb().catch(() => 0)
  const inWindow = done.filter((d) => d.at >= now - windowMs && d.at < now)
  const ms = inWindow.map((d) => d.ms).sort((a, b) => a - b)
  const at = (q: number) => Math.round((ms[Math.floor(ms.length * q)] ?? 0) * 10) / 10
  samples.push({
    second: Math.round((now - steadyStarted) / 1000),
    perSecond: Math.round(inWindow.length / (windowMs / 1000)),
    p50: at(0.5),
    p99: at(0.99),
    errors: inWindow.filter((d) => d.error).length,
    rssMb: rssMb(),
    heapMb: heap,
  })
  windowStart = now
}, windowMs)
const inFlight = new Set<Promise<void>>()
const interval = 1000 / rate
for (let k = 0; performance.now() - steadyStarted < minutes * 60_000; k++) {
  const due = steadyStarted + k * interval
  const wait = due - performance.now()
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
  const running = run(chooseOperation()).finally(() => inFlight.delete(running))
  inFlight.add(running)
}
await Promise.all(inFlight)
clearInterval(sampler)
void windowStart

// The report.
const errors = done.filter((d) => d.error)
const all = done.map((d) => d.ms).sort((a, b) => a - b)
const quantile = (values: number[], q: number) => Math.round((values[Math.floor(values.length * q)] ?? 0) * 10) / 10
const settled = samples.filter((s) => s.second > 60)
const firstRss = settled[0]?.rssMb ?? 0
const lastRss = settled.at(-1)?.rssMb ?? 0
// The heap's floor (its lowest in a minute, after collections) in the second minute and in the last.
const floor = (from: number) =>
  Math.min(...samples.filter((s) => s.second > from && s.second <= from + 60).map((s) => s.heapMb))
const heapFirst = floor(60)
const heapLast = floor(Math.max(60, (samples.at(-1)?.second ?? 0) - 60))
const byOperation = Object.keys(operations).map((name) => {
  const mine = done.filter((d) => d.name === name)
  const ms = mine.map((d) => d.ms).sort((a, b) => a - b)
  return `| ${name} | ${mine.length} | ${quantile(ms, 0.5)} | ${quantile(ms, 0.99)} | ${mine.filter((d) => d.error).length} |`
})
const seconds = (performance.now() - steadyStarted) / 1000
const report = [
  `# Load test, ${new Date().toISOString()}`,
  '',
  `Node ${process.version} on ${process.platform}/${process.arch}; polis serve on PostgreSQL, the exchange in-process; this machine's two cores shared with the citizens' side.`,
  '',
  `- Capacity (16 at a time, 20 s): **${capacity.toFixed(1)} operations/s** (${capacityErrors} errors).`,
  `- Steady: ${(share * 100).toFixed(0)}% of it, ${rate.toFixed(1)}/s for ${minutes} min: **${(done.length / seconds).toFixed(1)} operations/s**, p50 ${quantile(all, 0.5)} ms, p99 ${quantile(all, 0.99)} ms, **${errors.length} errors**, ${serverErrors} errors in the server's log.`,
  `- The server's memory after the first minute: ${firstRss} MB resident, at the end ${lastRss} MB (${firstRss ? (((lastRss - firstRss) / firstRss) * 100).toFixed(1) : '0'}%); its heap in use at its lowest in the second minute ${heapFirst} MB, in the last ${heapLast} MB.`,
  '',
  '| operation | done | p50 ms | p99 ms | errors |',
  '| --- | --- | --- | --- | --- |',
  ...byOperation,
  '',
  '| second | operations/s | p50 ms | p99 ms | errors | server RSS MB | heap in use MB |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...samples.map(
    (s) => `| ${s.second} | ${s.perSecond} | ${s.p50} | ${s.p99} | ${s.errors} | ${s.rssMb} | ${s.heapMb} |`,
  ),
  ...(errors.length > 0 ? ['', 'First errors:', '', ...errors.slice(0, 10).map((e) => `- ${e.name}: ${e.error}`)] : []),
  '',
].join('\n')
writeFileSync(new URL('./load-report.md', import.meta.url), report)
writeFileSync(new URL('./load-report.svg', import.meta.url), chart(samples))
console.log(report)

server?.kill('SIGTERM')
await new Promise((resolve) => server?.once('exit', resolve))
postgres.stop()
process.exit(errors.length === 0 && serverErrors === 0 ? 0 : 1)

/** Throughput, p99 latency and the server's memory over time, one line each, as an SVG chart. */
function chart(points: typeof samples): string {
  const width = 720
  const height = 360
  const pad = { left: 56, right: 16, top: 40, bottom: 40 }
  const plotW = width - pad.left - pad.right
  const plotH = height - pad.top - pad.bottom
  const last = Math.max(1, ...points.map((p) => p.second))
  const x = (second: number) => pad.left + (second / last) * plotW
  const series = [
    { key: 'perSecond' as const, label: 'operations/s', colour: '#1d4ed8' },
    { key: 'p99' as const, label: 'p99 ms', colour: '#b91c1c' },
    { key: 'rssMb' as const, label: 'server RSS MB', colour: '#047857' },
    { key: 'heapMb' as const, label: 'heap in use MB', colour: '#7c3aed' },
  ]
  const lines = series.map((s, i) => {
    const top = Math.max(1, ...points.map((p) => p[s.key]))
    const y = (value: number) => pad.top + plotH - (value / top) * plotH
    const path = points.map((p, j) => `${j === 0 ? 'M' : 'L'}${x(p.second).toFixed(1)},${y(p[s.key]).toFixed(1)}`)
    return `<path d="${path.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"/>
<text x="${pad.left + i * 160}" y="24" fill="${s.colour}" font-size="13">${s.label} (max ${Math.round(top)})</text>`
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" role="img" aria-label="Load test over time">
<rect width="100%" height="100%" fill="#fff"/>
<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${pad.left + plotW}" y2="${pad.top + plotH}" stroke="#444"/>
<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${pad.top + plotH}" stroke="#444"/>
<text x="${pad.left}" y="${height - 12}" font-size="12">0 s</text>
<text x="${pad.left + plotW - 40}" y="${height - 12}" font-size="12">${last} s</text>
<text x="8" y="${pad.top + 12}" font-size="11">each line</text>
<text x="8" y="${pad.top + 26}" font-size="11">to its max</text>
${lines.join('\n')}
</svg>
`
}
