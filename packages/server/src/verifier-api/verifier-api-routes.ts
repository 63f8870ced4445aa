import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { errorBody, type Language, PolisError } from '@polis/kernel'
import { maxResponseLength } from '@polis/oid4vp'
import { toPem } from '@polis/trust'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import QRCode from 'qrcode'
import { loadAccessCa } from '../business/access-ca.ts'
import { authenticateApiKey, type Business } from '../business/businesses.ts'
import { countAttempt } from '../http/rate-limit.ts'
import type { Platform } from '../platform/create-platform.ts'
import { sealSharingPackage } from './seal-sharing-package.ts'
import {
  createVerifierRequest,
  NewVerifierRequest,
  PostedResponse,
  receiveVerifierResponse,
  registrationOf,
  requestObjectOf,
  viewVerifierRequest,
} from './verifier-requests.ts'

export interface VerifierApiOptions {
  platform: Platform
  languageOf: (c: Context) => Language
  log: (line: Record<string, unknown>) => void
}

/**
 * Requests one business may send citizens in a minute, counted once its API key is
 * checked, so that no one else can use up its allowance: a leaked key cannot flood
 * wallets with requests in its name (as signing requests are limited per client).
 */
export const verifierRequestsPerBusiness = { name: 'verifier-requests-business', limit: 120, windowSeconds: 60 }

const noStore = { 'cache-control': 'no-store' }
const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
const errors = (statuses: Array<400 | 401 | 403 | 404 | 409 | 410>) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Error (docs/errors.md)', content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  )

const CreatedRequest = z
  .object({
    id: z.string(),
    client_id: z.string().openapi({ description: 'x509_hash client identifier of the business' }),
    request_uri: z.string(),
    link: z.string().openapi({ description: 'openid4vp:// link: the same-device flow, and the QR content' }),
    qr_svg: z.string().openapi({ description: 'The link as a QR code (SVG), for the cross-device flow' }),
    expires_at: z.string(),
  })
  .openapi('VerifierRequestCreated')

const RequestView = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'verified', 'refused', 'expired']),
    purpose: z.string(),
    created_at: z.string(),
    expires_at: z.string(),
    answered_at: z.string().optional(),
    result: z
      .object({
        credentials: z.array(
          z.object({
            query_id: z.string(),
            format: z.string(),
            claims: z.record(z.string(), z.unknown()),
            evidence: z.record(z.string(), z.unknown()),
          }),
        ),
        transaction_data: z.array(z.unknown()),
        verified_at: z.string(),
      })
      .optional()
      .openapi({ description: 'Only the verified claims asked for, and the evidence of each credential' }),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .openapi('VerifierRequest')

const NewRequestBody = NewVerifierRequest.openapi('NewVerifierRequest', {
  description:
    'A purpose the business registered, a DCQL query (OpenID4VP 1.0 section 6) within it, optional transaction data (section 8.4) and a webhook',
})

/** The business of each authenticated API call, found before its body is read. */
const businesses = new WeakMap<Request, Business>()

/** The business behind the request's `Authorization: Bearer pk_...` API key. */
function businessOf(c: Context): Business {
  const business = businesses.get(c.req.raw)
  if (!business) throw new PolisError('ERR_CLIENT_AUTH')
  return business
}

/**
 * The verifier API for businesses (issue 7): create an OpenID4VP request by API key,
 * serve its signed request object to the wallet, receive the wallet's encrypted
 * answer, and let the business poll the verified result (or receive it by webhook).
 */
export function registerVerifierApi(app: OpenAPIHono, options: VerifierApiOptions): void {
  const { platform, languageOf } = options
  app.openAPIRegistry.registerComponent('securitySchemes', 'businessKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A business API key, pk_<id>.<secret> (polis businesses keys)',
  })

  // The API key is checked before any body is read.
  app.use('/api/verifier/*', async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    if (!header.startsWith('Bearer ')) throw new PolisError('ERR_CLIENT_AUTH')
    businesses.set(c.req.raw, await authenticateApiKey(platform, header.slice('Bearer '.length).trim()))
    await next()
  })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/verifier/requests',
      summary: 'Ask a citizen for documents (OpenID4VP 1.0 with DCQL, HAIP 1.0)',
      security: [{ businessKey: [] }],
      request: { body: { content: { 'application/json': { schema: NewRequestBody } }, required: true } },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: CreatedRequest } } },
        ...errors([400, 401, 403]),
      },
    }),
    async (c) => {
      const business = businessOf(c)
      await countAttempt(c, {
        ...verifierRequestsPerBusiness,
        store: platform.store,
        now: platform.now,
        log: options.log,
        subject: business.id,
      })
      const created = await createVerifierRequest(platform, { business, input: c.req.valid('json') })
      const qr = await QRCode.toString([{ data: Buffer.from(created.link), mode: 'byte' }], {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      })
      return c.json(
        {
          id: created.id,
          client_id: created.clientId,
          request_uri: created.requestUri,
          link: created.link,
          qr_svg: qr,
          expires_at: created.expiresAt,
        },
        201,
        noStore,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/verifier/requests/{id}',
      summary: 'Poll a request: pending, verified (claims and evidence), refused (with its code) or expired',
      security: [{ businessKey: [] }],
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: { description: 'The request', content: { 'application/json': { schema: RequestView } } },
        ...errors([401, 403, 404]),
      },
    }),
    async (c) => {
      const business = businessOf(c)
      return c.json(await viewVerifierRequest(platform, { business, id: c.req.valid('param').id }), 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/verifier/requests/{id}/package.pdf',
      summary:
        'The shared documents on paper: a PDF of the verified claims and their evidence, a JSON manifest attached, sealed by the platform (PAdES)',
      description:
        'For a verified request, while the platform keeps its claims (a day): ERR_NOT_SHARED for one that did not end verified, ERR_CLAIMS_ERASED after. The seal checks at /signatures/verify; the manifest is the embedded file sharing-manifest.json.',
      security: [{ businessKey: [] }],
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: {
          description: 'Sealed PDF',
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...errors([401, 403, 404, 410]),
      },
    }),
    async (c) => {
      const sealed = await sealSharingPackage(platform, { business: businessOf(c), id: c.req.valid('param').id })
      return c.body(Buffer.from(sealed.pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${sealed.fileName}"`,
        ...noStore,
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/verifier/requests/{id}/request-object',
      summary: "The signed request object, at the request's request_uri (OpenID4VP 1.0 section 5.10)",
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: {
          description: 'Request object',
          content: { 'application/oauth-authz-req+jwt': { schema: z.string() } },
        },
        ...errors([403, 404, 409]),
      },
    }),
    async (c) =>
      c.body(await requestObjectOf(platform, c.req.valid('param').id), 200, {
        'content-type': 'application/oauth-authz-req+jwt',
        ...noStore,
      }),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/verifier/requests/{id}/registration',
      summary: "What the business registered for the request's purpose: its words and the claims it allows",
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: {
          description: 'The registration the wallet shows and checks the request against',
          content: {
            'application/json': {
              schema: z.object({
                client_id: z.string(),
                legal_name: z.string(),
                register_number: z.string(),
                privacy_contact: z.string(),
                purpose: z.object({
                  id: z.string(),
                  description: z.string(),
                  descriptions: z
                    .object({ en: z.string(), uk: z.string(), et: z.string() })
                    .partial()
                    .optional()
                    .openapi({
                      description: 'The same words in English, Ukrainian and Estonian, where the business gave them',
                    }),
                }),
                documents: z.array(z.object({ document: z.string(), vct: z.string(), claims: z.array(z.string()) })),
              }),
            },
          },
        },
        ...errors([403, 404, 409]),
      },
    }),
    async (c) => c.json(await registrationOf(platform, c.req.valid('param').id), 200, noStore),
  )

  // The wallet's answer is a compact JWE in a form; bounded before anything is read.
  app.use(
    '/verifier/requests/:id/response',
    bodyLimit({
      maxSize: maxResponseLength + 16 * 1024,
      onError: (c) => c.json(errorBody(new PolisError('ERR_TOO_LARGE'), languageOf(c)), 413),
    }),
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/verifier/requests/{id}/response',
      summary: "The request's response_uri: the wallet posts its direct_post.jwt answer here (section 8.3)",
      request: {
        params: z.object({ id: z.string().max(64) }),
        body: { content: { 'application/x-www-form-urlencoded': { schema: PostedResponse } }, required: true },
      },
      responses: {
        200: { description: 'Received', content: { 'application/json': { schema: z.object({}) } } },
        ...errors([400, 403, 404, 409]),
      },
    }),
    async (c) => {
      await receiveVerifierResponse(platform, { id: c.req.valid('param').id, posted: c.req.valid('form') })
      return c.json({}, 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/verifier/access-ca.pem',
      summary: "The platform's access CA: wallets check businesses' request objects against it",
      responses: {
        200: { description: 'PEM certificate', content: { 'application/x-pem-file': { schema: z.string() } } },
      },
    }),
    async (c) =>
      c.body(toPem((await loadAccessCa(platform)).certificate), 200, {
        'content-type': 'application/x-pem-file',
      }),
  )
}
