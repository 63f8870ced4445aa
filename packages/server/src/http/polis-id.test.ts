import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { registerClient, revokeClient, rotatePolisIdSigningKey } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import * as oidc from 'openid-client'
import { CookieBrowser } from '../test/cookie-browser.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
const redirectUri = 'http://localhost:9/callback'
let client: { clientId: string; clientSecret?: string }
before(async () => {
  t = await createTestPlatform({ listen: true, citizens: 20 })
  client = await registerClient({
    store: t.platform.store,
    sealer: t.platform.keys,
    now: t.now(),
    registration: {
      name: 'Demo Shop',
      purpose: { uk: 'Доставка замовлень', en: 'Delivering your orders', et: 'Tellimuste kohaletoimetamine' },
      redirectUris: [redirectUri],
      scopes: ['openid', 'profile', 'address'],
    },
  })
})
after(() => t?.close())

interface Device {
  id: string
  citizenId: string
  key: TestKey
}

/** An enrolled wallet device, written as enrolment leaves it (enrolment has tests of its own). */
async function enrolledDevice(citizenId: string): Promise<Device> {
  const key = createTestKey()
  const id = randomUUID()
  await t.platform.store.db
    .insertInto('wallet_devices')
    .values({
      id,
      citizen_id: citizenId,
      public_jwk: JSON.stringify(key.publicJwk),
      name: 'Phone',
      created_at: t.now().toISOString(),
      revoked_at: null,
    })
    .execute()
  return { id, citizenId, key }
}

/** A request the wallet signs with its device key. */
async function asDevice(device: Device, method: string, path: string) {
  const jwt = await deviceJwt({ device, origin: t.origin, method, path, now: t.now() })
  const response = await fetch(`${t.origin}${path}`, { method, headers: { authorization: `PolisDevice ${jwt}` } })
  // biome-ignore lint/suspicious/noExplicitAny: the test reads fields of several response shapes
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

async function relyingParty(of = client) {
  return oidc.discovery(
    new URL(`${t.origin}/id`),
    of.clientId,
    undefined,
    oidc.ClientSecretBasic(of.clientSecret as string),
    { execute: [oidc.allowInsecureRequests] },
  )
}

/** Starts a sign-in at the relying party and opens Polis ID's login page in the browser. */
async function startLogin(browser: CookieBrowser, scope = 'openid profile', of = client) {
  const config = await relyingParty(of)
  const verifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const url = await oidc.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    acr_values: 'substantial',
  })
  const { location, response } = await browser.navigate(url.href)
  assert.equal(response.status, 200, location)
  const page = await response.text()
  const loginId = /#login=([\w-]+)/.exec(page)?.[1]
  const controlCode = /data-control-code="(\d{4})"/.exec(page)?.[1]
  assert.ok(loginId && controlCode, 'the login page shows a wallet link and a control code')
  return { config, verifier, state, url: url.href, page: location, loginId, controlCode }
}

/** A citizen's sign-in up to the code at the relying party: confirmed on the phone, no passkey, consent given. */
async function signInToCode(citizen: { id: string }, of = client) {
  const phone = await enrolledDevice(citizen.id)
  const browser = new CookieBrowser(t.origin, [redirectUri])
  const login = await startLogin(browser, 'openid profile', of)
  await asDevice(phone, 'POST', `/api/wallet/logins/${login.loginId}/confirm`)
  const consent = await browser.navigate(`${login.page}/finish?passkey=skip`)
  const done = await browser.navigate(`${consent.location}/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'decision=allow',
  })
  return { login, done, browser }
}

describe(`Polis ID (OpenID Connect with the wallet) on ${testEngine}`, () => {
  it('signs a citizen in through the wallet: control code, consent, code with PKCE, ID token and userinfo', async () => {
    const citizen = t.citizens[0] as (typeof t.citizens)[number]
    const phone = await enrolledDevice(citizen.id)
    const browser = new CookieBrowser(t.origin, [redirectUri])
    const login = await startLogin(browser, 'openid profile')

    // The wallet sees who asks and the same control code, then the citizen confirms.
    const asked = await asDevice(phone, 'GET', `/api/wallet/logins/${login.loginId}`)
    assert.equal(asked.status, 200, JSON.stringify(asked.body))
    assert.equal(asked.body.controlCode, login.controlCode)
    assert.equal(asked.body.client.name, 'Demo Shop')
    assert.deepEqual(asked.body.claims, ['sub', 'given_name', 'family_name', 'birthdate'])
    assert.equal((await browser.request(`${login.page}/status`).then((r) => r.json())).state, 'waiting')
    assert.equal((await asDevice(phone, 'POST', `/api/wallet/logins/${login.loginId}/confirm`)).status, 200)
    const again = await asDevice(phone, 'POST', `/api/wallet/logins/${login.loginId}/confirm`)
    assert.deepEqual([again.status, again.body.error.code], [409, 'ERR_LOGIN_NOT_PENDING'])

    // Confirmed on the phone, the sign-in is complete: the page's poll sends the browser on to resume it.
    const status = await browser.request(`${login.page}/status`).then((r) => r.json())
    assert.equal(status.state, 'confirmed')
    const resume = new URL(status.next, t.origin).href
    assert.equal(resume, new URL(login.page.replace('/id/interaction/', '/id/auth/'), t.origin).href)
    // Another browser holding the QR's login cannot finish it, nor resume it: the interaction is bound to its cookie.
    const thief = new CookieBrowser(t.origin, [redirectUri])
    assert.equal((await thief.request(`${login.page}/finish?passkey=skip`)).status, 400)
    const stolen = await thief.navigate(resume)
    assert.ok(!stolen.location.startsWith(redirectUri), 'no code for another browser')
    assert.doesNotMatch(stolen.location, /[?&]code=/)

    const consent = await browser.navigate(resume)
    assert.equal(consent.response.status, 200)
    const consentPage = await consent.response.text()
    assert.match(consentPage, /Delivering your orders|Доставка замовлень/)
    const done = await browser.navigate(`${consent.location}/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=allow',
    })
    assert.ok(done.location.startsWith(redirectUri), done.location)

    const tokens = await oidc.authorizationCodeGrant(login.config, new URL(done.location), {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
    })
    const claims = tokens.claims()
    assert.equal(claims?.acr, 'substantial')
    assert.notEqual(claims?.sub, citizen.id, 'a business sees a pairwise identifier, not the citizen id')
    const userinfo = await oidc.fetchUserInfo(login.config, tokens.access_token, claims?.sub as string)
    assert.equal(userinfo.given_name, citizen.givenName)
    assert.equal(userinfo.family_name, citizen.familyName)
    assert.equal(userinfo.address, undefined, 'only what was asked for and consented to')
    assert.equal(userinfo.tax_number, undefined)

    // The citizen sees the consent in the wallet and withdraws it: the shop's token stops working.
    const consents = await asDevice(phone, 'GET', '/api/wallet/consents')
    assert.deepEqual(
      consents.body.map((c: { clientName: string; claims: string[] }) => [c.clientName, c.claims]),
      [['Demo Shop', ['sub', 'given_name', 'family_name', 'birthdate']]],
    )
    const withdrawn = await asDevice(phone, 'DELETE', `/api/wallet/consents/${client.clientId}`)
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body))
    await assert.rejects(oidc.fetchUserInfo(login.config, tokens.access_token, claims?.sub as string))
    assert.deepEqual((await asDevice(phone, 'GET', '/api/wallet/consents')).body, [])
    assert.equal((await asDevice(phone, 'DELETE', `/api/wallet/consents/${client.clientId}`)).status, 404)
  })

  it('completes a returning citizen’s sign-in with the phone’s confirmation alone, once', async () => {
    const citizen = t.citizens[3] as (typeof t.citizens)[number]
    const phone = await enrolledDevice(citizen.id)
    const signIn = async () => {
      const browser = new CookieBrowser(t.origin, [redirectUri])
      const login = await startLogin(browser)
      assert.equal((await asDevice(phone, 'POST', `/api/wallet/logins/${login.loginId}/confirm`)).status, 200)
      const uid = login.page.slice(login.page.lastIndexOf('/') + 1)
      const stored = await t.platform.store.db
        .selectFrom('id_models')
        .select('payload')
        .where('model', '=', 'Interaction')
        .where('id', '=', uid)
        .executeTakeFirstOrThrow()
      assert.equal(
        JSON.parse(stored.payload).result,
        undefined,
        'the confirmation wrote the login, not the interaction',
      )
      const status = await browser.request(`${login.page}/status`).then((r) => r.json())
      assert.equal(status.state, 'confirmed')
      return { browser, login, resume: new URL(status.next, t.origin).href }
    }
    const first = await signIn()
    const consent = await first.browser.navigate(first.resume)
    await first.browser.navigate(`${consent.location}/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=allow',
    })

    // Consented once: the next sign-in goes from the phone's confirmation straight to the relying party.
    const second = await signIn()
    const done = await second.browser.navigate(second.resume)
    assert.ok(done.location.startsWith(redirectUri), done.location)
    // The ID token names the citizen and nothing of the register; the register is read, and the
    // Data Tracker records it, when the relying party asks userinfo for the claims consented to.
    const reads = async () =>
      (
        await t.platform.store.db
          .selectFrom('data_access_log')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('citizen_id', '=', citizen.id)
          .executeTakeFirstOrThrow()
      ).count
    const before = Number(await reads())
    const tokens = await oidc.authorizationCodeGrant(second.login.config, new URL(done.location), {
      pkceCodeVerifier: second.login.verifier,
      expectedState: second.login.state,
    })
    assert.deepEqual([tokens.claims()?.acr, tokens.claims()?.amr], ['substantial', ['hwk', 'pin']])
    const again = await second.browser.navigate(second.resume)
    assert.doesNotMatch(again.location, /[?&]code=/, 'a completed sign-in resumes once')

    assert.equal(tokens.claims()?.given_name, undefined)
    assert.equal(Number(await reads()), before, 'no read for the ID token')
    const userinfo = await oidc.fetchUserInfo(second.login.config, tokens.access_token, tokens.claims()?.sub as string)
    assert.equal(userinfo.given_name, citizen.givenName)
    assert.equal(Number(await reads()), before + 1)
  })

  it('refuses a wrong PKCE verifier, and a declined or foreign sign-in', async () => {
    const citizen = t.citizens[1] as (typeof t.citizens)[number]
    const phone = await enrolledDevice(citizen.id)
    const browser = new CookieBrowser(t.origin, [redirectUri])
    const login = await startLogin(browser)
    await asDevice(phone, 'POST', `/api/wallet/logins/${login.loginId}/confirm`)
    // Confirmed without the citizen letting this computer make a passkey: it cannot, and is not offered one
    // (a confirmation phished with a same-device link must not leave the attacker a passkey).
    const register = await browser.request(`${login.page}/passkey-register-options`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    assert.equal(register.status, 400)
    const finish = await browser.request(`${login.page}/finish`)
    assert.equal(finish.status, 303, 'straight on, no passkey offer')
    const consent = await browser.navigate(new URL(finish.headers.get('location') as string, t.origin).href)
    const done = await browser.navigate(`${consent.location}/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=allow',
    })
    await assert.rejects(
      oidc.authorizationCodeGrant(login.config, new URL(done.location), {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: login.state,
      }),
      (error: Error & { error?: string }) => error.error === 'invalid_grant',
    )

    const declined = await startLogin(new CookieBrowser(t.origin, [redirectUri]))
    assert.equal((await asDevice(phone, 'POST', `/api/wallet/logins/${declined.loginId}/decline`)).status, 200)
    const late = await asDevice(phone, 'POST', `/api/wallet/logins/${declined.loginId}/confirm`)
    assert.equal(late.body.error.code, 'ERR_LOGIN_NOT_PENDING')
    assert.equal((await asDevice(phone, 'GET', '/api/wallet/logins/no-such-login-id')).status, 404)
  })

  it('redeems a code once: of two redemptions at the same moment one gets tokens, which are then revoked', async () => {
    const { login, done } = await signInToCode(t.citizens[4] as (typeof t.citizens)[number])
    const redeem = () =>
      oidc.authorizationCodeGrant(login.config, new URL(done.location), {
        pkceCodeVerifier: login.verifier,
        expectedState: login.state,
      })
    const results = await Promise.allSettled([redeem(), redeem()])
    const won = results.filter((result) => result.status === 'fulfilled')
    const lost = results.filter((result) => result.status === 'rejected')
    assert.equal(won.length, 1, JSON.stringify(results))
    assert.equal(lost[0]?.reason.error, 'invalid_grant', 'the client’s error, not the server’s')
    // A code redeemed twice may have been stolen: what it gave is revoked (RFC 6749 4.1.2).
    const tokens = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof redeem>>>).value
    await assert.rejects(oidc.fetchUserInfo(login.config, tokens.access_token, tokens.claims()?.sub as string))
    await assert.rejects(redeem(), (error: Error & { error?: string }) => error.error === 'invalid_grant')
  })

  it('keeps no session cookie, code or access token of a sign-in in the database', async () => {
    const { login, done, browser } = await signInToCode(t.citizens[8] as (typeof t.citizens)[number])
    const code = new URL(done.location).searchParams.get('code') as string
    const tokens = await oidc.authorizationCodeGrant(login.config, new URL(done.location), {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
    })
    // The same browser at another site, while its session lives: the consent's interaction names the session.
    const other = await registerClient({
      store: t.platform.store,
      sealer: t.platform.keys,
      now: t.now(),
      registeredBy: 'operator',
      registration: { name: 'Town Pool', redirectUris: [redirectUri], scopes: ['openid', 'profile'] },
    })
    const url = await oidc.buildAuthorizationUrlWithPAR(await relyingParty(other), {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      state: oidc.randomState(),
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    })
    const consent = await browser.navigate(url.href)
    assert.match(await consent.response.text(), /Town Pool/)
    const secrets = [...browser.cookies].filter(([name]) => name.startsWith('_session')).map(([, c]) => c.value)
    assert.ok(secrets.length > 0 && code && tokens.access_token)
    const rows = await t.platform.store.db.selectFrom('id_models').select(['id', 'payload']).execute()
    for (const secret of [...secrets, code, tokens.access_token]) {
      assert.ok(!rows.some((row) => row.id === secret || row.payload.includes(secret)), 'a working secret stored')
    }
  })

  it('stops a revoked client’s tokens and codes at once in this process', async () => {
    const library = await registerClient({
      store: t.platform.store,
      sealer: t.platform.keys,
      now: t.now(),
      registeredBy: 'operator',
      registration: { name: 'City Library', redirectUris: [redirectUri], scopes: ['openid', 'profile'] },
    })
    const first = await signInToCode(t.citizens[6] as (typeof t.citizens)[number], library)
    const tokens = await oidc.authorizationCodeGrant(first.login.config, new URL(first.done.location), {
      pkceCodeVerifier: first.login.verifier,
      expectedState: first.login.state,
    })
    const sub = tokens.claims()?.sub as string
    assert.ok((await oidc.fetchUserInfo(first.login.config, tokens.access_token, sub)).given_name)
    const second = await signInToCode(t.citizens[7] as (typeof t.citizens)[number], library)
    const reason = 'The library closed'
    const by = 'operator'
    const now = t.now()
    assert.equal(await revokeClient(t.platform.store, { clientId: library.clientId, by, reason, now }), 'revoked')
    await assert.rejects(oidc.fetchUserInfo(first.login.config, tokens.access_token, sub))
    await assert.rejects(
      oidc.authorizationCodeGrant(second.login.config, new URL(second.done.location), {
        pkceCodeVerifier: second.login.verifier,
        expectedState: second.login.state,
      }),
      (error: Error & { status?: number }) => error.status === 401,
    )
  })

  it('authenticates a client by private_key_jwt, and signs the citizen out at the relying party’s request', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair
    const publicJwk = { ...(await crypto.subtle.exportKey('jwk', keys.publicKey)), kid: 'agency-key-1', use: 'sig' }
    const agency = await registerClient({
      store: t.platform.store,
      sealer: t.platform.keys,
      now: t.now(),
      registration: {
        name: 'Tax Office',
        redirectUris: [redirectUri],
        postLogoutRedirectUris: ['http://localhost:9/signed-out'],
        jwks: { keys: [publicJwk] },
      },
    })
    assert.equal(agency.tokenEndpointAuthMethod, 'private_key_jwt')
    assert.equal(agency.clientSecret, undefined)
    const config = await oidc.discovery(
      new URL(`${t.origin}/id`),
      agency.clientId,
      undefined,
      oidc.PrivateKeyJwt({ key: keys.privateKey, kid: 'agency-key-1' }),
      { execute: [oidc.allowInsecureRequests] },
    )
    const phone = await enrolledDevice((t.citizens[2] as (typeof t.citizens)[number]).id)
    const browser = new CookieBrowser(t.origin, [redirectUri, 'http://localhost:9/signed-out'])
    const verifier = oidc.randomPKCECodeVerifier()
    const url = await oidc.buildAuthorizationUrlWithPAR(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    })
    const { location, response } = await browser.navigate(url.href)
    const loginId = /#login=([\w-]+)/.exec(await response.text())?.[1]
    await asDevice(phone, 'POST', `/api/wallet/logins/${loginId}/confirm`)
    const consent = await browser.navigate(`${location}/finish?passkey=skip`)
    const done = await browser.navigate(`${consent.location}/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=allow',
    })
    const tokens = await oidc.authorizationCodeGrant(config, new URL(done.location), {
      pkceCodeVerifier: verifier,
      expectedState: oidc.skipStateCheck,
    })
    assert.ok(tokens.id_token)

    // RP-initiated logout: the provider asks the citizen to confirm, then returns to the agency.
    const logout = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token as string,
      post_logout_redirect_uri: 'http://localhost:9/signed-out',
    })
    const confirm = await browser.navigate(logout.href)
    assert.equal(confirm.response.status, 200)
    const form = await confirm.response.text()
    // Polis ID's own page, in the citizen's language, with no third-party resources.
    assert.match(form, /Вийти з Polis ID\?|Sign out of Polis ID\?/)
    assert.doesNotMatch(form, /googleapis|https:\/\/fonts/)
    assert.match(confirm.response.headers.get('content-security-policy') ?? '', /default-src 'none'/)
    const action = /<form[^>]+action="([^"]+)"/.exec(form)?.[1] as string
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] as string
    const out = await browser.navigate(new URL(action, t.origin).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    })
    assert.ok(out.location.startsWith('http://localhost:9/signed-out'), out.location)
  })

  it('takes up a key rotated by another process within a minute, the old keys still published', async () => {
    const before = (await (await fetch(`${t.origin}/id/jwks`)).json()) as { keys: Array<{ kid: string }> }
    const kid = await rotatePolisIdSigningKey({ store: t.platform.store, sealer: t.platform.keys })
    const soon = (await (await fetch(`${t.origin}/id/jwks`)).json()) as { keys: Array<{ kid: string }> }
    assert.deepEqual(soon, before, 'this process reads the secrets again only once a minute')
    t.now.advance(61)
    const after = (await (await fetch(`${t.origin}/id/jwks`)).json()) as { keys: Array<{ kid: string }> }
    assert.equal(after.keys[0]?.kid, kid)
    for (const key of before.keys)
      assert.ok(
        after.keys.some((k) => k.kid === key.kid),
        'old keys stay published',
      )
  })

  it('refuses a redirect URI the client did not register', async () => {
    const config = await relyingParty()
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'https://evil.example/steal',
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    })
    const response = await fetch(url, { redirect: 'manual' })
    assert.equal(response.status, 400)
    assert.doesNotMatch(response.headers.get('location') ?? '', /evil/)
  })

  it('refuses a pushed request it never made, or one already used', async () => {
    // The pushed request is read together with the count of sign-in starts: none there is none.
    const start = (requestUri: string) =>
      fetch(`${t.origin}/id/auth?client_id=${client.clientId}&request_uri=${encodeURIComponent(requestUri)}`, {
        redirect: 'manual',
        headers: { accept: 'text/html' },
      })
    // The client has one redirect URI: the error goes back to it.
    const refused = (response: Response) => {
      assert.equal(response.status, 303)
      const location = new URL(response.headers.get('location') as string)
      assert.equal(location.origin + location.pathname, redirectUri)
      assert.equal(location.searchParams.get('error'), 'invalid_request_uri')
    }
    refused(await start('urn:ietf:params:oauth:request_uri:no-such-request'))

    const { login, done } = await signInToCode(t.citizens[5] as (typeof t.citizens)[number])
    const requestUri = new URL(login.url).searchParams.get('request_uri') as string
    assert.ok(done.location.startsWith(redirectUri))
    refused(await start(requestUri))
  })
})
