import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { parseSdJwt, signCompactJws, verifyStatusListToken } from '@polis/documents'
import { presentQr } from '@polis/documents/qr'
import { epochSeconds, hashSecret } from '@polis/kernel'
import { testEngine } from '@polis/store'
import { createChainCache, trustAnchors } from '@polis/trust'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import { CookieBrowser } from '../test/cookie-browser.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt as signDeviceJwt } from '../test/device-jwt.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ listen: true, citizens: 30 })
})
after(() => t?.close())

// biome-ignore lint/suspicious/noExplicitAny: the test reads fields of several response shapes
type Json = Record<string, any>
const grantType = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'

/** Starts an enrolment and stops on the DEMO BANK's login page. */
async function openBank(browser: CookieBrowser) {
  const { location, response } = await browser.navigate(`${t.origin}/api/wallet/enrol/start?provider=demo-bank`)
  assert.equal(response.status, 200, location)
  assert.match(location, /\/demo-bank\/interaction\/[\w-]+$/)
  return { page: location, html: await response.text() }
}

function formAction(html: string, ending: string): string {
  const action = [...html.matchAll(/<form method="post" action="([^"]+)"/g)]
    .map((m) => m[1] as string)
    .find((a) => a.endsWith(ending))
  assert.ok(action, `a form posting to …${ending}`)
  return `${t.origin}${action}`
}

const form = { 'content-type': 'application/x-www-form-urlencoded' }

/** The whole sign-in at the bank as a citizen; returns where Polis sends the browser back to. */
async function proveIdentity(citizenId: string, browser = new CookieBrowser(t.origin)) {
  const { html } = await openBank(browser)
  const { location } = await browser.navigate(formAction(html, '/login'), {
    method: 'POST',
    headers: form,
    body: new URLSearchParams({ citizen: citizenId }).toString(),
  })
  return location
}

async function enrolmentToken(citizenId: string): Promise<string> {
  const location = await proveIdentity(citizenId)
  const token = /#enrol=([\w-]+)$/.exec(location)?.[1]
  assert.ok(token, location)
  return token
}

async function api(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${t.origin}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Json }
}

interface Device {
  id: string
  key: TestKey
}

async function enrol(citizenId: string, name = 'Phone'): Promise<Device> {
  const key = createTestKey()
  const created = await api('/api/wallet/devices', {
    method: 'POST',
    body: { enrolmentToken: await enrolmentToken(citizenId), publicKey: key.publicJwk, name },
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  return { id: created.body.deviceId, key }
}

function deviceJwt(device: Device, method: string, path: string, claims: Json = {}) {
  return signDeviceJwt({ device, origin: t.origin, method, path, now: t.now(), claims })
}

async function asDevice(device: Device, method: string, path: string, claims: Json = {}) {
  const jwt = await deviceJwt(device, method, path, claims)
  return api(path, { method, headers: { authorization: `PolisDevice ${jwt}` } })
}

describe(`wallet enrolment through the DEMO BANK on ${testEngine}`, () => {
  it('lists the one built-in identity provider', async () => {
    const providers = await api('/api/wallet/identity-providers')
    assert.equal(providers.status, 200)
    assert.deepEqual(
      providers.body.map((p: Json) => p.id),
      ['demo-bank'],
    )
    assert.match(providers.body[0].name.en, /DEMO BANK/)
  })

  it('shows a login page that says in three languages it is not a real bank, without script', async () => {
    const browser = new CookieBrowser(t.origin)
    const { page, html } = await openBank(browser)
    for (const notice of ['демонстраційний банк', 'demonstration bank, not a real one', 'näidispank, mitte päris']) {
      assert.ok(html.includes(notice), notice)
    }
    assert.doesNotMatch(html, /<script|\sstyle=|\son[a-z]+=/i)
    assert.match(html, /<label for="q">/)
    assert.match(html, /<h1>/)
    const response = await browser.request(page)
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/)
    assert.equal(response.headers.get('cache-control'), 'no-store')

    const citizen = t.citizens[7] as (typeof t.citizens)[number]
    const found = await (await browser.request(`${page}?q=${encodeURIComponent(citizen.familyName)}`)).text()
    assert.ok(found.includes(citizen.id), 'the search finds the citizen by family name')
    const lower = await (
      await browser.request(`${page}?q=${encodeURIComponent(citizen.givenName.toLowerCase())}`)
    ).text()
    assert.ok(lower.includes(citizen.id), 'in any case')
    const english = await (await browser.request(`${page}?lang=en`)).text()
    assert.match(english, /<html lang="en">/)
    assert.match(english, /rel="next"/)
    const css = await browser.request(`${t.origin}/demo-bank/assets/demo-bank.css`)
    assert.match(css.headers.get('content-type') ?? '', /text\/css/)

    // Mistakes end on the bank's own error page, with the way back to Polis.
    const nobody = await browser.request(formAction(html, '/login'), {
      method: 'POST',
      headers: form,
      body: 'citizen=zzzzzzzz',
    })
    assert.equal(nobody.status, 400)
    assert.match(await nobody.text(), /href="http:\/\/localhost:\d+\/wallet\/"/)
    const stranger = await new CookieBrowser(t.origin).request(page)
    assert.equal(stranger.status, 400, 'another browser cannot use the interaction')
    const badClient = await browser.request(`${t.origin}/demo-bank/auth?client_id=nope&response_type=code`)
    assert.equal(badClient.status, 400)
    assert.match(await badClient.text(), /DEMO BANK\.<\/strong>/)
  })

  it('enrols a device, issues credentials to it over OpenID4VCI, and revokes both from a second device', async () => {
    const citizenId = t.holding('driver-licence')
    const citizen = t.citizens.find((c) => c.id === citizenId) as (typeof t.citizens)[number]
    const phoneKey = createTestKey()
    const created = await api('/api/wallet/devices', {
      method: 'POST',
      body: { enrolmentToken: await enrolmentToken(citizenId), publicKey: phoneKey.publicJwk, name: 'Phone' },
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.deepEqual(created.body.citizen, { givenName: citizen.givenName, familyName: citizen.familyName })
    const phone: Device = { id: created.body.deviceId, key: phoneKey }

    const me = await asDevice(phone, 'GET', '/api/wallet/me')
    assert.equal(me.status, 200, JSON.stringify(me.body))
    assert.deepEqual(me.body, {
      deviceId: phone.id,
      citizen: { id: citizenId, givenName: citizen.givenName, familyName: citizen.familyName },
    })

    // OpenID4VCI with the device key: offer, token, nonce, credential.
    const offered = await asDevice(phone, 'POST', '/api/wallet/offers')
    assert.equal(offered.status, 201, JSON.stringify(offered.body))
    const ids = offered.body.offer.credential_configuration_ids as string[]
    assert.ok(ids.includes('id-card.sd_jwt_vc') && ids.includes('driver-licence.mso_mdoc'))
    const code = offered.body.offer.grants[grantType]['pre-authorized_code'] as string
    const token = await fetch(`${t.origin}/oid4vci/token`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ grant_type: grantType, 'pre-authorized_code': code }).toString(),
    })
    const accessToken = ((await token.json()) as Json).access_token as string
    const credential = async (configuration: string) => {
      const nonce = ((await (await fetch(`${t.origin}/oid4vci/nonce`, { method: 'POST' })).json()) as Json).c_nonce
      const proof = await signCompactJws({
        header: { alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: phone.key.publicJwk },
        payload: { aud: t.origin, iat: epochSeconds(t.now()), nonce },
        sign: phone.key.sign,
      })
      return api('/oid4vci/credential', {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: { credential_configuration_id: configuration, proofs: { jwt: [proof] } },
      })
    }
    const idCard = await credential('id-card.sd_jwt_vc')
    assert.equal(idCard.status, 200, JSON.stringify(idCard.body))
    const sdJwt = parseSdJwt(idCard.body.credentials[0].credential)
    assert.equal((sdJwt.jwt.payload.cnf as Json).jwk.x, phone.key.publicJwk.x, 'bound to the device key')
    assert.equal((await credential('driver-licence.mso_mdoc')).status, 200)
    const issued = await t.platform.store.db
      .selectFrom('issued_credentials')
      .select(['device_id', 'status'])
      .where('citizen_id', '=', citizenId)
      .execute()
    assert.equal(issued.length, 2)
    assert.ok(issued.every((row) => row.device_id === phone.id && row.status === 0))

    // An offer to the phone still open when it is revoked must not yield credentials afterwards.
    const pending = await asDevice(phone, 'POST', '/api/wallet/offers')
    const pendingCode = pending.body.offer.grants[grantType]['pre-authorized_code'] as string

    const tablet = await enrol(citizenId, 'Tablet')
    const devices = await asDevice(tablet, 'GET', '/api/wallet/devices')
    assert.deepEqual(devices.body.map((d: Json) => [d.name, d.current, d.revokedAt]).sort(), [
      ['Phone', false, null],
      ['Tablet', true, null],
    ])

    const revoked = await asDevice(tablet, 'DELETE', `/api/wallet/devices/${phone.id}`)
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body))
    assert.equal(revoked.body.revokedCredentials, 2)

    const refused = await asDevice(phone, 'GET', '/api/wallet/me')
    assert.equal(refused.status, 401)
    assert.equal(refused.body.error.code, 'ERR_DEVICE_REVOKED')
    assert.equal((await asDevice(phone, 'POST', '/api/wallet/offers')).body.error.code, 'ERR_DEVICE_REVOKED')
    assert.equal((await asDevice(tablet, 'GET', '/api/wallet/me')).status, 200, 'the other device carries on')

    // Its credentials are revoked in the published status list, with the reason recorded.
    const status = sdJwt.jwt.payload.status as { status_list: { uri: string; idx: number } }
    const listToken = await (await fetch(status.status_list.uri)).text()
    const list = verifyStatusListToken({
      token: listToken,
      expectedUri: status.status_list.uri,
      trust: createChainCache(trustAnchors([t.platform.trust.anchor])),
      now: t.now(),
    }).list
    const idx = status.status_list.idx
    assert.equal(((list.bytes[Math.floor((idx * 2) / 8)] as number) >> ((idx * 2) % 8)) & 3, 1)
    const reasons = await t.platform.store.db.selectFrom('status_events').select('reason').execute()
    assert.equal(reasons.filter((r) => r.reason === 'device-lost').length, 2)

    const late = await fetch(`${t.origin}/oid4vci/token`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ grant_type: grantType, 'pre-authorized_code': pendingCode }).toString(),
    })
    const lateToken = ((await late.json()) as Json).access_token as string
    const nonce = ((await (await fetch(`${t.origin}/oid4vci/nonce`, { method: 'POST' })).json()) as Json).c_nonce
    const proof = await signCompactJws({
      header: { alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: phone.key.publicJwk },
      payload: { aud: t.origin, iat: epochSeconds(t.now()), nonce },
      sign: phone.key.sign,
    })
    const refusedIssue = await api('/oid4vci/credential', {
      method: 'POST',
      headers: { authorization: `Bearer ${lateToken}` },
      body: { credential_configuration_id: 'id-card.sd_jwt_vc', proofs: { jwt: [proof] } },
    })
    assert.equal(refusedIssue.body.polis_code, 'ERR_DEVICE_REVOKED')
  })

  it('refuses replayed, misdirected and stale device signatures, and burns nothing on a failure', async () => {
    const device = await enrol(t.citizens[3]?.id as string)
    const path = '/api/wallet/me'
    const jwt = await deviceJwt(device, 'GET', path)
    const headers = { authorization: `PolisDevice ${jwt}` }
    assert.equal((await api(path, { headers })).status, 200)
    const replay = await api(path, { headers })
    assert.equal(replay.body.error.code, 'ERR_DEVICE_AUTH_REPLAYED')
    assert.equal(replay.headers.get('www-authenticate'), 'PolisDevice')

    const jti = randomUUID()
    const cases: Array<[Json, string]> = [
      [{ htu: `${t.origin}/api/wallet/devices` }, 'ERR_DEVICE_AUTH'],
      [{ htm: 'POST' }, 'ERR_DEVICE_AUTH'],
      [{ aud: 'https://evil.example' }, 'ERR_DEVICE_AUTH'],
      [{ iat: epochSeconds(t.now()) - 61 }, 'ERR_DEVICE_AUTH_STALE'],
      [{ iat: epochSeconds(t.now()) + 61 }, 'ERR_DEVICE_AUTH_STALE'],
      [{ jti: 'short' }, 'ERR_DEVICE_AUTH'],
    ]
    for (const [claims, code] of cases) {
      const refused = await asDevice(device, 'GET', path, { jti, ...claims })
      assert.equal(refused.status, 401, JSON.stringify(claims))
      assert.equal(refused.body.error.code, code, JSON.stringify(claims))
    }
    assert.equal((await asDevice(device, 'GET', path, { jti })).status, 200, 'the refused requests burnt no jti')

    const stranger: Device = { id: device.id, key: createTestKey() }
    assert.equal((await asDevice(stranger, 'GET', path)).body.error.code, 'ERR_DEVICE_AUTH', 'another key')
    const unknown: Device = { id: randomUUID(), key: device.key }
    assert.equal((await asDevice(unknown, 'GET', path)).body.error.code, 'ERR_DEVICE_AUTH', 'an unknown device')
    const typ = await signCompactJws({
      header: { alg: 'ES256', typ: 'JWT' },
      payload: { iss: device.id, aud: t.origin, htm: 'GET', htu: `${t.origin}${path}`, iat: 0, jti: randomUUID() },
      sign: device.key.sign,
    })
    for (const authorization of [`PolisDevice ${typ}`, `Bearer ${jwt}`, 'PolisDevice a.b', '']) {
      assert.equal((await api(path, { headers: { authorization } })).body.error.code, 'ERR_DEVICE_AUTH')
    }
  })

  it('refuses unknown, used and expired enrolment tokens and private keys, leaving the token usable', async () => {
    const citizenId = t.citizens[5]?.id as string
    const key = createTestKey()
    const register = (enrolmentToken: string, publicKey: unknown) =>
      api('/api/wallet/devices', { method: 'POST', body: { enrolmentToken, publicKey, name: 'Phone' } })
    const before = await t.platform.store.db.selectFrom('wallet_devices').select('id').execute()

    assert.equal((await register('x'.repeat(43), key.publicJwk)).body.error.code, 'ERR_ENROLMENT_INVALID')
    const token = await enrolmentToken(citizenId)
    const leaked = await register(token, key.privateJwk)
    assert.equal(leaked.status, 400)
    assert.equal(leaked.body.error.code, 'ERR_DEVICE_KEY_INVALID')
    for (const bad of [{ ...key.publicJwk, x: key.publicJwk.y }, { kty: 'EC', x: key.publicJwk.x }, { kty: 'RSA' }]) {
      assert.equal((await register(token, bad)).body.error.code, 'ERR_DEVICE_KEY_INVALID', JSON.stringify(bad))
    }
    const after = await t.platform.store.db.selectFrom('wallet_devices').select('id').execute()
    assert.equal(after.length, before.length, 'nothing enrolled')

    assert.equal((await register(token, key.publicJwk)).status, 201, 'the token survived the bad keys')
    assert.equal((await register(token, key.publicJwk)).body.error.code, 'ERR_ENROLMENT_INVALID', 'used')

    const stale = await enrolmentToken(citizenId)
    const started = t.now()
    t.now.advance(601)
    try {
      assert.equal((await register(stale, key.publicJwk)).body.error.code, 'ERR_ENROLMENT_INVALID', 'expired')
    } finally {
      t.now.set(started)
    }
  })

  it('sends a tampered, foreign or cancelled sign-in back to the wallet with its code', async () => {
    const citizenId = t.citizens[9]?.id as string
    const browser = new CookieBrowser(t.origin)
    const { html } = await openBank(browser)
    // Stop at the provider's redirect to the callback, as an attacker in the middle would.
    let response = await browser.request(formAction(html, '/login'), {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ citizen: citizenId }).toString(),
    })
    let location = response.headers.get('location') as string
    while (!location.includes('/api/wallet/enrol/callback')) {
      response = await browser.request(new URL(location, t.origin).href)
      location = response.headers.get('location') as string
    }
    const callback = new URL(location, t.origin)
    const tampered = new URL(callback)
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`)
    const refused = await browser.request(tampered.href)
    assert.equal(refused.headers.get('location'), `${t.origin}/wallet/#enrol-error=ERR_ENROLMENT_STATE`)
    const elsewhere = await new CookieBrowser(t.origin).request(callback.href)
    assert.equal(elsewhere.headers.get('location'), `${t.origin}/wallet/#enrol-error=ERR_ENROLMENT_STATE`)
    const tokens = await t.platform.store.db.selectFrom('enrolment_tokens').select('citizen_id').execute()
    assert.equal(tokens.filter((row) => row.citizen_id === citizenId).length, 0, 'no token from a bad callback')

    const genuine = await browser.request(callback.href)
    assert.match(genuine.headers.get('location') ?? '', /\/wallet\/#enrol=[\w-]{43}$/, 'the genuine one still works')
    const again = await browser.request(callback.href)
    assert.match(again.headers.get('location') ?? '', /#enrol-error=ERR_ENROLMENT_STATE$/, 'once only')

    const cancelling = new CookieBrowser(t.origin)
    const bank = await openBank(cancelling)
    const cancelled = await cancelling.navigate(formAction(bank.html, '/cancel'), { method: 'POST', headers: form })
    assert.equal(cancelled.location, `${t.origin}/wallet/#enrol-error=ERR_ENROLMENT_CANCELLED`)

    const unknown = await new CookieBrowser(t.origin).request(`${t.origin}/api/wallet/enrol/start?provider=nope`)
    assert.equal(unknown.headers.get('location'), `${t.origin}/wallet/#enrol-error=ERR_UNKNOWN_IDENTITY_PROVIDER`)
  })

  it('lets a citizen revoke only their own devices', async () => {
    const mine = await enrol(t.citizens[11]?.id as string)
    const theirs = await enrol(t.citizens[12]?.id as string)
    const refused = await asDevice(mine, 'DELETE', `/api/wallet/devices/${theirs.id}`)
    assert.equal(refused.status, 404)
    assert.equal(refused.body.error.code, 'ERR_UNKNOWN_DEVICE')
    assert.equal((await asDevice(theirs, 'GET', '/api/wallet/me')).status, 200, 'still enrolled')
    const list = await asDevice(mine, 'GET', '/api/wallet/devices')
    assert.deepEqual(
      list.body.map((d: Json) => d.id),
      [mine.id],
    )
  })

  it('leaves an in-person presentation behind a one-time code that a verifier opens once', async () => {
    const citizenId = t.holding('id-card')
    const phone = await enrol(citizenId)
    const issued = await t.issuer.issue({
      citizenId,
      documentType: 'id-card',
      format: 'polis_qr',
      holderKey: phone.key.publicJwk,
      deviceId: phone.id,
    })
    const present = (disclose: string[]) =>
      presentQr({
        credential: new Uint8Array(Buffer.from(issued.credential, 'base64url')),
        disclose,
        deviceSign: phone.key.sign,
        now: t.now(),
      })
    const share = async (presentation: string) => {
      const path = '/api/wallet/share-codes'
      const jwt = await deviceJwt(phone, 'POST', path)
      return api(path, { method: 'POST', body: { presentation }, headers: { authorization: `PolisDevice ${jwt}` } })
    }
    const redeem = (code: string) => api('/api/share-codes/redeem', { method: 'POST', body: { code } })

    const shared = await share(await present(['family_name', 'portrait']))
    assert.equal(shared.status, 201, JSON.stringify(shared.body))
    assert.match(shared.body.code, /^\d{8}$/)
    assert.equal(shared.body.url, `${t.origin}/verify/#code=${shared.body.code}`)
    const stored = await t.platform.store.db.selectFrom('share_codes').selectAll().execute()
    assert.ok(
      stored.every((row) => row.code_hash !== shared.body.code),
      'only the hash of the number is kept',
    )

    const opened = await redeem(shared.body.code)
    assert.equal(opened.status, 200, JSON.stringify(opened.body))
    assert.equal(opened.body.documentType, 'id-card')
    assert.deepEqual(Object.keys(opened.body.claims).sort(), ['family_name', 'portrait'])
    assert.match(opened.body.claims.portrait, /^data:image\/png;base64,/)
    const again = await redeem(shared.body.code)
    assert.deepEqual([again.status, again.body.error.code], [404, 'ERR_SHARE_CODE_INVALID'])
    const state = await asDevice(phone, 'GET', `/api/wallet/share-codes/${shared.body.id}`)
    assert.equal(state.body.redeemedAt, t.now().toISOString())
    const erased = await t.platform.store.db.selectFrom('share_codes').select('presentation').execute()
    assert.ok(
      erased.every((row) => row.presentation === null),
      'a redeemed presentation is erased',
    )

    // A code outlives its presentation by nothing: three minutes, then it opens nothing.
    const late = await share(await present(['family_name']))
    t.now.advance(181)
    assert.equal((await redeem(late.body.code)).body.error.code, 'ERR_SHARE_CODE_INVALID')
    assert.equal((await share(await present(['family_name']))).status, 201)
    t.now.advance(-181)

    for (const bad of ['1234', 'abcdefgh', '']) {
      assert.equal((await redeem(bad)).body.error.code, 'ERR_SHARE_CODE_INVALID', bad)
    }
    assert.equal((await share('https://example.com/')).body.error.code, 'ERR_QR_FOREIGN')

    // The same QR checked online through the verifier API, then refused once revoked.
    const text = await present(['given_name', 'age_over_18'])
    const online = await api('/api/verify', { method: 'POST', body: { presentation: text } })
    assert.equal(online.status, 200, JSON.stringify(online.body))
    assert.equal(online.body.format, 'polis_qr')
    assert.deepEqual(Object.keys(online.body.claims).sort(), ['age_over_18', 'given_name'])
    await t.issuer.changeStatus({ status: issued.status, to: 'revoked', reason: 'test' })
    const refused = await api('/api/verify', { method: 'POST', body: { presentation: text } })
    assert.equal(refused.body.error.code, 'ERR_REVOKED')
  })

  it('refuses an offer for another citizen to a wallet that proves its device, and spends nothing', async () => {
    const [owner, stranger] = t.citizens.filter((c) => c.documents.includes('id-card')).map((c) => c.id)
    assert.ok(owner && stranger)
    const ownerPhone = await enrol(owner)
    const strangerPhone = await enrol(stranger)
    // A support desk's offer for the owner (`polis offer --citizen`), made through the operator API.
    const offered = await api('/api/admin/offers', {
      method: 'POST',
      headers: { authorization: 'Bearer operator-token-for-tests' },
      body: { citizenId: owner, documentTypes: ['id-card'] },
    })
    assert.equal(offered.status, 201, JSON.stringify(offered.body))
    const code = offered.body.offer.grants[grantType]['pre-authorized_code'] as string
    const redeem = async (device: Device) => {
      const response = await fetch(`${t.origin}/oid4vci/token`, {
        method: 'POST',
        headers: { ...form, authorization: `PolisDevice ${await deviceJwt(device, 'POST', '/oid4vci/token')}` },
        body: new URLSearchParams({ grant_type: grantType, 'pre-authorized_code': code }).toString(),
      })
      return { status: response.status, body: (await response.json()) as Json }
    }
    const refused = await redeem(strangerPhone)
    assert.deepEqual(
      [refused.status, refused.body.error, refused.body.polis_code],
      [400, 'invalid_grant', 'ERR_OFFER_FOR_ANOTHER_CITIZEN'],
    )
    const accepted = await redeem(ownerPhone)
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
    const token = await t.platform.store.db
      .selectFrom('access_tokens')
      .select('device_id')
      .where('token_hash', '=', hashSecret(accepted.body.access_token))
      .executeTakeFirst()
    assert.equal(token?.device_id, ownerPhone.id, 'what is issued is recorded as the phone’s')
  })

  it('stops guessing one-time codes from one address, and tells the security team without the address', async () => {
    // A window of its own, so that the other tests' attempts do not count.
    t.now.advance(3600)
    try {
      const redeem = () => api('/api/share-codes/redeem', { method: 'POST', body: { code: '00000000' } })
      for (let attempt = 0; attempt < 10; attempt++) {
        assert.equal((await redeem()).body.error.code, 'ERR_SHARE_CODE_INVALID')
      }
      const refused = await redeem()
      assert.deepEqual([refused.status, refused.body.error.code], [429, 'ERR_RATE_LIMITED'])
      assert.ok(Number(refused.headers.get('retry-after')) > 0)
      const events = await t.platform.store.db.selectFrom('security_events').selectAll().execute()
      assert.equal(events.filter((e) => e.kind === 'rate-limited:share-code-redeem').length, 1)
      assert.ok(events.every((e) => !/127\.0\.0\.1|::1|00000000/.test(JSON.stringify(e))))
    } finally {
      t.now.advance(-3600)
    }
  })

  it('describes the wallet API in OpenAPI', async () => {
    const document = (await api('/openapi.json')).body
    for (const path of [
      '/api/wallet/identity-providers',
      '/api/wallet/enrol/start',
      '/api/wallet/enrol/callback',
      '/api/wallet/devices',
      '/api/wallet/devices/{id}',
      '/api/wallet/me',
      '/api/wallet/offers',
    ]) {
      assert.ok(path in document.paths, path)
    }
    assert.equal(document.components.securitySchemes.device.type, 'apiKey')
  })
})

describe(`identity providers from configuration on ${testEngine}`, () => {
  it('offers every configured provider and enrols through the one chosen', async () => {
    const secret = 'configured-demo-bank-secret-0123456789'
    const configured = await createTestPlatform({
      listen: true,
      citizens: 5,
      env: (publicUrl) => ({
        POLIS_DEMO_BANK_CLIENT_SECRET: secret,
        POLIS_IDENTITY_PROVIDERS: JSON.stringify([
          { id: 'second-bank', name: { uk: 'Другий банк', en: 'Second bank', et: 'Teine pank' }, ...bank(publicUrl) },
          { id: 'demo-bank', name: { uk: 'ДЕМО-БАНК', en: 'DEMO BANK', et: 'DEMO-PANK' }, ...bank(publicUrl) },
        ]),
      }),
    })
    function bank(publicUrl: string) {
      return { issuer: `${publicUrl}/demo-bank`, clientId: 'polis', clientSecret: secret }
    }
    try {
      const listed = (await (await fetch(`${configured.origin}/api/wallet/identity-providers`)).json()) as Json[]
      assert.deepEqual(
        listed.map((p) => [p.id, p.name.en]),
        [
          ['second-bank', 'Second bank'],
          ['demo-bank', 'DEMO BANK'],
        ],
      )
      const browser = new CookieBrowser(t.origin)
      const started = await browser.request(`${configured.origin}/api/wallet/enrol/start?provider=second-bank`)
      const authorization = new URL(started.headers.get('location') as string)
      assert.equal(authorization.origin + authorization.pathname, `${configured.origin}/demo-bank/auth`)
      assert.equal(authorization.searchParams.get('code_challenge_method'), 'S256')
      assert.equal(authorization.searchParams.get('prompt'), 'login')
      let response = await browser.request(authorization.href)
      while (response.status >= 300 && response.status < 400) {
        response = await browser.request(new URL(response.headers.get('location') as string, configured.origin).href)
      }
      const html = await response.text()
      const action = /action="([^"]+\/login)"/.exec(html)?.[1] as string
      response = await browser.request(`${configured.origin}${action}`, {
        method: 'POST',
        headers: form,
        body: new URLSearchParams({ citizen: configured.citizens[0]?.id as string }).toString(),
      })
      let location = response.headers.get('location') as string
      while (!location.includes('/wallet/#')) {
        response = await browser.request(new URL(location, configured.origin).href)
        location = response.headers.get('location') as string
      }
      assert.match(location, /\/wallet\/#enrol=[\w-]{43}$/)
    } finally {
      await configured.close()
    }
  })
})
