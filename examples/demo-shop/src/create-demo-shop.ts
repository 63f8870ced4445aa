import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import * as jose from 'jose'
import * as oidc from 'openid-client'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import QRCode from 'qrcode'

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

/** A signed-in customer, and the contract they were asked to sign. */
interface Customer {
  name: string
  contract?: { id: string; walletUrl: string; controlCode: string }
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Demo Shop</title>
<style>body{font:1.05rem/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#15171a}a.button,button{display:inline-block;background:#0b57d0;color:#fff;padding:.75rem 1.25rem;border:0;border-radius:12px;text-decoration:none;font:inherit;font-weight:600;cursor:pointer}dt{color:#4a5160}dd{margin:0 0 .5rem;font-weight:600}.code{font-size:2rem;font-weight:800;letter-spacing:.2em}img{width:14rem;height:14rem}</style></head>
<body><main><p><strong>Demo Shop</strong> — an example site outside Polis</p>${body}</main></body></html>`

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * A shop that signs its customers in with Polis ID, as any business would: discovery,
 * a pushed authorization request with PKCE, the code exchanged for tokens, the ID token
 * checked by openid-client, and the claims the citizen consented to shown back. It then
 * asks the customer to sign its purchase contract with their wallet, through Polis's
 * signing request API and its signed callback (docs/signatures.md).
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
  const customers = new Map<string, Customer>()
  const redirectUri = `${options.origin}/callback`
  const polisOrigin = new URL(options.issuer).origin
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64')}`
  const polisApi = (path: string, init: RequestInit = {}) =>
    fetch(`${polisOrigin}${path}`, { ...init, headers: { authorization: basic, ...init.headers } })
  const jwks = jose.createRemoteJWKSet(new URL(`${options.issuer}/jwks`))
  const sessionOf = (req: IncomingMessage) => /(?:^|;\s*)shop=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1] ?? ''

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
      const session = sessionOf(req)
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
        customers.set(session, { name: `${profile.given_name ?? ''} ${profile.family_name ?? ''}`.trim() })
        const rows = Object.entries(profile)
          .filter(([name]) => name !== 'sub')
          .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(String(value))}</dd>`)
          .join('')
        return send(
          200,
          page(
            'Signed in',
            `<h1>Hello, ${escapeHtml(String(profile.given_name ?? 'customer'))}</h1><p>Signed in with Polis at level <strong>${escapeHtml(String(claims.acr))}</strong>.</p><dl>${rows}</dl>` +
              `<form method="post" action="/contract"><button type="submit">Sign the purchase contract with Polis</button></form>`,
          ),
        )
      } catch (error) {
        const reason = error instanceof Error ? ((error as Error & { error?: string }).error ?? error.name) : 'error'
        return send(400, page('Sign-in failed', `<h1>Sign-in failed</h1><p>${escapeHtml(reason)}</p>`))
      }
    }
    const customer = customers.get(sessionOf(req))
    if (url.pathname === '/contract' && req.method === 'POST' && customer) {
      const asked = await polisApi('/api/signing-requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          document: {
            name: 'purchase-contract.pdf',
            mediaType: 'application/pdf',
            content: Buffer.from(await contractPdf(customer.name)).toString('base64'),
          },
          purpose: 'Purchase contract',
          callbackUrl: `${options.origin}/signed`,
        }),
      })
      if (asked.status !== 201) return send(502, page('Try again', '<h1>Polis did not take the contract</h1>'))
      customer.contract = (await asked.json()) as NonNullable<Customer['contract']>
      res.writeHead(303, { location: '/contract' })
      return res.end()
    }
    if (url.pathname === '/contract/state' && customer?.contract) {
      const answer = await polisApi(`/api/signing-requests/${customer.contract.id}`)
      const { state } = (await answer.json()) as { state: string }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      return res.end(JSON.stringify({ state }))
    }
    if (url.pathname === '/contract' && customer?.contract) {
      const { id, walletUrl, controlCode } = customer.contract
      const state = (await (await polisApi(`/api/signing-requests/${id}`)).json()) as {
        state: string
        signer?: string
        signedAt?: string
      }
      if (state.state === 'signed') {
        return send(
          200,
          page(
            'Contract signed',
            `<h1>Contract signed</h1><p>Signed by <strong>${escapeHtml(state.signer ?? '')}</strong> at ${escapeHtml(state.signedAt ?? '')}.</p><p><a class="button" href="/contract.pdf">Download the signed contract</a></p>`,
          ),
        )
      }
      if (state.state !== 'waiting') {
        return send(200, page('Not signed', `<h1>Not signed</h1><p>The request was ${escapeHtml(state.state)}.</p>`))
      }
      const qr = await QRCode.toString(walletUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      return send(
        200,
        page(
          'Sign the contract',
          `<h1>Sign the contract with your wallet</h1><p>Scan the code with your phone, or <a href="${escapeHtml(walletUrl)}">open the wallet on this phone</a>. Sign only if the wallet shows this code:</p>` +
            `<p class="code" data-control-code="${escapeHtml(controlCode)}">${escapeHtml(controlCode)}</p>` +
            `<img alt="QR code for the wallet" src="data:image/svg+xml;base64,${Buffer.from(qr).toString('base64')}">` +
            `<p role="status">Waiting for your signature… <a href="/contract">Refresh</a></p>` +
            // The page looks again every two seconds and moves on once Polis has an answer.
            `<script>setInterval(async () => { const r = await fetch('/contract/state'); if ((await r.json()).state !== 'waiting') location.reload() }, 2000)</script>`,
        ),
      )
    }
    if (url.pathname === '/contract.pdf' && customer?.contract) {
      const result = await polisApi(`/api/signing-requests/${customer.contract.id}/result`)
      if (result.status !== 200) return send(404, page('Not found', '<h1>Not signed yet</h1>'))
      res.writeHead(200, {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="purchase-contract-signed.pdf"',
      })
      return res.end(Buffer.from(await result.arrayBuffer()))
    }
    // Polis calls back when the customer signed or declined: a JWS by Polis ID's key, for this shop.
    if (url.pathname === '/signed' && req.method === 'POST') {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      try {
        const { payload } = await jose.jwtVerify(Buffer.concat(chunks).toString('utf8'), jwks, {
          issuer: options.issuer,
          audience: options.clientId,
        })
        console.log(`Polis says request ${String(payload.request_id)} is ${String(payload.state)}`)
        res.writeHead(204)
      } catch {
        res.writeHead(400)
      }
      return res.end()
    }
    send(404, page('Not found', '<h1>Not found</h1>'))
  }

  /** The shop's contract: a one-page PDF naming the buyer. */
  async function contractPdf(buyer: string): Promise<Uint8Array> {
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.Helvetica)
    const sheet = pdf.addPage([595, 842])
    const lines = ['Purchase contract', '', 'Seller: Demo Shop', `Buyer: ${buyer}`, 'Goods: one bicycle, 450 EUR']
    lines.forEach((line, i) => {
      // The standard fonts know Latin-1 only: a Cyrillic name is written by its code points.
      const printable = [...line]
        .map((c) => (c.charCodeAt(0) < 256 ? c : `U+${c.codePointAt(0)?.toString(16)}`))
        .join('')
      sheet.drawText(printable, { x: 72, y: 760 - i * 24, size: i === 0 ? 20 : 13, font })
    })
    return pdf.save()
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
