import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { maxQrTextLength } from '@polis/documents/qr'
import {
  completeEnrolment,
  createRelyingParty,
  enrolmentTransactionSeconds,
  listDevices,
  registerDevice,
  revokeDevice,
  startEnrolment,
} from '@polis/identity'
import { type IdentityProviderConfig, isPolisError, PolisError } from '@polis/kernel'
import { createCredentialOffer } from '@polis/oid4vc'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Issuer } from '../issuance/create-issuer.ts'
import { offerableConfigurations } from '../issuance/offerable-configurations.ts'
import type { Platform } from '../platform/create-platform.ts'
import { findRegisteredCitizen } from '../platform/find-registered-citizen.ts'
import { loadIdentityProviders } from '../platform/load-identity-providers.ts'
import { createShareCode, findShareCode, redeemShareCode } from '../sharing/share-codes.ts'
import { revokeSigningCertificatesOfDevice } from '../signing/signing-certificates.ts'
import { jsonSafe, type Verifier } from '../verification/create-verifier.ts'
import { deviceAuthenticator } from './device-auth.ts'
import { countAttempt, rateLimit } from './rate-limit.ts'

export interface WalletRoutesOptions {
  platform: Platform
  issuer: Issuer
  verifier: Verifier
  log: (line: Record<string, unknown>) => void
}

const noStore = { 'cache-control': 'no-store' }
/** The cookie that ties a provider's answer to the browser that started the sign-in (login CSRF). */
const bindingCookie = 'polis_enrol'
const enrolPath = '/api/wallet/enrol'
/** Devices a citizen may enrol a day, whatever the address. */
export const enrolmentsPerCitizen = { name: 'enrolment-citizen', limit: 10, windowSeconds: 86_400 }

const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
const errors = (statuses: Array<400 | 401 | 404>) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Error (docs/errors.md)', content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  )
const device = [{ device: [] }]

const Language3 = z.object({ uk: z.string(), en: z.string(), et: z.string() })
const IdentityProvider = z.object({ id: z.string(), name: Language3 }).openapi('IdentityProvider')
// Any object passes here, so that every bad key gets the one code ERR_DEVICE_KEY_INVALID from parseDeviceKey.
const DevicePublicKey = z.record(z.string(), z.unknown()).openapi('DevicePublicKey', {
  description: 'Public P-256 JWK {kty: EC, crv: P-256, x, y}; one with private members is refused.',
  example: { kty: 'EC', crv: 'P-256', x: 'base64url', y: 'base64url' },
})
const DeviceRequest = z
  .object({
    enrolmentToken: z.string().min(20).max(200),
    publicKey: DevicePublicKey,
    name: z.string().trim().min(1).max(64),
  })
  .openapi('DeviceRequest')
const Citizen = z.object({ givenName: z.string(), familyName: z.string() })
const DeviceSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    current: z.boolean(),
  })
  .openapi('Device')

/**
 * The wallet's enrolment and device API: the identity providers, the OpenID Connect
 * sign-in that proves who the citizen is, device registration with a one-time token,
 * and the requests a device signs (`Authorization: PolisDevice <jwt>`): who am I, my
 * devices, revoke a device with its credentials, and a credential offer bound to it.
 */
export function registerWalletRoutes(app: OpenAPIHono, options: WalletRoutesOptions): void {
  const { platform, issuer, verifier, log } = options
  const { store, publicUrl } = platform
  let providers: Promise<IdentityProviderConfig[]> | undefined
  const relyingParty = createRelyingParty({
    providers: () => {
      providers ??= loadIdentityProviders(platform).catch((error: unknown) => {
        providers = undefined
        throw error
      })
      return providers
    },
    publicUrl,
    now: platform.now,
  })
  const findCitizen = findRegisteredCitizen(platform.queryRegistry)
  const getCitizen = async (citizenId: string) => {
    const citizen = await findCitizen(citizenId)
    if (!citizen) throw new PolisError('ERR_UNKNOWN_CITIZEN')
    return citizen
  }
  const walletUrl = `${publicUrl}/wallet/`
  const secure = publicUrl.startsWith('https:')

  const authenticate = deviceAuthenticator(platform)
  // Guessing eight-digit codes, or flooding sign-ins from one address, meets a limit.
  const limit = (name: string, max: number, windowSeconds: number) =>
    rateLimit({ store, now: platform.now, name, limit: max, windowSeconds, log })
  app.use('/api/share-codes/redeem', limit('share-code-redeem', 10, 300))
  app.use(`${enrolPath}/start`, limit('enrolment-start', 30, 600))

  // A sign-in that fails goes back to the wallet with the code in the fragment, never in a log line.
  const backToWallet = (c: Context, error: unknown) => {
    const code = isPolisError(error) ? error.code : 'ERR_INTERNAL'
    if (!isPolisError(error) || error.status >= 500) log({ level: 'error', path: c.req.path, code })
    return c.redirect(`${walletUrl}#enrol-error=${code}`, 302)
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/identity-providers',
      summary: 'The identity providers a citizen can prove who they are with',
      responses: {
        200: { description: 'Providers', content: { 'application/json': { schema: z.array(IdentityProvider) } } },
      },
    }),
    async (c) =>
      c.json(
        (await relyingParty.providers()).map(({ id, name }) => ({ id, name })),
        200,
      ),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: `${enrolPath}/start`,
      summary: 'Start proving who you are at an identity provider (redirects there)',
      request: { query: z.object({ provider: z.string().min(1).max(64) }) },
      responses: {
        302: { description: 'To the provider, or back to `/wallet/#enrol-error=CODE`' },
        ...errors([400]),
      },
    }),
    async (c) => {
      try {
        const started = await startEnrolment({
          store,
          relyingParty,
          providerId: c.req.valid('query').provider,
          now: platform.now(),
        })
        setCookie(c, bindingCookie, started.browserBinding, {
          path: enrolPath,
          httpOnly: true,
          sameSite: 'Lax',
          secure,
          maxAge: enrolmentTransactionSeconds,
        })
        c.header('cache-control', 'no-store')
        return c.redirect(started.authorizationUrl, 302)
      } catch (error) {
        return backToWallet(c, error)
      }
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: `${enrolPath}/callback`,
      summary: 'Where the identity provider sends the citizen back (OpenID Connect redirect URI)',
      request: {
        query: z.object({
          code: z.string().max(8192).optional(),
          state: z.string().max(8192).optional(),
          iss: z.string().max(8192).optional(),
          error: z.string().max(8192).optional(),
          error_description: z.string().max(8192).optional(),
        }),
      },
      responses: {
        302: { description: 'To `/wallet/#enrol=<enrolment token>`, or `/wallet/#enrol-error=CODE`' },
      },
    }),
    async (c) => {
      c.header('cache-control', 'no-store')
      try {
        const callbackUrl = new URL(relyingParty.redirectUri)
        callbackUrl.search = new URL(c.req.url).search
        const done = await completeEnrolment({
          store,
          relyingParty,
          callbackUrl,
          browserBinding: getCookie(c, bindingCookie),
          findCitizen,
          now: platform.now(),
        })
        // From however many addresses, one citizen enrols a handful of phones a day: past that, a
        // stolen bank sign-in is at work, and the token made for it is never handed out.
        await countAttempt(c, { ...enrolmentsPerCitizen, store, now: platform.now, log, subject: done.citizenId })
        deleteCookie(c, bindingCookie, { path: enrolPath, secure })
        return c.redirect(`${walletUrl}#enrol=${done.enrolmentToken}`, 302)
      } catch (error) {
        // A forged callback must not cost the genuine one its cookie; any other outcome ends the sign-in.
        if (!isPolisError(error, 'ERR_ENROLMENT_STATE')) deleteCookie(c, bindingCookie, { path: enrolPath, secure })
        return backToWallet(c, error)
      }
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/devices',
      summary: 'Enrol a device with the one-time enrolment token',
      request: { body: { content: { 'application/json': { schema: DeviceRequest } }, required: true } },
      responses: {
        201: {
          description: 'Enrolled',
          content: { 'application/json': { schema: z.object({ deviceId: z.string(), citizen: Citizen }) } },
        },
        ...errors([400]),
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const enrolled = await registerDevice({
        store,
        enrolmentToken: body.enrolmentToken,
        publicKey: body.publicKey,
        name: body.name,
        now: platform.now(),
      })
      const { givenName, familyName } = await getCitizen(enrolled.citizenId)
      return c.json({ deviceId: enrolled.deviceId, citizen: { givenName, familyName } }, 201, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/me',
      summary: 'The device that signs the request and its citizen',
      security: device,
      responses: {
        200: {
          description: 'The device and citizen',
          content: {
            'application/json': {
              schema: z.object({ deviceId: z.string(), citizen: Citizen.extend({ id: z.string() }) }),
            },
          },
        },
        ...errors([401]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const { givenName, familyName } = await getCitizen(me.citizenId)
      return c.json({ deviceId: me.deviceId, citizen: { id: me.citizenId, givenName, familyName } }, 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/devices',
      summary: 'The citizen’s enrolled devices, revoked ones included',
      security: device,
      responses: {
        200: { description: 'Devices', content: { 'application/json': { schema: z.array(DeviceSummary) } } },
        ...errors([401]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      return c.json(await listDevices({ store, citizenId: me.citizenId, currentDeviceId: me.deviceId }), 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/wallet/devices/{id}',
      summary: 'Revoke one of the citizen’s devices and every credential issued to it',
      security: device,
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        200: {
          description: 'Revoked',
          content: {
            'application/json': {
              schema: z.object({ id: z.string(), revokedAt: z.string(), revokedCredentials: z.number() }),
            },
          },
        },
        ...errors([400, 401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const { id } = c.req.valid('param')
      const { revokedAt } = await revokeDevice({ store, citizenId: me.citizenId, deviceId: id, now: platform.now() })
      const { revoked } = await issuer.revokeDeviceCredentials({ deviceId: id, reason: 'device-lost' })
      // A lost phone must not sign either: its signing certificate goes with it.
      await revokeSigningCertificatesOfDevice(platform, id, 'device-lost')
      return c.json({ id, revokedAt, revokedCredentials: revoked }, 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/offers',
      summary: 'A credential offer (OpenID4VCI) of every document the registries hold for the citizen, to this device',
      security: device,
      responses: {
        201: {
          description: 'Offer',
          content: {
            'application/json': {
              schema: z.object({ uri: z.string(), offer: z.record(z.string(), z.unknown()), expiresAt: z.string() }),
            },
          },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const configurationIds = await offerableConfigurations({
        queryRegistry: platform.queryRegistry,
        citizenId: me.citizenId,
      })
      if (configurationIds.length === 0) throw new PolisError('ERR_NO_REGISTRY_RECORD')
      const offer = await createCredentialOffer({
        store,
        credentialIssuer: publicUrl,
        citizenId: me.citizenId,
        configurationIds,
        deviceId: me.deviceId,
        now: platform.now(),
      })
      return c.json({ uri: offer.uri, offer: offer.offer, expiresAt: offer.expiresAt.toISOString() }, 201, noStore)
    },
  )

  app.openAPIRegistry.registerComponent('securitySchemes', 'device', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      '`PolisDevice <JWT>`: ES256 by the enrolled device key; header {alg: ES256, typ: polis-device+jwt}; ' +
      'payload {iss: deviceId, aud: public origin, htm: method, htu: URL without query, iat, jti}.',
  })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/share-codes',
      summary: 'Leave an in-person presentation behind a one-time code, for a verifier that checks it online',
      security: device,
      request: {
        body: {
          content: { 'application/json': { schema: z.object({ presentation: z.string().max(maxQrTextLength) }) } },
          required: true,
        },
      },
      responses: {
        201: {
          description: 'The code',
          content: {
            'application/json': {
              schema: z.object({ id: z.string(), code: z.string(), url: z.string(), expiresAt: z.string() }),
            },
          },
        },
        ...errors([400, 401]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const { presentation } = c.req.valid('json')
      // Checked now, so that a code never stands for something a verifier would refuse at once.
      const check = await verifier.verifyQr(presentation)
      const shared = await createShareCode({ store, deviceId: me.deviceId, presentation, check, now: platform.now() })
      return c.json(
        {
          id: shared.id,
          code: shared.code,
          url: `${publicUrl}/verify/#code=${shared.code}`,
          expiresAt: shared.expiresAt.toISOString(),
        },
        201,
        noStore,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/share-codes/{id}',
      summary: 'Whether a code of this device was redeemed',
      security: device,
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        200: {
          description: 'The code',
          content: {
            'application/json': {
              schema: z.object({ expiresAt: z.string(), redeemedAt: z.string().nullable() }),
            },
          },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      return c.json(await findShareCode({ store, id: c.req.valid('param').id, deviceId: me.deviceId }), 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/share-codes/redeem',
      summary: 'Check a one-time share code (once): the document behind it, verified with live status',
      request: {
        body: { content: { 'application/json': { schema: z.object({ code: z.string().max(32) }) } }, required: true },
      },
      responses: {
        200: {
          description: 'The verified document',
          content: {
            'application/json': {
              schema: z.object({
                documentType: z.string(),
                issuer: z.object({ id: z.string(), name: Language3 }),
                claims: z.record(z.string(), z.unknown()),
                validUntil: z.string(),
                presentedAt: z.string(),
              }),
            },
          },
        },
        ...errors([400, 404]),
      },
    }),
    async (c) => {
      const code = c.req.valid('json').code.replace(/\s/g, '')
      const presentation = await redeemShareCode({ store, code, now: platform.now() })
      const check = await verifier.verifyQr(presentation)
      return c.json(
        {
          documentType: check.documentType,
          issuer: { id: check.issuer.id, name: check.issuer.name },
          claims: jsonSafe(check.claims) as Record<string, unknown>,
          validUntil: check.validUntil.toISOString(),
          presentedAt: check.presentedAt.toISOString(),
        },
        200,
        noStore,
      )
    },
  )
}
