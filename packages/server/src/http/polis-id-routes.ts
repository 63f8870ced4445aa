import type { HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { PolisError } from '@polis/kernel'
import {
  claimsOfScopes,
  createPolisId,
  findClientSummary,
  findWalletLogin,
  listConsents,
  listPasskeys,
  type PolisId,
  type PushedRequestRead,
  polisIdPath,
  polisIdSecretsVersion,
  removePasskey,
  walletLoginAnswered,
  walletLoginAnswerWrite,
  withdrawConsent,
} from '@polis/polis-id'
import type { Context } from 'hono'
import type { Platform } from '../platform/create-platform.ts'
import { addressOf } from './client-address.ts'
import { deviceAuthenticator } from './device-auth.ts'
import { countAttempt } from './rate-limit.ts'
import { setSecurityHeaders } from './security-headers.ts'

export interface PolisIdRoutesOptions {
  platform: Platform
  log: (line: Record<string, unknown>) => void
}

const noStore = { 'cache-control': 'no-store' }
const secretsCheckMilliseconds = 60_000
const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
const errors = (statuses: Array<401 | 404 | 409>) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Error (docs/errors.md)', content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  )
/** Whether a confirmation's optional JSON body lets the computer make a passkey. */
async function readAllowPasskey(c: Context): Promise<boolean> {
  const body = (await c.req.json().catch(() => undefined)) as { allowPasskey?: unknown } | undefined
  return body?.allowPasskey === true
}

const Language3 = z.object({ uk: z.string(), en: z.string(), et: z.string() })

/**
 * Polis ID under `/id` (oidc-provider writes Node's response itself, as the DEMO BANK
 * does), and the wallet's side of a login: what is asked and by whom, and the citizen's
 * answer, each request signed by an enrolled device.
 */
export function registerPolisId(app: OpenAPIHono, options: PolisIdRoutesOptions): void {
  const { platform } = options
  const authenticate = deviceAuthenticator(platform)
  let polisId: Promise<PolisId> | undefined
  // Another process may rotate Polis ID's keys (`polis id rotate-key`): once a minute this
  // one looks whether the sealed secrets changed, and builds the provider anew if so.
  let secretsVersion: string | undefined
  let checkedAt = Number.NEGATIVE_INFINITY
  const load = async () => {
    const at = platform.now().getTime()
    if (polisId && Math.abs(at - checkedAt) >= secretsCheckMilliseconds) {
      checkedAt = at
      const version = await polisIdSecretsVersion(platform.store)
      if (version !== secretsVersion) {
        secretsVersion = version
        polisId = undefined
      }
    }
    polisId ??= create()
    return polisId
  }
  const create = () =>
    createPolisId({
      store: platform.store,
      sealer: platform.keys,
      publicUrl: platform.publicUrl,
      findCitizen: async (citizenId) => {
        const [person] = await platform.queryRegistry({
          registry: 'population',
          kind: 'person',
          citizenId,
          purpose: 'polis-id:login',
        })
        const data = person?.data as Record<string, unknown> | undefined
        if (!data) return undefined
        const address = data.address as
          | {
              formatted: string
              street?: string
              house_number?: string
              locality?: string
              postal_code?: string
              country: string
            }
          | undefined
        return {
          given_name: String(data.given_name),
          family_name: String(data.family_name),
          birthdate: String(data.birth_date),
          tax_number: typeof data.tax_number === 'string' ? data.tax_number : undefined,
          ...(address
            ? {
                address: {
                  formatted: address.formatted,
                  ...(address.street
                    ? { street_address: `${address.street}, ${address.house_number ?? ''}`.trim() }
                    : {}),
                  ...(address.locality ? { locality: address.locality } : {}),
                  ...(address.postal_code ? { postal_code: address.postal_code } : {}),
                  country: address.country,
                },
              }
            : {}),
        }
      },
      now: platform.now,
      log: options.log,
    }).then(
      async (created) => {
        secretsVersion ??= await polisIdSecretsVersion(platform.store)
        checkedAt = platform.now().getTime()
        return created
      },
      (error: unknown) => {
        polisId = undefined
        throw error
      },
    )
  // A browser starting sign-in after sign-in from one address meets a limit.
  const authorizeLimit = {
    store: platform.store,
    now: platform.now,
    name: 'id-authorize',
    limit: 60,
    windowSeconds: 60,
    log: options.log,
  }
  /** Counts a sign-in's start, with a read of the pushed request it names in the same round trip. */
  const countSignInStart = async (c: Context): Promise<PushedRequestRead | undefined> => {
    const requestUri = c.req.query('request_uri')
    const read = requestUri ? (await load()).readPushedRequest(requestUri) : undefined
    const rows = await countAttempt(c, {
      ...authorizeLimit,
      subject: addressOf(c),
      ...(read ? { alongside: read.query } : {}),
    })
    return read ? { id: read.id, row: rows[0] ?? null } : undefined
  }
  const handler = async (c: Context) => {
    // oidc-provider's router ignores case and a trailing slash: the path is compared so too.
    const isAuthorization = c.req.path.toLowerCase().replace(/\/+$/, '') === `${polisIdPath}/auth`
    const pushedRequest = isAuthorization ? await countSignInStart(c) : undefined
    const { incoming, outgoing } = (c.env ?? {}) as Partial<HttpBindings>
    if (!incoming || !outgoing) throw new PolisError('ERR_NOT_FOUND', { detail: 'Polis ID needs the Node server' })
    setSecurityHeaders(outgoing, { https: platform.publicUrl.startsWith('https:') })
    await (await load()).handle(incoming, outgoing, pushedRequest)
    return RESPONSE_ALREADY_SENT
  }
  app.all(polisIdPath, handler)
  app.all(`${polisIdPath}/*`, handler)

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/logins/{id}',
      summary: 'A sign-in waiting in a browser: who asks, for what, and its control code',
      security: [{ device: [] }],
      request: { params: z.object({ id: z.string().min(10).max(64) }) },
      responses: {
        200: {
          description: 'The sign-in',
          content: {
            'application/json': {
              schema: z.object({
                client: z.object({ name: z.string(), purpose: Language3 }),
                claims: z.array(z.string()),
                controlCode: z.string(),
                expiresAt: z.string(),
                state: z.string(),
              }),
            },
          },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      await authenticate(c)
      const login = await findWalletLogin(platform.store, c.req.valid('param').id, platform.now())
      const client = await findClientSummary(platform.store, login.clientId)
      if (!client) throw new PolisError('ERR_NOT_FOUND', { detail: 'the client is gone' })
      return c.json(
        {
          client: { name: client.name, purpose: client.purpose },
          claims: claimsOfScopes(login.scopes),
          controlCode: login.controlCode,
          expiresAt: login.expiresAt,
          state: login.state,
        },
        200,
        noStore,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/consents',
      summary: 'The relying parties the citizen allowed to receive their data through Polis ID',
      security: [{ device: [] }],
      responses: {
        200: {
          description: 'Consents',
          content: {
            'application/json': {
              schema: z.array(
                z.object({
                  clientId: z.string(),
                  clientName: z.string(),
                  claims: z.array(z.string()),
                  givenAt: z.string(),
                }),
              ),
            },
          },
        },
        ...errors([401]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      return c.json(await listConsents(platform.store, me.citizenId, platform.now()), 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/wallet/consents/{clientId}',
      summary: 'Withdraw a consent: the party’s tokens stop working and the next sign-in asks again',
      security: [{ device: [] }],
      request: { params: z.object({ clientId: z.string().min(1).max(64) }) },
      responses: {
        200: {
          description: 'Withdrawn',
          content: { 'application/json': { schema: z.object({ withdrawn: z.number() }) } },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const withdrawn = await withdrawConsent(platform.store, me.citizenId, c.req.valid('param').clientId)
      if (withdrawn === 0) throw new PolisError('ERR_NOT_FOUND', { detail: 'no consent to that party' })
      return c.json({ withdrawn }, 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/passkeys',
      summary: 'The passkeys the citizen left on computers to sign in with Polis ID, newest first',
      security: [{ device: [] }],
      responses: {
        200: {
          description: 'Passkeys',
          content: {
            'application/json': {
              schema: z.array(
                z.object({
                  id: z.string(),
                  label: z.string(),
                  createdAt: z.string(),
                  lastUsedAt: z.string().nullable(),
                }),
              ),
            },
          },
        },
        ...errors([401]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      return c.json(await listPasskeys(platform.store, me.citizenId), 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/wallet/passkeys/{id}',
      summary: 'Remove a passkey: that computer signs in with the wallet again',
      security: [{ device: [] }],
      request: { params: z.object({ id: z.string().min(1).max(1024) }) },
      responses: {
        200: {
          description: 'Removed',
          content: { 'application/json': { schema: z.object({ removed: z.literal(true) }) } },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      if (!(await removePasskey(platform.store, me.citizenId, c.req.valid('param').id))) {
        throw new PolisError('ERR_NOT_FOUND', { detail: 'no such passkey' })
      }
      return c.json({ removed: true as const }, 200, noStore)
    },
  )

  for (const answer of ['confirm', 'decline'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/wallet/logins/{id}/${answer}`,
        summary: answer === 'confirm' ? 'Confirm a sign-in (after the PIN)' : 'Decline a sign-in',
        security: [{ device: [] }],
        request: { params: z.object({ id: z.string().min(10).max(64) }) },
        responses: {
          200: {
            description: 'Answered',
            content: { 'application/json': { schema: z.object({ state: z.string() }) } },
          },
          ...errors([401, 404, 409]),
        },
      }),
      async (c) => {
        // `{"allowPasskey": true}`: the citizen also lets the computer signing in make a passkey.
        const allowPasskey = answer === 'confirm' && (await readAllowPasskey(c))
        // The answer is written with the device request's id, in one round trip.
        const me = await authenticate(c, (device) =>
          walletLoginAnswerWrite(platform.store, {
            id: c.req.valid('param').id,
            answer,
            citizenId: device.citizenId,
            deviceId: device.deviceId,
            allowPasskey,
            now: platform.now(),
          }),
        )
        walletLoginAnswered(me.written)
        // A plain sign-in is complete now, read so with its interaction: the browser need not
        // come back to finish it. The office's (a second factor follows) and one offering a
        // passkey still finish there (readInteractionWithWalletAnswer).
        return c.json({ state: answer === 'confirm' ? 'confirmed' : 'declined' }, 200, noStore)
      },
    )
  }
}
