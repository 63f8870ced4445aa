import { documentTypes } from '@polis/documents'
import { html } from 'hono/html'
import type { Platform } from '../platform/create-platform.ts'

/** A plain page that tells a newcomer what this instance serves and where; its one style block carries the nonce its CSP allows. */
export function landingPage(platform: Platform, options: { nonce: string }) {
  const url = platform.publicUrl
  const links: Array<[string, string]> = [
    ['/wallet/', 'The citizen wallet'],
    ['/verify/', 'The inspector’s verifier'],
    ['/id/.well-known/openid-configuration', 'Polis ID, the citizens’ OpenID Connect provider'],
    ['/signatures/', 'Sign a document with the wallet (PAdES, CAdES, JAdES)'],
    ['/signatures/verify', 'Check a digital signature'],
    ['/health', 'Health'],
    ['/.well-known/openid-credential-issuer', 'Credential issuer metadata (OpenID4VCI)'],
    ['/.well-known/oauth-authorization-server', 'Token endpoint metadata (OAuth 2.0)'],
    ['/trust/list', 'Trust list, signed by the national anchor'],
    ['/trust/list.json', 'Trust list, readable'],
    ['/trust/anchor.pem', 'National trust anchor certificate'],
    ['/log/checkpoint', 'Transparency log: the latest checkpoint, cosigned by its witnesses'],
    ['/log/key', 'Transparency log: its verifier key'],
    ['/openapi.json', 'OpenAPI description of every API'],
  ]
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Polis — ${platform.config.POLIS_COUNTRY_NAME}</title>
    <style nonce="${options.nonce}">
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
      a { color: #0b4fa3; }
      code { background: #f1f1f1; padding: 0 .25rem; }
      li { margin: .25rem 0; }
    </style>
  </head>
  <body>
    <main>
      <h1>Polis — ${platform.config.POLIS_COUNTRY_NAME}</h1>
      <p>This instance issues ${documentTypes.length} kinds of national document as SD-JWT VC and ISO mdoc credentials.</p>
      <h2>Endpoints</h2>
      <ul>
        ${links.map(([path, label]) => html`<li><a href="${url}${path}">${label}</a> <code>${path}</code></li>`)}
      </ul>
      <h2>Document types</h2>
      <ul>
        ${documentTypes.map((t) => html`<li><a href="${url}/vct/${t.code}">${t.name.en}</a> — ${t.name.uk}</li>`)}
      </ul>
    </main>
  </body>
</html>`
}
