import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { addOfficial, registerClient } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import * as oidc from 'openid-client'
import * as OTPAuth from 'otpauth'
import { CookieBrowser } from '../test/cookie-browser.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
const redirectUri = 'http://localhost:9/office/callback'
let office: { clientId: string; clientSecret?: string }
const form = { 'content-type': 'application/x-www-form-urlencoded' }

before(async () => {
  t = await createTestPlatform({ listen: true, citizens: 20 })
  office = await registerClient({
    store: t.platform.store,
    sealer: t.platform.keys,
    now: t.now(),
    registration: {
      name: 'Polis Office',
      redirectUris: [redirectUri],
      scopes: ['openid', 'profile', 'office'],
      subjectType: 'public',
    },
  })
})
after(() => t?.close())

const phoneOf = (citizenId: string) => insertWalletDevice(t.platform.store, citizenId, t.now())

/** The office's sign-in up to the second factor: PAR, the login page, the wallet's confirmation, the finish. */
async function walletStep(citizenId: string) {
  const phone = await phoneOf(citizenId)
  const config = await oidc.discovery(
    new URL(`${t.origin}/id`),
    office.clientId,
    undefined,
    oidc.ClientSecretBasic(office.clientSecret as string),
    { execute: [oidc.allowInsecureRequests] },
  )
  const browser = new CookieBrowser(t.origin, [redirectUri])
  const verifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const url = await oidc.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile office',
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    acr_values: 'high',
  })
  const page = await browser.navigate(url.href)
  const loginId = /#login=([\w-]+)/.exec(await page.response.text())?.[1] as string
  const path = `/api/wallet/logins/${loginId}/confirm`
  const jwt = await deviceJwt({ device: phone, origin: t.origin, method: 'POST', path, now: t.now() })
  const confirmed = await fetch(`${t.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `PolisDevice ${jwt}` },
  })
  assert.equal(confirmed.status, 200)
  const finished = await browser.navigate(`${page.location}/finish`)
  return { config, browser, verifier, state, finished, base: page.location }
}

const codeAt = (uri: string, at: Date) => (OTPAuth.URI.parse(uri) as OTPAuth.TOTP).generate({ timestamp: at.getTime() })

describe(`the office signs officials in with the wallet and a second factor on ${testEngine}`, () => {
  it('asks an official for their authenticator code and gives the office their roles at level high', async () => {
    const citizen = t.citizens[0] as (typeof t.citizens)[number]
    const { totpUri } = await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: citizen.id, agency: 'migration-service', roles: ['clerk', 'decider'] },
      issuer: 'Polis Testland',
      now: t.now(),
    })
    const login = await walletStep(citizen.id)
    assert.equal(login.finished.response.status, 200)
    assert.match(await login.finished.response.text(), /six-digit code|шестизначний код|kuuekohaline kood/)
    const secondFactor = `${login.base}/second-factor`
    const wrong = await login.browser.navigate(secondFactor, { method: 'POST', headers: form, body: 'code=000000' })
    assert.equal(wrong.response.status, 400)
    // Before the code, nothing past it: not the end of the second factor, not a key's making.
    for (const step of [
      'second-factor-done?key=skip',
      'second-factor-key-register-options',
      'second-factor-key-register',
    ]) {
      const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }
      const early = await login.browser.navigate(`${login.base}/${step}`, step.includes('register') ? post : {})
      assert.equal(early.response.status, 400, step)
    }
    const code = codeAt(totpUri, t.now())
    const offer = await login.browser.navigate(secondFactor, { method: 'POST', headers: form, body: `code=${code}` })
    // The code given, and no security key yet: one is offered, and "not now" goes on.
    assert.equal(offer.response.status, 200)
    assert.match(await offer.response.text(), /Add a security key|Додати ключ безпеки|Lisa turvavõti/)
    let done = await login.browser.navigate(`${login.base}/second-factor-done?key=skip`)
    const declined = await t.platform.store.db
      .selectFrom('officials')
      .select('key_offer_declined_at')
      .where('citizen_id', '=', citizen.id)
      .executeTakeFirstOrThrow()
    assert.ok(declined.key_offer_declined_at, '"not now" is the official’s, whatever the browser')
    if (!done.location.startsWith(redirectUri)) {
      done = await login.browser.navigate(`${done.location}/consent`, {
        method: 'POST',
        headers: form,
        body: 'decision=allow',
      })
    }
    assert.ok(done.location.startsWith(redirectUri), done.location)
    const tokens = await oidc.authorizationCodeGrant(login.config, new URL(done.location), {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
    })
    const claims = tokens.claims()
    assert.equal(claims?.acr, 'high')
    assert.deepEqual(claims?.amr, ['hwk', 'pin', 'otp'])
    const userinfo = await oidc.fetchUserInfo(login.config, tokens.access_token, claims?.sub as string)
    assert.equal(userinfo.agency, 'migration-service')
    assert.deepEqual(userinfo.roles, ['clerk', 'decider'])

    // The same code again, in the next sign-in: refused, it was used.
    const replay = await walletStep(citizen.id)
    const reused = await replay.browser.navigate(`${replay.base}/second-factor`, {
      method: 'POST',
      headers: form,
      body: `code=${code}`,
    })
    assert.equal(reused.response.status, 400)
    // The next code, in that sign-in: no key offered again, straight on.
    t.now.advance(30)
    const next = await replay.browser.navigate(`${replay.base}/second-factor`, {
      method: 'POST',
      headers: form,
      body: `code=${codeAt(totpUri, t.now())}`,
    })
    assert.doesNotMatch(await next.response.text(), /Add a security key/)
    assert.doesNotMatch(next.location, /second-factor/)
  })

  it('turns away a citizen who is not an official, after the wallet step', async () => {
    const login = await walletStep((t.citizens[1] as (typeof t.citizens)[number]).id)
    assert.ok(login.finished.location.startsWith(redirectUri))
    assert.equal(new URL(login.finished.location).searchParams.get('error'), 'access_denied')
  })

  it('locks an official out for fifteen minutes after five wrong codes, from any browser', async () => {
    const citizen = t.citizens[2] as (typeof t.citizens)[number]
    const { totpUri } = await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: citizen.id, agency: 'tax-service', roles: ['clerk'] },
      issuer: 'Polis Testland',
      now: t.now(),
    })
    const first = await walletStep(citizen.id)
    for (let i = 0; i < 5; i++) {
      const wrong = await first.browser.navigate(`${first.base}/second-factor`, {
        method: 'POST',
        headers: form,
        body: 'code=123456',
      })
      assert.equal(wrong.response.status, 400)
    }
    // Locked: even the right code, in a fresh sign-in, is refused until the lock ends.
    t.now.advance(60)
    const second = await walletStep(citizen.id)
    const locked = await second.browser.navigate(`${second.base}/second-factor`, {
      method: 'POST',
      headers: form,
      body: `code=${codeAt(totpUri, t.now())}`,
    })
    assert.equal(locked.response.status, 400)
    assert.match(await locked.response.text(), /locked|заблоковано|lukus/)
    t.now.advance(15 * 60)
    const third = await walletStep(citizen.id)
    const open = await third.browser.navigate(`${third.base}/second-factor`, {
      method: 'POST',
      headers: form,
      body: `code=${codeAt(totpUri, t.now())}`,
    })
    assert.notEqual(open.response.status, 400)
  })
})
