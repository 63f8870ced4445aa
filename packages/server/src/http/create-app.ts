import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { findDocumentType, vctMetadata } from '@polis/documents'
import { errorBody, type Language, PolisError } from '@polis/kernel'
import { definitionJsonSchema } from '@polis/services'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import type { Issuer } from '../issuance/create-issuer.ts'
import { registerLogRoutes } from '../log/log-routes.ts'
import { registerOffice } from '../office/office-pages.ts'
import { countIssuance, countVerification } from '../ops/count-documents.ts'
import { createMetrics } from '../ops/create-metrics.ts'
import { keepAnswersForDegradedMode, keptForDegradedMode, storeRefusal } from '../ops/degraded-mode.ts'
import { type ShedLoadOptions, shedLoad } from '../ops/load-shedding.ts'
import { markUnmatched, observeRequests, requestIdOf, routeOf } from '../ops/observe-requests.ts'
import { opsRoutes, registerOpsRoutes } from '../ops/ops-routes.ts'
import { createPayments } from '../payments/payments.ts'
import {
  anchorJwk,
  anchorPem,
  buildTrustList,
  findWithdrawnIssuers,
  getSignedTrustList,
} from '../platform/build-trust-list.ts'
import { countryProfile } from '../platform/country-profile.ts'
import type { Platform } from '../platform/create-platform.ts'
import { registerPortal } from '../portal/portal-pages.ts'
import { createServiceEngine, type ServiceEngine } from '../services/create-service-engine.ts'
import type { Verifier } from '../verification/create-verifier.ts'
import { registerVerifierApi } from '../verifier-api/verifier-api-routes.ts'
import { checkLiveServices } from './check-live-services.ts'
import { clientAddress, parseTrustedProxies } from './client-address.ts'
import { registerDataTrackerRoutes } from './data-tracker-routes.ts'
import { registerDemoBank } from './demo-bank-routes.ts'
import { errorPage, wantsPage } from './error-page.ts'
import { registerExchangeRoutes } from './exchange-routes.ts'
import { registerFederationRoutes } from './federation-routes.ts'
import { landingPage } from './landing-page.ts'
import { registerOid4vciRoutes } from './oid4vci-routes.ts'
import { firstLanguage } from './page-language.ts'
import { registerPolisId } from './polis-id-routes.ts'
import { refuseUnreadableInput } from './refuse-unreadable-input.ts'
import {
  crossOriginReadPaths,
  crossOriginWalletPaths,
  pageSecurityPolicy,
  securityHeaders,
} from './security-headers.ts'
import { serveApps } from './serve-apps.ts'
import { registerServiceRoutes } from './service-routes.ts'
import { registerSignaturePages } from './signature-pages.ts'
import { registerSignatureRoutes } from './signature-routes.ts'
import { registerWalletAttachmentRoutes, walletUploadPath } from './wallet-attachment-routes.ts'
import { registerWalletDeletionRoutes } from './wallet-deletion-routes.ts'
import { registerWalletPaymentRoutes } from './wallet-payment-routes.ts'
import { registerWalletRoutes } from './wallet-routes.ts'

export interface CreateAppOptions {
  platform: Platform
  issuer: Issuer
  verifier: Verifier
  /** Bearer token for the operator API; without one the operator API answers 403. */
  adminToken?: string | undefined
  log?: (line: Record<string, unknown>) => void
  /** The e-service engine; by default one over this platform and the shipped catalogue. */
  serviceEngine?: ServiceEngine
  /** True once the process is stopping: readiness answers 503 while requests drain. */
  draining?: () => boolean
  /** Refuse new requests with 503 while the event loop lags (polis serve passes its sampler); off when unset. */
  loadShedding?: ShedLoadOptions
}

const languages: Language[] = ['uk', 'en', 'et']

/** The language of the error message: the first of Accept-Language that Polis speaks. */
function languageOf(c: Context): Language {
  const header = c.req.header('accept-language') ?? ''
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase() as Language
    if (languages.includes(tag)) return tag
  }
  return 'en'
}

const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).openapi('Error', {
  description: 'Every failure: a stable code (docs/errors.md) and a message in the asked language.',
})

const errorResponses = {
  400: { description: 'Bad input', content: { 'application/json': { schema: ErrorResponse } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorResponse } } },
}

const VerifyRequest = z
  .object({
    presentation: z
      .string()
      .min(1)
      .max(256 * 1024),
    nonce: z.string().max(512).optional(),
    audience: z.string().max(2048).optional(),
    requireKeyBinding: z.boolean().optional(),
  })
  .openapi('VerifyRequest')

const VerifyResponse = z
  .object({
    valid: z.literal(true),
    format: z.enum(['dc+sd-jwt', 'mso_mdoc', 'polis_qr']),
    type: z.string(),
    issuer: z.object({
      subject: z.string(),
      iss: z.string().optional(),
      /** The issuing country, for an in-person code: this one's or a federated one's (docs/federation.md). */
      country: z.object({ code: z.string(), name: z.string() }).optional(),
    }),
    claims: z.record(z.string(), z.unknown()),
    keyBound: z.boolean(),
    expiresAt: z.string().optional(),
  })
  .openapi('VerifyResponse')

const Jwk = z
  .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() })
  .openapi('HolderJwk')

const IssueRequest = z
  .object({
    citizenId: z.string().min(1).max(64),
    documentType: z.string().min(1).max(64),
    format: z.enum(['dc+sd-jwt', 'mso_mdoc']).default('dc+sd-jwt'),
    holderKey: Jwk,
    recordId: z.string().max(64).optional(),
  })
  .openapi('IssueRequest')

const StatusRequest = z
  .object({
    status: z.object({ uri: z.string().url(), idx: z.number().int().nonnegative() }),
    to: z.enum(['valid', 'revoked', 'suspended']),
    reason: z.string().max(200).default('operator'),
  })
  .openapi('StatusRequest')

/** Comparing digests of equal length keeps the comparison constant-time whatever was sent. */
function tokenDigest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

/**
 * The HTTP surface of an instance: health, issuer and type metadata, trust list,
 * status lists, the verifier API and the operator API, each route declared once with
 * its schemas so that `/openapi.json` describes exactly what runs.
 */
export function createApp(options: CreateAppOptions) {
  const { platform } = options
  const log = options.log ?? (() => {})
  const metrics = createMetrics({ platform })
  const issuer = countIssuance(options.issuer, metrics)
  const verifier = countVerification(options.verifier, metrics)
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(errorBody(new PolisError('ERR_BAD_REQUEST'), languageOf(c)), 400)
    },
  })

  app.use('*', observeRequests({ metrics, log, quiet: opsRoutes }))
  app.use('*', secureHeaders(securityHeaders({ https: platform.publicUrl.startsWith('https:') })))
  if (options.loadShedding) app.use('*', shedLoad(options.loadShedding))
  const trustedProxies = parseTrustedProxies(platform.config.POLIS_TRUSTED_PROXIES)
  if (trustedProxies.size > 0) app.use('*', clientAddress({ trustedProxies }))
  // The server's pages fall back to the instance's first language (docs/federation.md).
  if (countryProfile(platform.config).language !== 'uk')
    app.use('*', firstLanguage(countryProfile(platform.config).language))
  // While the database is down, wallets and verifiers still get the public documents last served.
  const keepAnswers = keepAnswersForDegradedMode()
  for (const path of keptForDegradedMode) app.use(path, keepAnswers)
  // Other origins' verifiers and wallets read the public documents; nothing else answers them.
  for (const path of crossOriginReadPaths) {
    app.use(path, cors({ origin: '*', allowMethods: ['GET'] }), async (c, next) => {
      await next()
      c.header('cross-origin-resource-policy', 'cross-origin')
    })
  }
  // Another country's wallet takes this issuer's offers and answers its cross-border requests (docs/federation.md).
  for (const path of crossOriginWalletPaths) {
    app.use(path, cors({ origin: '*', allowMethods: ['GET', 'POST'], allowHeaders: ['authorization', 'content-type'] }))
  }
  const apiBodyLimit = bodyLimit({
    maxSize: 512 * 1024,
    onError: (c) => c.json(errorBody(new PolisError('ERR_TOO_LARGE'), languageOf(c)), 413),
  })
  // Documents to sign and to check have limits of their own (signature-routes.ts), and so do the wallet's uploads.
  const documentPaths = new Set(['/api/signing-requests', '/api/signatures/verify'])
  app.use('/api/*', (c, next) =>
    documentPaths.has(c.req.path) || walletUploadPath.test(c.req.path) ? next() : apiBodyLimit(c, next),
  )

  app.use('*', refuseUnreadableInput())
  app.use('*', checkLiveServices({ services: platform.services, engine: platform.store.engine }))

  app.onError((error, c) => {
    // Hono's own refusals (a body that is not JSON, a wrong content type) are bad input.
    if (error instanceof HTTPException && error.status < 500) {
      const code = error.status === 413 ? 'ERR_TOO_LARGE' : error.status === 400 ? 'ERR_MALFORMED' : 'ERR_BAD_REQUEST'
      return c.json(errorBody(new PolisError(code), languageOf(c)), error.status === 413 ? 413 : 400)
    }
    // A database that cannot be reached, or is full, is said as such: nothing was saved.
    const polis = error instanceof PolisError ? error : storeRefusal(error)
    if (polis?.code === 'ERR_STORE_UNAVAILABLE') c.header('retry-after', '30')
    // A device signature dated wrongly: the wallet signs again on the time this says (RFC 9449 section 8 in spirit).
    if (polis?.code === 'ERR_DEVICE_AUTH_STALE') c.header('date', platform.now().toUTCString())
    if (!polis || polis.status >= 500) {
      // The route template, not the path: paths carry ids.
      const requestId = requestIdOf(c)
      log({ level: 'error', route: routeOf(c), requestId, code: polis?.code ?? 'ERR_INTERNAL', name: error.name })
    }
    // A browser asking for a page gets a page: the message in its language, the code, and a way on.
    if (wantsPage(c)) return errorPage(c, polis?.code ?? 'ERR_INTERNAL', languageOf(c), polis?.status ?? 500)
    return c.json(errorBody(polis ?? error, languageOf(c)), (polis?.status ?? 500) as 500)
  })
  app.notFound((c) => {
    markUnmatched(c)
    if (wantsPage(c)) return errorPage(c, 'ERR_NOT_FOUND', languageOf(c), 404)
    return c.json(errorBody(new PolisError('ERR_NOT_FOUND'), languageOf(c)), 404)
  })

  // The operator API is closed without a token, and checked before any body is read.
  const expectedToken = options.adminToken ? tokenDigest(`Bearer ${options.adminToken}`) : undefined
  const operatorOnly: MiddlewareHandler = async (c, next) => {
    const given = tokenDigest(c.req.header('authorization') ?? '')
    if (!expectedToken || !timingSafeEqual(given, expectedToken)) throw new PolisError('ERR_FORBIDDEN')
    await next()
  }
  app.use('/api/admin/*', operatorOnly)

  app.get('/platform', (c) => {
    const nonce = randomBytes(16).toString('base64url')
    c.header('content-security-policy', pageSecurityPolicy({ nonce }))
    return c.html(landingPage(platform, { nonce }))
  })

  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      summary: 'Liveness and database reachability',
      responses: {
        200: {
          description: 'The instance is up',
          content: { 'application/json': { schema: z.object({ status: z.literal('ok'), engine: z.string() }) } },
        },
      },
    }),
    async (c) => {
      await platform.store.db.selectFrom('meta').select('key').limit(1).execute()
      return c.json({ status: 'ok' as const, engine: platform.store.engine }, 200)
    },
  )
  registerOpsRoutes(app, {
    platform,
    metrics,
    operatorOnly,
    ...(options.draining ? { draining: options.draining } : {}),
  })

  app.openapi(
    createRoute({
      method: 'get',
      path: '/vct/{code}',
      summary: 'SD-JWT VC Type Metadata of a document type',
      request: { params: z.object({ code: z.string().max(64) }) },
      responses: {
        200: {
          description: 'Type metadata',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
        ...errorResponses,
      },
    }),
    (c) => {
      const type = findDocumentType(c.req.valid('param').code)
      if (!type) throw new PolisError('ERR_UNKNOWN_DOCUMENT_TYPE')
      return c.json(vctMetadata(type, { baseUrl: platform.publicUrl }), 200)
    },
  )

  // Before /api/verify, whose refusals of other countries' documents it words.
  registerFederationRoutes(app, { platform })
  app.openapi(
    createRoute({
      method: 'get',
      path: '/trust/list',
      summary: 'The trust list as a JWS signed by the national anchor',
      responses: { 200: { description: 'Signed trust list', content: { 'application/jwt': { schema: z.string() } } } },
    }),
    async (c) =>
      c.body(await getSignedTrustList(platform), 200, {
        'content-type': 'application/jwt',
        'cache-control': 'max-age=600',
      }),
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/trust/list.json',
      summary: 'The trust list, unsigned, for reading',
      responses: {
        200: {
          description: 'Trust list',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
      },
    }),
    async (c) => c.json(buildTrustList(platform, { withdrawn: await findWithdrawnIssuers(platform.store) }), 200),
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/trust/anchor.pem',
      summary: 'The national trust anchor certificate',
      responses: {
        200: { description: 'PEM certificate', content: { 'application/x-pem-file': { schema: z.string() } } },
      },
    }),
    (c) => c.body(anchorPem(platform), 200, { 'content-type': 'application/x-pem-file' }),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/trust/anchor.jwk',
      summary: "The national trust anchor's public key as a JWK, for verifier apps to pin",
      responses: {
        200: { description: 'JWK', content: { 'application/jwk+json': { schema: z.record(z.string(), z.unknown()) } } },
      },
    }),
    (c) => c.json(anchorJwk(platform), 200, { 'content-type': 'application/jwk+json' }),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/status/lists',
      summary: 'Every status list this instance publishes, for verifiers that work offline',
      responses: {
        200: {
          description: 'The lists',
          content: {
            'application/json': {
              schema: z.object({ lists: z.array(z.object({ uri: z.string(), issuer: z.string() })) }),
            },
          },
        },
      },
    }),
    async (c) => c.json({ lists: await issuer.statusLists() }, 200, { 'cache-control': 'max-age=60' }),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/status/{listId}',
      summary: 'A Token Status List (draft-ietf-oauth-status-list section 8)',
      request: { params: z.object({ listId: z.string().uuid() }) },
      responses: {
        200: { description: 'Status List Token', content: { 'application/statuslist+jwt': { schema: z.string() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const token = await issuer.statusListToken(c.req.valid('param').listId)
      return c.body(token, 200, { 'content-type': 'application/statuslist+jwt', 'cache-control': 'max-age=30' })
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/verify',
      summary: 'Verify a presentation or credential (SD-JWT VC or mdoc)',
      request: { body: { content: { 'application/json': { schema: VerifyRequest } }, required: true } },
      responses: {
        200: { description: 'Valid', content: { 'application/json': { schema: VerifyResponse } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const result = await verifier.verify({
        input: body.presentation,
        nonce: body.nonce,
        audience: body.audience,
        ...(body.requireKeyBinding === undefined ? {} : { requireKeyBinding: body.requireKeyBinding }),
      })
      return c.json(result, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/admin/credentials',
      summary: 'Issue a document of a citizen to a holder key (operator)',
      security: [{ operator: [] }],
      request: { body: { content: { 'application/json': { schema: IssueRequest } }, required: true } },
      responses: {
        201: {
          description: 'Issued',
          content: {
            'application/json': {
              schema: z.object({
                credentialId: z.string(),
                documentType: z.string(),
                format: z.string(),
                credential: z.string(),
                expiresAt: z.string(),
                status: z.object({ uri: z.string(), idx: z.number() }),
              }),
            },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const issued = await issuer.issue({ ...body, holderKey: body.holderKey })
      return c.json({ ...issued, expiresAt: issued.expiresAt.toISOString() }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/admin/credentials/status',
      summary: 'Revoke, suspend or reinstate a credential (operator)',
      security: [{ operator: [] }],
      request: { body: { content: { 'application/json': { schema: StatusRequest } }, required: true } },
      responses: {
        200: {
          description: 'Changed',
          content: {
            'application/json': {
              schema: z.object({ credentialId: z.string(), previous: z.string(), status: z.string() }),
            },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      return c.json(await issuer.changeStatus(body), 200)
    },
  )

  registerOid4vciRoutes(app, { platform, issuer, languageOf })
  registerWalletRoutes(app, { platform, issuer, verifier, log })
  registerDemoBank(app, { platform, log })
  registerPolisId(app, { platform, log })
  registerSignatureRoutes(app, { platform, log, languageOf })
  registerSignaturePages(app, { platform, log, languageOf })
  const engine = options.serviceEngine ?? createServiceEngine(platform)
  registerServiceRoutes(app, { platform, engine, languageOf, log })
  registerDataTrackerRoutes(app, { platform, engine })
  registerLogRoutes(app, { platform })
  registerExchangeRoutes(app, { platform })
  const payments = createPayments(platform, engine, log)
  payments.register(app)
  registerWalletPaymentRoutes(app, { platform, engine, payments, languageOf })
  registerWalletDeletionRoutes(app, { platform, log })
  registerWalletAttachmentRoutes(app, { platform, engine, log })
  registerPortal(app, { platform, engine, payments, log, verifier })
  registerOffice(app, { platform, engine, log })
  registerVerifierApi(app, { platform, languageOf, log })
  app.get('/schemas/service-definition.json', (c) => c.json(definitionJsonSchema()))
  serveApps(app, {
    language: countryProfile(platform.config).language,
    overHttp: !platform.publicUrl.startsWith('https:'),
  })

  app.openAPIRegistry.registerComponent('securitySchemes', 'operator', { type: 'http', scheme: 'bearer' })
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Polis', version: '0.1.0', description: 'APIs of a Polis instance.' },
    servers: [{ url: platform.publicUrl }],
  })
  return app
}
