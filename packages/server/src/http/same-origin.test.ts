import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  // Listening, so that signing in can reach Polis ID at the instance's own origin.
  t = await createTestPlatform({ citizens: 10, listen: true })
})
after(() => t.close())

// State-changing forms of the portal and the office, checked before any session is read.
const forms = ['/logout', '/office/logout', '/office/cases/00000000-0000-4000-8000-000000000000/take']

describe(`browser boundaries on ${testEngine}`, () => {
  it('refuses a form posted from another site, by Sec-Fetch-Site or by Origin, and lets this site’s through', async () => {
    for (const path of forms) {
      const crossSite = await t.app.request(path, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } })
      assert.equal(crossSite.status, 403, path)
      assert.equal(((await crossSite.json()) as { error: { code: string } }).error.code, 'ERR_FORBIDDEN')
      const foreignOrigin = await t.app.request(path, { method: 'POST', headers: { origin: 'https://evil.example' } })
      assert.equal(foreignOrigin.status, 403, path)
      const sameSite = await t.app.request(path, {
        method: 'POST',
        headers: { 'sec-fetch-site': 'same-origin', origin: t.origin },
      })
      assert.notEqual(sameSite.status, 403, path)
    }
  })

  it('keeps the sign-in cookies from scripts and other sites: HttpOnly and SameSite=Lax, Secure only under https', async () => {
    assert.ok(t.origin.startsWith('http://'))
    for (const path of ['/login', '/office/login']) {
      const response = await t.app.request(path)
      assert.equal(response.status, 303, path)
      const cookies = response.headers.getSetCookie()
      assert.ok(cookies.length > 0, path)
      for (const cookie of cookies) {
        assert.match(cookie, /; HttpOnly/, cookie)
        assert.match(cookie, /; SameSite=Lax/i, cookie)
        // Over plain HTTP (this loopback test) a Secure cookie would not come back.
        assert.doesNotMatch(cookie, /; Secure/, cookie)
      }
    }
  })
})
