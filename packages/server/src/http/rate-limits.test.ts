import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { registerClient } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import { createApiKey } from '../business/businesses.ts'
import { approvedBusiness, insertApprover } from '../test/approved-business.ts'
import { CookieBrowser } from '../test/cookie-browser.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'
import { verifierRequestsPerBusiness } from '../verifier-api/verifier-api-routes.ts'
import { applicationsPerCitizen } from './service-routes.ts'
import { signingRequestsPerClient } from './signature-routes.ts'
import { enrolmentsPerCitizen } from './wallet-routes.ts'

// In-process requests all come from one address, `in-process`; the listening instance's from 127.0.0.1.
let t: Awaited<ReturnType<typeof createTestPlatform>>
let listening: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 5 })
  listening = await createTestPlatform({ citizens: 5, listen: true })
})
after(async () => {
  await t?.close()
  await listening?.close()
})

interface Refusal {
  status: number
  headers: Headers
  text: () => Promise<string>
}

/** A refusal of the limit: 429, ERR_RATE_LIMITED, and Retry-After as the seconds left in the window. */
async function assertLimited(response: Refusal, retryAfter: number, where: string) {
  assert.equal(response.status, 429, where)
  assert.equal(response.headers.get('retry-after'), String(retryAfter), where)
  assert.equal((JSON.parse(await response.text()) as { error: { code: string } }).error.code, 'ERR_RATE_LIMITED')
}

/** Sends until the limit answers; returns how many went through first and the refusal. */
async function exhaust(send: () => Response | Promise<Response>, most: number) {
  for (let sent = 0; sent <= most; sent += 1) {
    const response = await send()
    if (response.status === 429) return { passed: sent, refusal: response }
  }
  assert.fail(`no refusal after ${most + 1} requests`)
}

/** The security events the limits wrote: kinds only, the subject a hash. */
async function securityEvents(store: typeof t.platform.store) {
  return store.db.selectFrom('security_events').select(['kind', 'subject_hash']).execute()
}

describe(`rate limits with Retry-After on ${testEngine}`, () => {
  // The clock is frozen at 10:00:00, the start of every window here but the day's.
  it('limits wallet enrolment starts per address: 30 in ten minutes', async () => {
    const { passed, refusal } = await exhaust(() => t.app.request('/api/wallet/enrol/start?provider=demo-bank'), 40)
    assert.equal(passed, 30)
    await assertLimited(refusal, 600, 'enrolment start')
    // With no proxy trusted, a client's own X-Forwarded-For changes nothing.
    const spoofed = await t.app.request('/api/wallet/enrol/start?provider=demo-bank', {
      headers: { 'x-forwarded-for': '203.0.113.99' },
    })
    assert.equal(spoofed.status, 429)
  })

  it('counts the client behind a trusted proxy by the address the proxy added, never by what the client wrote', async () => {
    const behindProxy = await createTestPlatform({
      citizens: 5,
      listen: true,
      env: () => ({ POLIS_TRUSTED_PROXIES: '127.0.0.1, ::1' }),
    })
    try {
      const start = (forwardedFor: string) =>
        fetch(`${behindProxy.origin}/api/wallet/enrol/start?provider=nope`, {
          headers: { 'x-forwarded-for': forwardedFor },
          redirect: 'manual',
        })
      // The client writes a new address of its own each time; the proxy appends the one it saw.
      let i = 0
      const { passed, refusal } = await exhaust(() => start(`192.0.2.${i++ % 250}, 203.0.113.7`), 40)
      assert.equal(passed, 30)
      await assertLimited(refusal, 600, 'one client behind the proxy')
      // Another client behind the same proxy is not held back by the first.
      assert.notEqual((await start('203.0.113.8')).status, 429)
      assert.notEqual((await start('192.0.2.1, 203.0.113.9, 127.0.0.1')).status, 429, 'a chain of trusted proxies')
    } finally {
      await behindProxy.close()
    }
  })

  it('limits Polis ID sign-in starts per address: 60 a minute, however the path is spelled', async () => {
    const spellings = ['/id/auth', '/id/AUTH', '/id/auth/', '/id/Auth//']
    let i = 0
    const { passed, refusal } = await exhaust(() => t.app.request(`${spellings[i++ % 4]}?client_id=x`), 70)
    assert.equal(passed, 60)
    await assertLimited(refusal, 60, 'Polis ID authorization')
    // The provider's other endpoints are not counted: discovery still answers (here, that it needs a socket).
    assert.notEqual((await t.app.request('/id/.well-known/openid-configuration')).status, 429)
  })

  it('limits the signing page’s uploads per address (30 in ten minutes) and the public check of signatures (60 a minute)', async () => {
    const upload = () => {
      const form = new FormData()
      form.set('document', new File(['a note'], 'note.txt', { type: 'text/plain' }))
      return t.app.request('/signatures/requests', { method: 'POST', body: form })
    }
    const uploads = await exhaust(upload, 40)
    assert.equal(uploads.passed, 30)
    await assertLimited(uploads.refusal, 600, 'signing page')
    for (const path of ['/signatures/verify', '/api/signatures/verify']) {
      const check = () => {
        const form = new FormData()
        form.set('document', new File(['a note'], 'note.txt', { type: 'text/plain' }))
        return t.app.request(path, { method: 'POST', body: form })
      }
      const checks = await exhaust(check, 70)
      // The page and the API share one allowance: a checker cannot double it by switching.
      assert.equal(checks.passed, path === '/signatures/verify' ? 60 : 0, path)
      await assertLimited(checks.refusal, 60, path)
    }
  })

  it('limits a business’s signing requests per client, counted only once it proved who it is', async () => {
    const shop = await registerClient({
      store: t.platform.store,
      sealer: t.platform.keys,
      now: t.now(),
      registration: { name: 'Busy Shop', redirectUris: ['https://shop.example/callback'] },
    })
    const basic = (secret: string | undefined) =>
      `Basic ${Buffer.from(`${shop.clientId}:${secret}`).toString('base64')}`
    const ask = (secret = shop.clientSecret) =>
      t.app.request('/api/signing-requests', {
        method: 'POST',
        headers: { authorization: basic(secret), 'content-type': 'application/json' },
        body: JSON.stringify({
          document: { name: 'note.txt', mediaType: 'text/plain', content: Buffer.from('a note').toString('base64') },
        }),
      })
    // Someone without the secret cannot use up the shop's allowance.
    for (let i = 0; i < signingRequestsPerClient.limit + 5; i += 1) assert.equal((await ask('guess')).status, 401)
    const { passed, refusal } = await exhaust(() => ask(), signingRequestsPerClient.limit + 5)
    assert.equal(passed, signingRequestsPerClient.limit)
    await assertLimited(refusal, signingRequestsPerClient.windowSeconds, 'signing requests')
  })

  it('limits the requests a business sends citizens through the verifier API per business, counted only once its key is checked', async () => {
    const approver = t.citizens[1]?.id as string
    await insertApprover(t.platform, { citizenId: approver, agency: 'ministry-of-digital' })
    const bank = await approvedBusiness(t.platform, { approver, claims: ['given_name'] })
    const key = await createApiKey(t.platform, bank.business.id)
    const other = await approvedBusiness(t.platform, { approver, registerNumber: '40000025', claims: ['given_name'] })
    const otherKey = await createApiKey(t.platform, other.business.id)
    const query = {
      credentials: [
        {
          id: 'id_card',
          format: 'dc+sd-jwt',
          meta: { vct_values: [`${t.origin}/vct/id-card`] },
          claims: [{ path: ['given_name'] }],
        },
      ],
    }
    const ask = (apiKey: string) =>
      t.app.request('/api/verifier/requests', {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ purpose: 'open-account', dcql_query: query }),
      })
    // Someone with a guessed key cannot use up the bank's allowance.
    const guessed = `${key.slice(0, -4)}AAAA`
    for (let i = 0; i < verifierRequestsPerBusiness.limit + 5; i += 1) assert.equal((await ask(guessed)).status, 401)
    const { passed, refusal } = await exhaust(() => ask(key), verifierRequestsPerBusiness.limit + 5)
    assert.equal(passed, verifierRequestsPerBusiness.limit)
    await assertLimited(refusal, verifierRequestsPerBusiness.windowSeconds, 'verifier requests')
    // Another business from the same address is not held back.
    assert.equal((await ask(otherKey)).status, 201)
  })

  it('limits the applications one citizen sends from wallets, counted only once a device proved whose it is', async () => {
    const [citizen, another] = t.citizens.filter((c) => c.birthDate < '2000-01-01')
    assert.ok(citizen && another)
    const phones = [
      await insertWalletDevice(t.platform.store, citizen.id, t.now()),
      await insertWalletDevice(t.platform.store, citizen.id, t.now()),
    ]
    let i = 0
    const submit = async (device: (typeof phones)[number], signed = true) => {
      const path = '/api/wallet/applications'
      const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path, now: t.now() })
      // A service the citizen cannot apply to answers at once (422): what is counted is the attempt.
      return t.app.request(path, {
        method: 'POST',
        headers: {
          authorization: `PolisDevice ${signed ? jwt : `${jwt.slice(0, -4)}AAAA`}`,
          'content-type': 'application/json',
          'idempotency-key': `limit-test-${i++}`,
        },
        body: JSON.stringify({ service: 'residence-registration', answers: {} }),
      })
    }
    // A device signature that does not verify is refused before anything is counted.
    for (let n = 0; n < 5; n += 1) assert.equal((await submit(phones[0] as (typeof phones)[number], false)).status, 401)
    // The citizen's two phones share one allowance.
    const { passed, refusal } = await exhaust(
      () => submit(phones[i % 2] as (typeof phones)[number]),
      applicationsPerCitizen.limit + 5,
    )
    assert.equal(passed, applicationsPerCitizen.limit)
    await assertLimited(refusal, applicationsPerCitizen.windowSeconds, 'applications')
    // Another citizen is not held back.
    const theirs = await submit(await insertWalletDevice(t.platform.store, another.id, t.now()))
    assert.notEqual(theirs.status, 429)
    const kinds = (await securityEvents(t.platform.store)).map((e) => e.kind)
    assert.ok(
      kinds.includes('rate-limited:applications-citizen') && kinds.includes('rate-limited:verifier-requests-business'),
    )
  })

  it('limits the phones one citizen enrols a day, from any browser, without handing out the token', async () => {
    const [citizen, another] = listening.citizens
    assert.ok(citizen && another)
    /** The whole sign-in at the DEMO BANK in a fresh browser; returns where the wallet is sent back to. */
    const proveIdentity = async (citizenId: string) => {
      const browser = new CookieBrowser(listening.origin)
      const { location, response } = await browser.navigate(
        `${listening.origin}/api/wallet/enrol/start?provider=demo-bank`,
      )
      assert.equal(response.status, 200, location)
      const html = await response.text()
      const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1]
      assert.ok(action, 'the bank’s login form')
      const done = await browser.navigate(`${listening.origin}${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ citizen: citizenId }).toString(),
      })
      return done.location
    }
    for (let i = 0; i < enrolmentsPerCitizen.limit; i += 1) {
      assert.match(await proveIdentity(citizen.id), /#enrol=[\w-]+$/)
    }
    const refused = await proveIdentity(citizen.id)
    assert.match(refused, /#enrol-error=ERR_RATE_LIMITED$/)
    assert.doesNotMatch(refused, /#enrol=/)
    // Another citizen from the same address is not held back.
    assert.match(await proveIdentity(another.id), /#enrol=[\w-]+$/)
    const events = await securityEvents(listening.platform.store)
    assert.deepEqual(
      events.map((e) => e.kind),
      ['rate-limited:enrolment-citizen'],
    )
    assert.ok(!events.some((e) => e.subject_hash.includes(citizen.id)), 'the citizen only as a hash')
  })
})
