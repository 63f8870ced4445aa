import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'

let https: Awaited<ReturnType<typeof createTestPlatform>>
let http: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  // The default test instance is https://polis.test, answered in-process; the second listens on loopback http.
  https = await createTestPlatform({ citizens: 5 })
  http = await createTestPlatform({ citizens: 5, listen: true })
})
after(async () => {
  await https?.close()
  await http?.close()
})

/** The directives of a CSP by name. */
function directivesOf(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  )
}

/** Paths whose answers other origins may read. */
const crossOrigin =
  /^\/(status|trust|vct)\/|^\/(id|demo-bank)\/(\.well-known\/|jwks)|^\/\.well-known\/(openid-credential-issuer|oauth-authorization-server)$|^\/(oid4vci|cross-border\/requests)\//

/** What every answer must carry; for a page also that its CSP runs no script but its own, and no inline one. */
async function checkHeaders(path: string, response: Response, options: { https: boolean }): Promise<void> {
  const h = response.headers
  const where = `${path} (${response.status})`
  const policy = h.get('content-security-policy')
  assert.ok(policy, `${where}: a Content-Security-Policy`)
  const csp = directivesOf(policy)
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${where}: frame-ancestors 'none'`)
  assert.deepEqual(csp.get('base-uri'), ["'none'"], `${where}: base-uri 'none'`)
  const scripts = csp.get('script-src') ?? csp.get('default-src') ?? []
  assert.ok(scripts.length > 0, `${where}: scripts limited`)
  for (const banned of ["'unsafe-inline'", "'unsafe-eval'", '*', 'https:', 'http:', 'data:']) {
    assert.ok(!scripts.includes(banned), `${where}: script-src without ${banned}`)
  }
  assert.equal(h.get('x-frame-options'), 'DENY', `${where}: X-Frame-Options`)
  assert.equal(h.get('x-content-type-options'), 'nosniff', `${where}: nosniff`)
  assert.match(h.get('referrer-policy') ?? '', /^(no-referrer|same-origin)$/, `${where}: Referrer-Policy`)
  if (options.https) assert.match(h.get('strict-transport-security') ?? '', /max-age=\d{7,}/, `${where}: HSTS`)
  else assert.equal(h.get('strict-transport-security'), null, `${where}: no HSTS over http`)
  if (!crossOrigin.test(path)) assert.equal(h.get('access-control-allow-origin'), null, `${where}: no CORS`)
  for (const cookie of h.getSetCookie()) {
    const name = cookie.slice(0, cookie.indexOf('='))
    assert.match(cookie, /; SameSite=(Lax|Strict)/i, `${where}: cookie ${name} SameSite`)
    if (options.https) assert.match(cookie, /; Secure/i, `${where}: cookie ${name} Secure under https`)
    // The language chosen is the one cookie scripts may read: it holds nothing but the language.
    if (name !== 'polis_lang') assert.match(cookie, /; HttpOnly/i, `${where}: cookie ${name} HttpOnly`)
  }
  if (!(h.get('content-type') ?? '').startsWith('text/html')) return
  const html = await response.text()
  const nonces = (directive: string) =>
    (csp.get(directive) ?? csp.get('default-src') ?? [])
      .filter((v) => v.startsWith("'nonce-"))
      .map((v) => v.slice(7, -1))
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    if (/\ssrc=/i.test(tag)) continue
    const nonce = /\snonce="([^"]+)"/i.exec(tag)?.[1]
    assert.ok(nonce && nonces('script-src').includes(nonce), `${where}: an inline script without the CSP's nonce`)
  }
  for (const [tag] of html.matchAll(/<style\b[^>]*>/gi)) {
    const nonce = /\snonce="([^"]+)"/i.exec(tag)?.[1]
    assert.ok(nonce && nonces('style-src').includes(nonce), `${where}: a style block without the CSP's nonce`)
  }
  assert.doesNotMatch(html, /\son[a-z]+="/i, `${where}: an inline event handler`)
}

/** A concrete path for a route template: every parameter and wildcard filled with a plausible id. */
function samplePath(template: string): string {
  return template.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, '00000000-0000-4000-8000-000000000000').replace(/\*/g, 'x')
}

describe(`security headers on ${testEngine}`, () => {
  it('are on every page and API the app routes, with a strict CSP and no inline script on pages, HSTS under https, and CORS only on the public documents', async () => {
    const paths = new Set<string>(['/no-such-page', '/api/no-such-api'])
    for (const route of https.app.routes) if (route.method === 'GET') paths.add(samplePath(route.path))
    assert.ok(paths.size > 60, `the walk covers the app (${paths.size} paths)`)
    let pages = 0
    for (const path of [...paths].sort()) {
      // As an API client, and as a browser (which gets a page where an API client gets JSON, errors included).
      for (const accept of ['application/json', 'text/html,*/*;q=0.8']) {
        const response = await https.app.request(path, { headers: { 'accept-language': 'en', accept } })
        if ((response.headers.get('content-type') ?? '').startsWith('text/html')) pages += 1
        await checkHeaders(path, response, { https: true })
      }
    }
    assert.ok(pages >= 30, `pages among them (${pages})`)
    // A refusal and a post carry them too.
    const posted = await https.app.request('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    await checkHeaders('/api/verify', posted, { https: true })
    // Cookies are Secure under https: the signing page's and the language's (sign-ins need Polis ID over a socket, below).
    for (const path of ['/signatures/', '/?lang=et']) {
      const response = await https.app.request(path)
      assert.ok(response.headers.getSetCookie().length > 0, `${path} sets a cookie`)
      await checkHeaders(path, response, { https: true })
    }
  })

  it('lets other origins read the status lists, the trust list and type metadata, and nothing else', async () => {
    for (const path of ['/status/lists', '/trust/list', '/trust/list.json', '/trust/anchor.jwk', '/vct/pid']) {
      const response = await https.app.request(path, { headers: { origin: 'https://verifier.example' } })
      assert.equal(response.headers.get('access-control-allow-origin'), '*', path)
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin', path)
      assert.equal(response.headers.get('access-control-allow-credentials'), null, path)
    }
    for (const path of ['/api/wallet/identity-providers', '/health', '/openapi.json', '/platform']) {
      const response = await https.app.request(path, { headers: { origin: 'https://verifier.example' } })
      assert.equal(response.headers.get('access-control-allow-origin'), null, path)
    }
  })

  it('are on the answers Polis ID and the DEMO BANK write to the socket themselves, without HSTS over http', async () => {
    for (const path of [
      '/id/.well-known/openid-configuration',
      '/id/auth',
      '/id/no-such-endpoint',
      '/demo-bank/.well-known/openid-configuration',
      '/demo-bank/auth',
      '/platform',
      '/wallet/',
      '/health/live',
    ]) {
      const response = await fetch(`${http.origin}${path}`, { redirect: 'manual' })
      await checkHeaders(path, response, { https: false })
    }
    // Starting a sign-in sets an HttpOnly, SameSite cookie (Secure only under https, as checked above).
    for (const path of ['/login', '/office/login', '/api/wallet/enrol/start?provider=demo-bank']) {
      const response = await fetch(`${http.origin}${path}`, { redirect: 'manual' })
      assert.ok(response.headers.getSetCookie().length > 0, `${path} sets a cookie`)
      await checkHeaders(path, response, { https: false })
    }
  })
})
