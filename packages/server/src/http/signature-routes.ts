import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { type Language, messageOf, PolisError } from '@polis/kernel'
import { authenticateClient } from '@polis/polis-id'
import { type SignatureReport, verifySignature } from '@polis/signatures'
import { toPem } from '@polis/trust'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Platform } from '../platform/create-platform.ts'
import {
  activeSigningCertificate,
  certificateStatus,
  issueSigningCertificate,
  signingRevocationList,
} from '../signing/signing-certificates.ts'
import {
  completeSigning,
  createSigningRequest,
  declineSigning,
  findSigningRequestFor,
  maxSigningDocumentBytes,
  readForWallet,
  signatureFormats,
  signingHistory,
} from '../signing/signing-requests.ts'
import { deviceAuthenticator } from './device-auth.ts'
import { countAttempt, rateLimit } from './rate-limit.ts'

export interface SignatureRoutesOptions {
  platform: Platform
  log: (line: Record<string, unknown>) => void
  languageOf: (c: Context) => Language
}

const noStore = { 'cache-control': 'no-store' }
/** The JSON API's own body limit: a 10 MB document in base64 and its envelope. */
export const signingRequestBodyBytes = Math.ceil((maxSigningDocumentBytes * 4) / 3) + 64 * 1024
/** A document and its signature for the verifier, as a multipart form. */
export const verifyBodyBytes = 2 * maxSigningDocumentBytes + 64 * 1024
/** Documents a business may send citizens to sign a minute, whatever the address. */
export const signingRequestsPerClient = { name: 'signing-requests-client', limit: 120, windowSeconds: 60 }
const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
const errors = (statuses: Array<400 | 401 | 404 | 409 | 413 | 422>) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Error (docs/errors.md)', content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  )

const SigningCertificate = z
  .object({ certificate: z.string(), serialNumber: z.string(), notAfter: z.string(), subject: z.string() })
  .openapi('SigningCertificate')
const WalletSigningRequest = z
  .object({
    id: z.string(),
    state: z.enum(['waiting', 'signed', 'declined', 'expired']),
    controlCode: z.string(),
    expiresAt: z.string(),
    requester: z.object({ name: z.string(), kind: z.enum(['portal', 'business']) }),
    purpose: z.string().nullable(),
    document: z.object({ name: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string() }),
    format: z.enum(signatureFormats),
    toBeSigned: z.string().openapi({ description: 'base64url: the bytes the signing key signs' }),
    digest: z.string().openapi({ description: 'base64url: the digest that toBeSigned must carry' }),
  })
  .openapi('WalletSigningRequest')
const Id = z.object({ id: z.string().min(10).max(64) })

/** The report as JSON: the error, when there is one, as code and message in the asked language. */
export function reportJson(report: SignatureReport, language: Language) {
  const { error, ...rest } = report
  return {
    ...rest,
    ...(error ? { error: { code: error.code, message: messageOf(error.code, language) } } : {}),
  }
}

/** Reads the verifier's multipart form: `document`, and `signature` for a detached one. */
export async function readVerifyForm(c: Context): Promise<{ document: Uint8Array; signature?: Uint8Array }> {
  const form = await c.req.parseBody().catch(() => {
    throw new PolisError('ERR_MALFORMED', { detail: 'a multipart form is expected' })
  })
  const bytesOf = async (value: unknown) =>
    value instanceof File && value.size > 0 ? new Uint8Array(await value.arrayBuffer()) : undefined
  const document = await bytesOf(form.document)
  if (!document) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the document is missing' })
  const signature = await bytesOf(form.signature)
  return { document, ...(signature ? { signature } : {}) }
}

/**
 * Digital signatures over HTTP: the wallet's certificate and signing calls (signed by
 * the device), the business API (client credentials of Polis ID), the public
 * verification API, and the signing CA's certificate and revocation list.
 */
export function registerSignatureRoutes(app: OpenAPIHono, options: SignatureRoutesOptions): void {
  const { platform, log, languageOf } = options
  const authenticate = deviceAuthenticator(platform)

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/signing-certificate',
      summary: 'Certify the wallet’s signing key (replaces this phone’s earlier certificate)',
      security: [{ device: [] }],
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({ publicJwk: z.record(z.string(), z.unknown()), proof: z.string().max(4096) }),
            },
          },
        },
      },
      responses: {
        201: { description: 'Certified', content: { 'application/json': { schema: SigningCertificate } } },
        ...errors([400, 401]),
      },
    }),
    async (c) => {
      const device = await authenticate(c)
      const body = c.req.valid('json')
      const issued = await issueSigningCertificate({ platform, device, publicJwk: body.publicJwk, proof: body.proof })
      log({ level: 'info', event: 'signing_certificate_issued' })
      return c.json(issued, 201, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/signing-certificate',
      summary: 'This phone’s signing certificate',
      security: [{ device: [] }],
      responses: {
        200: { description: 'The certificate', content: { 'application/json': { schema: SigningCertificate } } },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const device = await authenticate(c)
      const active = await activeSigningCertificate(platform, device.deviceId)
      if (!active) throw new PolisError('ERR_NOT_FOUND', { detail: 'no signing certificate' })
      const { der: _der, ...summary } = active
      return c.json(summary, 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/signing-requests/{id}',
      summary: 'A document waiting for the citizen’s signature, prepared for this phone',
      security: [{ device: [] }],
      request: { params: Id },
      responses: {
        200: {
          description: 'What to show and sign',
          content: { 'application/json': { schema: WalletSigningRequest } },
        },
        ...errors([401, 404, 409]),
      },
    }),
    async (c) => {
      const device = await authenticate(c)
      return c.json(await readForWallet({ platform, id: c.req.valid('param').id, device }), 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/signing-requests/{id}/signature',
      summary: 'The wallet’s signature of toBeSigned (ECDSA P-256, r‖s, base64url)',
      security: [{ device: [] }],
      request: {
        params: Id,
        body: {
          content: { 'application/json': { schema: z.object({ signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/) }) } },
        },
      },
      responses: {
        200: {
          description: 'Signed',
          content: { 'application/json': { schema: z.object({ state: z.literal('signed'), signedAt: z.string() }) } },
        },
        ...errors([400, 401, 404, 409, 422]),
      },
    }),
    async (c) => {
      const device = await authenticate(c)
      const result = await completeSigning({
        platform,
        id: c.req.valid('param').id,
        device,
        signature: c.req.valid('json').signature,
        log,
      })
      return c.json(result, 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/signing-requests/{id}/decline',
      summary: 'The citizen declines to sign',
      security: [{ device: [] }],
      request: { params: Id },
      responses: {
        200: {
          description: 'Declined',
          content: { 'application/json': { schema: z.object({ state: z.literal('declined') }) } },
        },
        ...errors([401, 404, 409]),
      },
    }),
    async (c) => {
      const device = await authenticate(c)
      return c.json(await declineSigning({ platform, id: c.req.valid('param').id, device, log }), 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/signatures',
      summary: 'The citizen’s signing history, newest first',
      security: [{ device: [] }],
      responses: {
        200: {
          description: 'Signatures',
          content: {
            'application/json': {
              schema: z.object({
                signatures: z.array(
                  z.object({
                    id: z.string(),
                    documentName: z.string(),
                    mediaType: z.string(),
                    format: z.enum(signatureFormats),
                    requester: z.object({ name: z.string(), kind: z.enum(['portal', 'business']) }),
                    signedAt: z.string(),
                    sha256: z.string(),
                  }),
                ),
              }),
            },
          },
        },
        ...errors([401]),
      },
    }),
    async (c) => {
      const device = await authenticate(c)
      return c.json({ signatures: await signingHistory(platform, device.citizenId) }, 200, noStore)
    },
  )

  // The business API: a relying party of Polis ID asks a citizen to sign.
  const client = (c: Context) =>
    authenticateClient({ store: platform.store, sealer: platform.keys, authorization: c.req.header('authorization') })
  app.use('/api/signing-requests', bodyLimit({ maxSize: signingRequestBodyBytes, onError: tooLarge(languageOf) }))
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/signing-requests',
      summary: 'Ask a citizen to sign a document with their wallet (client credentials, HTTP Basic)',
      security: [{ client: [] }],
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                document: z.object({
                  name: z.string().min(1).max(200),
                  mediaType: z.string().min(1).max(100),
                  content: z.string().min(1).openapi({ description: 'base64' }),
                }),
                format: z.enum(signatureFormats).optional(),
                purpose: z.string().max(300).optional(),
                callbackUrl: z.url().optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: {
          description: 'Waiting for the citizen',
          content: {
            'application/json': {
              schema: z.object({
                id: z.string(),
                walletUrl: z.string(),
                controlCode: z.string(),
                expiresAt: z.string(),
                state: z.literal('waiting'),
              }),
            },
          },
        },
        ...errors([400, 401, 413]),
      },
    }),
    async (c) => {
      const me = await client(c)
      // Counted once the business is known, so that no one else can use up its allowance.
      await countAttempt(c, {
        ...signingRequestsPerClient,
        store: platform.store,
        now: platform.now,
        log,
        subject: me.clientId,
      })
      const body = c.req.valid('json')
      if (body.callbackUrl) {
        const origin = new URL(body.callbackUrl).origin
        if (!me.redirectUris.some((uri) => new URL(uri).origin === origin)) {
          throw new PolisError('ERR_BAD_REQUEST', { detail: 'the callback must be on a registered redirect origin' })
        }
      }
      const created = await createSigningRequest({
        platform,
        requester: { kind: 'business', clientId: me.clientId },
        document: {
          name: body.document.name,
          mediaType: body.document.mediaType,
          bytes: new Uint8Array(Buffer.from(body.document.content, 'base64')),
        },
        ...(body.format ? { format: body.format } : {}),
        ...(body.purpose ? { purpose: body.purpose } : {}),
        ...(body.callbackUrl ? { callbackUrl: body.callbackUrl } : {}),
      })
      return c.json({ ...created, state: 'waiting' as const }, 201, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/signing-requests/{id}',
      summary: 'The state of a signing request the client made',
      security: [{ client: [] }],
      request: { params: Id },
      responses: {
        200: {
          description: 'The request',
          content: {
            'application/json': {
              schema: z.object({
                id: z.string(),
                state: z.enum(['waiting', 'signed', 'declined', 'expired']),
                format: z.enum(signatureFormats),
                expiresAt: z.string(),
                signedAt: z.string().optional(),
                signer: z.string().optional(),
              }),
            },
          },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await client(c)
      const found = await findSigningRequestFor({
        platform,
        id: c.req.valid('param').id,
        requester: { kind: 'business', clientId: me.clientId },
      })
      return c.json(
        {
          id: found.id,
          state: found.state,
          format: found.format,
          expiresAt: found.expiresAt,
          ...(found.signedAt ? { signedAt: found.signedAt } : {}),
          ...(found.signer ? { signer: found.signer } : {}),
        },
        200,
        noStore,
      )
    },
  )

  app.get('/api/signing-requests/:id/result', async (c) => {
    const me = await client(c)
    const found = await findSigningRequestFor({
      platform,
      id: c.req.param('id'),
      requester: { kind: 'business', clientId: me.clientId },
    })
    if (!found.result) throw new PolisError('ERR_NOT_FOUND', { detail: 'not signed' })
    return download(found.result)
  })

  // The public verifier: anyone may check a signature, a few times a minute per address.
  app.use('/api/signatures/verify', bodyLimit({ maxSize: verifyBodyBytes, onError: tooLarge(languageOf) }))
  app.use(
    '/api/signatures/verify',
    rateLimit({
      store: platform.store,
      now: platform.now,
      name: 'signature-verify',
      limit: 60,
      windowSeconds: 60,
      log,
    }),
  )
  app.post('/api/signatures/verify', async (c) => {
    const form = await readVerifyForm(c)
    const report = await verifySignature({
      ...form,
      checkChain: platform.signing.checkChain,
      status: certificateStatus(platform),
      now: platform.now(),
    })
    return c.json(reportJson(report, languageOf(c)), 200, noStore)
  })

  app.get('/signatures/ca.pem', (c) =>
    c.body(toPem(platform.signing.caCertificate), 200, { 'content-type': 'application/x-pem-file' }),
  )
  app.get('/signatures/tsa.pem', (c) =>
    c.body(toPem(platform.signing.timestampAuthority.certificate), 200, { 'content-type': 'application/x-pem-file' }),
  )
  app.get('/signatures/crl', async (c) =>
    c.body(Buffer.from(await signingRevocationList(platform)), 200, {
      'content-type': 'application/pkix-crl',
      'cache-control': 'max-age=60',
    }),
  )
  app.openAPIRegistry.registerComponent('securitySchemes', 'client', { type: 'http', scheme: 'basic' })
}

function tooLarge(languageOf: (c: Context) => Language) {
  return (c: Context) =>
    c.json({ error: { code: 'ERR_TOO_LARGE', message: messageOf('ERR_TOO_LARGE', languageOf(c)) } }, 413)
}

/** A signed file as a download, its name safe in the header. */
export function download(file: { bytes: Uint8Array; mediaType: string; name: string }): Response {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'content-type': file.mediaType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  })
}
