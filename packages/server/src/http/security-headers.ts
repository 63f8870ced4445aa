import type { ServerResponse } from 'node:http'
import type { secureHeaders } from 'hono/secure-headers'

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>

/** Sent by browsers for a year once seen over https; only then, so a loopback instance over http is not pinned. */
const strictTransportSecurity = 'max-age=31536000; includeSubDomains'

/**
 * The headers every response carries unless its handler set its own (a page's CSP with its
 * nonce, the portal's same-origin referrer): a CSP that allows nothing to load or run, no
 * framing, no sniffing, no referrer, and HSTS when the instance is served over https.
 */
export function securityHeaders(options: { https: boolean }): SecureHeadersOptions {
  return {
    overwrite: false,
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: options.https ? strictTransportSecurity : false,
  }
}

/** A server-rendered page's CSP: its own styles by nonce, no script, forms to this origin only. */
export function pageSecurityPolicy(options: { nonce: string }): string {
  return `default-src 'none'; style-src 'nonce-${options.nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`
}

/**
 * The wallet's and the verifier's CSP: scripts and styles from the app's own files only (no
 * inline script), the barcode reader's WebAssembly, camera frames and photos as blobs, and
 * fetches to this origin or, over https, to the other instances and businesses a document
 * or a request names (status lists, request objects, answers).
 */
export const appSecurityPolicy =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' https:; worker-src 'self'; manifest-src 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

/**
 * The same for an instance that itself runs on plain http (development, the tests): the
 * other country's instance beside it does too, and the wallet fetches from it.
 */
export const appSecurityPolicyOverHttp = appSecurityPolicy.replace(
  "connect-src 'self' https:",
  "connect-src 'self' https: http:",
)

/**
 * The same headers on a response written straight to Node's socket (Polis ID's provider
 * answers so), where the app's middleware never sees it. The provider's pages set their
 * own CSP after this, which replaces the default.
 */
export function setSecurityHeaders(outgoing: ServerResponse, options: { https: boolean }): void {
  // script-src is named so that oidc-provider adds the hash of its form_post page's one script to it.
  outgoing.setHeader(
    'content-security-policy',
    "default-src 'none'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  )
  outgoing.setHeader('x-frame-options', 'DENY')
  outgoing.setHeader('x-content-type-options', 'nosniff')
  outgoing.setHeader('referrer-policy', 'no-referrer')
  if (options.https) outgoing.setHeader('strict-transport-security', strictTransportSecurity)
}

/** Public, read-only documents other origins' verifiers and wallets fetch: with `crossOriginWalletPaths`, the only paths with CORS. */
export const crossOriginReadPaths = ['/status/*', '/trust/*', '/vct/*'] as const

/**
 * What another country's wallet calls here (docs/federation.md): the credential issuer's
 * metadata and endpoints, and a cross-border request's object and answer. None reads a cookie.
 */
export const crossOriginWalletPaths = [
  '/.well-known/openid-credential-issuer',
  '/.well-known/oauth-authorization-server',
  '/oid4vci/*',
  '/cross-border/requests/*',
] as const
