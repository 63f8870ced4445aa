import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { createAdaptorServer } from '@hono/node-server'
import { testEngine } from '@polis/store'
import { CookieBrowser } from '../test/cookie-browser.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

// The instance's public URL is https (https://polis.test), served over HTTP on a loopback port
// behind it, as behind a proxy that ends TLS: every request to the public origin, the
// browser's and the portal's own to Polis ID (openid-client's), goes to that port with the
// proxy's X-Forwarded-Proto and X-Forwarded-Host.
let t: Awaited<ReturnType<typeof createTestPlatform>>
let server: Server
const socketFetch = globalThis.fetch
before(async () => {
  t = await createTestPlatform({ citizens: 10 })
  assert.ok(t.origin.startsWith('https://'))
  server = createAdaptorServer({ fetch: t.app.fetch }) as Server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const behind = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const publicUrl = new URL(t.origin)
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input)
    if (url.origin !== publicUrl.origin) return socketFetch(input, init)
    const headers = new Headers(input instanceof Request ? input.headers : init?.headers)
    headers.set('x-forwarded-proto', 'https')
    headers.set('x-forwarded-host', publicUrl.host)
    return socketFetch(`${behind}${url.pathname}${url.search}`, {
      ...init,
      ...(input instanceof Request ? { method: input.method, body: input.body, duplex: 'half' } : {}),
      headers,
    } as RequestInit)
  }
})
after(async () => {
  globalThis.fetch = socketFetch
  server?.closeAllConnections()
  server?.close()
  await t?.close()
})

describe(`the portal’s sign-in under https on ${testEngine}`, () => {
  it('ends with a session cookie that is Secure, HttpOnly and SameSite=Lax, as is the cookie of the sign-in in progress', async () => {
    const citizen = t.citizens[0] as (typeof t.citizens)[number]
    const phone = await insertWalletDevice(t.platform.store, citizen.id, t.now())
    const asPhone = async (method: string, path: string) => {
      const jwt = await deviceJwt({ device: phone, origin: t.origin, method, path, now: t.now() })
      return fetch(`${t.origin}${path}`, { method, headers: { authorization: `PolisDevice ${jwt}` } })
    }
    const browser = new CookieBrowser(t.origin, [`${t.origin}/callback`])

    // The portal starts the sign-in: the attempt sealed in a cookie, off to Polis ID.
    const started = await browser.request(`${t.origin}/login`)
    assert.equal(started.status, 303, await started.clone().text())
    const pending = started.headers.getSetCookie()
    assert.ok(pending.length > 0)
    for (const cookie of pending) assert.match(cookie, /; Secure/, cookie)
    const login = await browser.navigate(new URL(started.headers.get('location') as string, t.origin).href)
    assert.equal(login.response.status, 200, `${login.location} ${await login.response.clone().text()}`)
    const loginId = /#login=([\w-]+)/.exec(await login.response.text())?.[1]
    assert.ok(loginId, 'Polis ID’s page with the wallet’s link')

    // Confirmed in the wallet; the page's poll sends the browser on, back to the portal with a code.
    assert.equal((await asPhone('POST', `/api/wallet/logins/${loginId}/confirm`)).status, 200)
    const status = (await (await browser.request(`${login.location}/status`)).json()) as { next: string }
    let back = await browser.navigate(new URL(status.next, t.origin).href)
    // The citizen lets the portal have their name, once.
    if (back.location.includes('/id/interaction/')) {
      back = await browser.navigate(`${back.location}/consent`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'decision=allow',
      })
    }
    assert.ok(back.location.startsWith(`${t.origin}/callback?`), back.location)

    // The portal's callback: the session cookie, which a browser sends back over https only.
    const done = await browser.request(back.location)
    assert.equal(done.status, 303, await done.clone().text())
    const session = done.headers.getSetCookie().find((cookie) => cookie.startsWith('polis_portal='))
    assert.ok(session, 'a session cookie')
    assert.match(session, /; Secure/)
    assert.match(session, /; HttpOnly/)
    assert.match(session, /; SameSite=Lax/i)
    // And it is a session: the portal knows the citizen.
    const home = await browser.request(`${t.origin}/applications`, { headers: { 'accept-language': 'en' } })
    assert.equal(home.status, 200)
  })
})
