import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { documentTypes } from '@polis/documents'
import { authenticateDevice, findDevice } from '@polis/identity'
import { type Language, PolisError } from '@polis/kernel'
import {
  authorizationServerMetadata,
  createCredentialOffer,
  createProofNonce,
  credentialIssuerMetadata,
  handleCredentialRequest,
  oauthErrorBody,
  redeemPreAuthorizedCode,
} from '@polis/oid4vc'
import type { Context } from 'hono'
import type { Issuer } from '../issuance/create-issuer.ts'
import { offerableConfigurations } from '../issuance/offerable-configurations.ts'
import type { Platform } from '../platform/create-platform.ts'

export interface Oid4vciRoutesOptions {
  platform: Platform
  issuer: Issuer
  languageOf: (c: Context) => Language
}

const noStore = { 'cache-control': 'no-store' }

const OAuthError = z
  .object({ error: z.string(), error_description: z.string(), polis_code: z.string() })
  .openapi('OAuthError', { description: 'RFC 6749 / OpenID4VCI error, with the Polis code beside it' })

/** The OpenID4VCI 1.0 issuer: metadata, the pre-authorised token endpoint, nonces, credentials, offers. */
export function registerOid4vciRoutes(app: OpenAPIHono, options: Oid4vciRoutesOptions): void {
  const { platform, issuer, languageOf } = options
  const oauthError = (c: Context, error: unknown, endpoint: 'token' | 'credential') => {
    const { status, body } = oauthErrorBody(error, { endpoint, language: languageOf(c) })
    if (status === 401) c.header('www-authenticate', 'Bearer error="invalid_token"')
    return c.json(body, status as 400)
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/.well-known/openid-credential-issuer',
      summary: 'Credential Issuer Metadata (OpenID4VCI 1.0 section 12.2)',
      responses: {
        200: {
          description: 'Metadata',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
      },
    }),
    (c) => c.json(credentialIssuerMetadata(platform.publicUrl), 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/.well-known/oauth-authorization-server',
      summary: 'Authorization Server Metadata of the token endpoint (RFC 8414)',
      responses: {
        200: {
          description: 'Metadata',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
      },
    }),
    (c) => c.json(authorizationServerMetadata(platform.publicUrl), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/oid4vci/token',
      summary: 'Token endpoint: redeem a pre-authorised code (OpenID4VCI 1.0 section 6)',
      responses: {
        200: {
          description: 'Access token',
          content: {
            'application/json': {
              schema: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number() }),
            },
          },
        },
        400: { description: 'OAuth error', content: { 'application/json': { schema: OAuthError } } },
      },
    }),
    async (c) => {
      try {
        const type = c.req.header('content-type') ?? ''
        if (!type.startsWith('application/x-www-form-urlencoded')) {
          throw new PolisError('ERR_BAD_REQUEST', { detail: 'the token request is a form' })
        }
        const body = await c.req.parseBody()
        const form: Record<string, string | undefined> = {}
        for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form[key] = value
        // A Polis wallet signs its token request with its device key; any other wallet need not.
        const authorization = c.req.header('authorization')
        const device = authorization?.startsWith('PolisDevice ')
          ? await authenticateDevice({
              store: platform.store,
              authorization,
              method: c.req.method,
              url: `${platform.publicUrl}${c.req.path}`,
              audience: platform.publicUrl,
              now: platform.now(),
            })
          : undefined
        const token = await redeemPreAuthorizedCode({ store: platform.store, form, now: platform.now(), device })
        return c.json(token, 200, noStore)
      } catch (error) {
        return oauthError(c, error, 'token')
      }
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/oid4vci/nonce',
      summary: 'Nonce endpoint: a fresh c_nonce for key proofs (OpenID4VCI 1.0 section 7)',
      responses: {
        200: { description: 'A nonce', content: { 'application/json': { schema: z.object({ c_nonce: z.string() }) } } },
      },
    }),
    async (c) => c.json(await createProofNonce({ store: platform.store, now: platform.now() }), 200, noStore),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/oid4vci/credential',
      summary: 'Credential endpoint (OpenID4VCI 1.0 section 8), jwt key proofs, batch issuance',
      security: [{ accessToken: [] }],
      responses: {
        200: {
          description: 'Credentials, one per proven holder key',
          content: {
            'application/json': {
              schema: z.object({ credentials: z.array(z.object({ credential: z.string() })) }),
            },
          },
        },
        400: { description: 'OpenID4VCI error', content: { 'application/json': { schema: OAuthError } } },
        401: { description: 'Missing or bad access token', content: { 'application/json': { schema: OAuthError } } },
      },
    }),
    async (c) => {
      try {
        let body: unknown
        try {
          body = await c.req.json()
        } catch (cause) {
          throw new PolisError('ERR_MALFORMED', { detail: 'the credential request is not JSON', cause })
        }
        const response = await handleCredentialRequest({
          store: platform.store,
          credentialIssuer: platform.publicUrl,
          authorization: c.req.header('authorization'),
          body,
          now: platform.now(),
          issue: async (requests, options) => {
            // An offer made to a device is void once the device is revoked.
            for (const deviceId of new Set(requests.flatMap((r) => (r.deviceId ? [r.deviceId] : [])))) {
              const device = await findDevice({ store: platform.store, deviceId })
              if (!device || device.revokedAt !== null) throw new PolisError('ERR_DEVICE_REVOKED')
            }
            return issuer.issueTogether(requests, options)
          },
        })
        return c.json(response, 200, noStore)
      } catch (error) {
        return oauthError(c, error, 'credential')
      }
    },
  )

  const OfferRequest = z
    .object({
      citizenId: z.string().min(1).max(64),
      documentTypes: z
        .array(z.enum(documentTypes.map((t) => t.code) as [string, ...string[]]))
        .min(1)
        .optional(),
      withTxCode: z.boolean().default(false),
    })
    .openapi('OfferRequest')

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/admin/offers',
      summary: 'Create a credential offer for a citizen (operator)',
      security: [{ operator: [] }],
      request: { body: { content: { 'application/json': { schema: OfferRequest } }, required: true } },
      responses: {
        201: {
          description: 'Offer',
          content: {
            'application/json': {
              schema: z.object({
                uri: z.string(),
                offer: z.record(z.string(), z.unknown()),
                txCode: z.string().optional(),
                expiresAt: z.string(),
              }),
            },
          },
        },
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const configurationIds = await offerableConfigurations({
        queryRegistry: platform.queryRegistry,
        citizenId: body.citizenId,
        ...(body.documentTypes ? { documentTypes: body.documentTypes } : {}),
      })
      if (configurationIds.length === 0) throw new PolisError('ERR_NO_REGISTRY_RECORD')
      const offer = await createCredentialOffer({
        store: platform.store,
        credentialIssuer: platform.publicUrl,
        citizenId: body.citizenId,
        configurationIds,
        now: platform.now(),
        withTxCode: body.withTxCode,
      })
      return c.json(
        {
          uri: offer.uri,
          offer: offer.offer,
          ...(offer.txCode ? { txCode: offer.txCode } : {}),
          expiresAt: offer.expiresAt.toISOString(),
        },
        201,
        noStore,
      )
    },
  )
  app.openAPIRegistry.registerComponent('securitySchemes', 'accessToken', { type: 'http', scheme: 'bearer' })
}
