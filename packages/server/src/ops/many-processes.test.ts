import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { after, before, describe, it } from 'node:test'
import { openStore, type Store } from '@polis/store'
import type { Browser, BrowserContext } from 'playwright-core'
import { newCliInstance, polisMain, runPolis } from '../test/cli-instance.ts'
import { confirmOnPhone } from '../test/confirm-on-phone.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { freePort } from '../test/free-port.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { startRoundRobinProxy } from '../test/round-robin-proxy.ts'

// Several processes share one PostgreSQL, as a production set-up runs them; the embedded database is one process's.
const databaseUrl = process.env.POLIS_TEST_DATABASE_URL

let instance: Awaited<ReturnType<typeof newCliInstance>>
let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>
let store: Store
let browser: Browser
const servers = new Map<number, ChildProcess>()
const pin = '1357'

/** One `polis serve` of the instance on `port`, behind the proxy's address, once it answers ready. */
async function startServer(port: number) {
  const child = spawn(process.execPath, [polisMain, 'serve'], {
    env: { ...instance.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  servers.set(port, child)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) assert.fail(`serve on ${port} exited: ${stderr.slice(-2000)}`)
    if (waited > 120_000) assert.fail(`serve on ${port} did not get ready`)
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined)
    if (ready?.status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

before(async () => {
  if (!databaseUrl) return
  instance = await newCliInstance('many')
  const ports = [await freePort(), await freePort()]
  proxy = await startRoundRobinProxy(ports)
  Object.assign(instance.env, {
    TZ: 'UTC',
    HOST: '127.0.0.1',
    POLIS_PUBLIC_URL: proxy.origin,
    POLIS_EXCHANGE: 'in-process',
  })
  const seeded = runPolis(instance, ['seed', '--citizens', '30'])
  assert.equal(seeded.code, 0, seeded.stderr)
  await Promise.all(ports.map(startServer))
  store = await openStore({ databaseUrl: instance.env.DATABASE_URL as string })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  for (const child of servers.values()) child.kill('SIGKILL')
  proxy?.close()
  await store?.close()
})

describe('two server processes on one PostgreSQL behind a round-robin proxy', () => {
  it('carries a citizen from the wallet to a signed-in service with each request on either process, and goes on when one dies', {
    skip: databaseUrl ? false : 'several processes share a PostgreSQL: this runs on the PostgreSQL pass',
    timeout: 300_000,
  }, async () => {
    const phoneContext: BrowserContext = await browser.newContext({ ...phone, locale: 'en-GB' })
    const desktopContext = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-GB' })
    const wallet = await phoneContext.newPage()
    const desktop = await desktopContext.newPage()
    const origin = proxy.origin

    // Enrolment: the demo bank's sign-in, the wallet's device, the documents issued, each step on either process.
    const citizenId = await enrolWallet(wallet, {
      origin,
      pin,
      choose: (offered) => offered[0],
    })

    // Polis ID across devices: the browser waits on one process while the phone confirms on the other.
    await desktop.goto(`${origin}/services/residence-registration`)
    await desktop.getByRole('link', { name: 'Sign in and start' }).click()
    await confirmOnPhone(desktop, wallet, pin)
    await desktop.getByRole('heading', { name: /asks for your data/ }).waitFor({ timeout: 15_000 })
    await desktop.getByRole('button', { name: 'Allow' }).click()
    await desktop.getByRole('heading', { name: 'Your current address' }).waitFor()
    const [first, second] = [...proxy.served.values()]
    assert.ok((first ?? 0) > 10 && (second ?? 0) > 10, `both processes served: ${first} and ${second}`)

    // One process dies (SIGKILL); the proxy passes it over and the citizen goes on, signed in, on the other.
    const [dying] = [...servers.keys()]
    servers.get(dying as number)?.kill('SIGKILL')
    await once(servers.get(dying as number) as ChildProcess, 'exit')
    await desktop.getByRole('button', { name: 'Continue' }).click()
    await desktop.getByRole('heading', { name: 'Your new address' }).waitFor()
    await desktop.getByLabel('Region').fill('Львівська область')
    await desktop.getByLabel('City or town').check()
    await desktop.getByLabel('Town or village').fill('Львів')
    await desktop.getByLabel('Street').fill('вул. Городоцька')
    await desktop.getByLabel('House number').fill('17')
    await desktop.getByLabel('Postcode').fill('79000')
    await desktop.getByRole('button', { name: 'Continue' }).click()
    await desktop.getByRole('heading', { name: 'The home' }).waitFor()
    await desktop.getByLabel('A rental agreement').check()
    await desktop.getByRole('button', { name: 'Continue' }).click()
    await desktop.getByRole('heading', { name: 'Check your answers' }).waitFor()
    await desktop.getByRole('button', { name: 'Submit' }).click()
    await desktop.getByRole('heading', { name: 'Application submitted' }).waitFor()

    // And it is there for both: in the database the processes share, and on the phone.
    const applications = await store.db
      .selectFrom('applications')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .execute()
    assert.equal(applications.length, 1)
    await phoneContext.close()
    await desktopContext.close()
  })
})
