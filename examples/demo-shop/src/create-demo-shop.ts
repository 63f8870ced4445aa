import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import * as oidc from 'openid-client'

/** What the shop needs to know of Polis ID: registered with `polis clients add`. */
export interface DemoShopOptions {
  /** Polis ID's issuer, e.g. `http://localhost:8080/id`. */
  issuer: string
  clientId: string
  clientSecret: string
  /** Where the shop is reached, e.g. `http://localhost:3000`; its callback is this plus `/callback`. */
  origin: string
  /** Allow http (a demo on one machine); never in production. */
  allowHttp?: boolean
}

interface Pending {
  verifier: string
  state: string
  nonce: string
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Demo Shop</title>
<style>body{font:1.05rem/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#15171a}a.button{display:inline-block;background:#0b57d0;color:#fff;padding:.75rem 1.25rem;border-radius:12px;text-decoration:none;font-weight:600}dt{color:#4a5160}dd{margin:0 0 .5rem;font-weight:600}</style></head>
<body><main><p><strong>Demo Shop</strong> — an example site outside Polis</p>${body}</main></body></html>`

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * A shop that signs its customers in with Polis ID, as any business would: discovery,
 * a pushed authorization request with PKCE, the code exchanged for tokens, the ID token
 * checked by openid-client, and the claims the citizen consented to shown back.
 */
export async function createDemoShop(
  options: DemoShopOptions,
): Promise<{ server: Server; close: () => Promise<void> }> {
  const execute = options.allowHttp ? [oidc.allowInsecureRequests] : []
  let config: oidc.Configuration | undefined
  const polis = async () => {
    config ??= await oidc.discovery(
      new URL(options.issuer),
      options.clientId,
      undefined,
      oidc.ClientSecretBasic(options.clientSecret),
      { execute },
    )
    return config
  }
  const pending = new Map<string, Pending>()
  const redirectUri = `${options.origin}/callback`

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', options.origin)
    const send = (status: number, html: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers })
      res.end(html)
    }
    if (url.pathname === '/') {
      return send(200, page('Welcome', `<h1>Welcome</h1><p><a class="button" href="/login">Sign in with Polis</a></p>`))
    }
    if (url.pathname === '/login') {
      const login: Pending = {
        verifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
      }
      const session = randomBytes(16).toString('base64url')
      pending.set(session, login)
      const to = await oidc.buildAuthorizationUrlWithPAR(await polis(), {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        state: login.state,
        nonce: login.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(login.verifier),
        code_challenge_method: 'S256',
        acr_values: 'substantial',
      })
      res.writeHead(303, { location: to.href, 'set-cookie': `shop=${session}; HttpOnly; SameSite=Lax; Path=/` })
      return res.end()
    }
    if (url.pathname === '/callback') {
      const session = /(?:^|;\s*)shop=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1] ?? ''
      const login = pending.get(session)
      pending.delete(session)
      if (!login) return send(400, page('Sign-in failed', '<h1>Sign-in failed</h1><p>Start again.</p>'))
      try {
        const tokens = await oidc.authorizationCodeGrant(await polis(), url, {
          pkceCodeVerifier: login.verifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        })
        const claims = tokens.claims() as oidc.IDToken
        const profile = await oidc.fetchUserInfo(await polis(), tokens.access_token, claims.sub)
        const rows = Object.entries(profile)
          .filter(([name]) => name !== 'sub')
          .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(String(value))}</dd>`)
          .join('')
        return send(
          200,
          page(
            'Signed in',
            `<h1>Hello, ${escapeHtml(String(profile.given_name ?? 'customer'))}</h1><p>Signed in with Polis at level <strong>${escapeHtml(String(claims.acr))}</strong>.</p><dl>${rows}</dl>`,
          ),
        )
      } catch (error) {
        const reason = error instanceof Error ? ((error as Error & { error?: string }).error ?? error.name) : 'error'
        return send(400, page('Sign-in failed', `<h1>Sign-in failed</h1><p>${escapeHtml(reason)}</p>`))
      }
    }
    send(404, page('Not found', '<h1>Not found</h1>'))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  return {
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
