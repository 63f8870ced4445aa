import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { isPolisError, type Language, messageOf } from '@polis/kernel'
import {
  ApplicationRefused,
  askedFields,
  bundleOf,
  bundleProgress,
  findApplication,
  ineligibility,
  listApplications,
  questionOfRegistryValue,
  rateApplication,
  readApplicantData,
  readPath,
  submitApplication,
} from '@polis/services'
import type { Context } from 'hono'
import type { Platform } from '../platform/create-platform.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'
import { deviceAuthenticator } from './device-auth.ts'
import { countAttempt } from './rate-limit.ts'

export interface ServiceRoutesOptions {
  platform: Platform
  engine: ServiceEngine
  languageOf: (c: Context) => Language
  log: (line: Record<string, unknown>) => void
}

/**
 * Applications one citizen may send from their wallets in an hour, counted once the device
 * proved whose it is: a stolen phone, or a script with a device key, cannot fill the
 * officials' queues in one name; far above what a person sends, a retry included.
 */
export const applicationsPerCitizen = { name: 'applications-citizen', limit: 600, windowSeconds: 3600 }

const noStore = { 'cache-control': 'no-store' }
const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
const errors = (statuses: Array<400 | 401 | 404 | 409 | 422>) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Error (docs/errors.md)', content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  )
const Text3 = z.object({ uk: z.string(), en: z.string(), et: z.string() })
const ServiceSummary = z
  .object({
    code: z.string(),
    version: z.number(),
    name: Text3,
    summary: Text3,
    category: z.string(),
    lifeEvents: z.array(z.string()),
    agency: z.string(),
    decidedBy: z.enum(['rules', 'official', 'payment', 'bundle']),
    fee: z.object({ amount: z.number(), currency: z.string() }).optional(),
  })
  .openapi('ServiceSummary')
const Application = z
  .object({
    id: z.string(),
    serviceCode: z.string(),
    serviceVersion: z.number(),
    status: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    events: z.array(
      z.object({
        seq: z.number(),
        type: z.string(),
        at: z.string(),
        actor: z.string(),
        reason: z.string().nullable(),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
    /** A life-event bundle's services, each where it stands (with its own application once made). */
    parts: z
      .array(
        z.object({
          id: z.string(),
          serviceCode: z.string(),
          state: z.string(),
          applicationId: z.string().optional(),
          reasons: z.array(Text3).optional(),
          code: z.string().optional(),
          after: z.array(z.string()).optional(),
        }),
      )
      .optional(),
    /** The bundle this application is a part of. */
    bundle: z.object({ id: z.string(), serviceCode: z.string() }).optional(),
  })
  .openapi('Application')

/**
 * E-services over HTTP: the public catalogue, and for the citizen (each request signed
 * by their wallet's device; the portal's session later) the form of a service with
 * what the state already knows, submission (once per `Idempotency-Key`), their
 * applications with every event, and their inbox.
 */
export function registerServiceRoutes(app: OpenAPIHono, options: ServiceRoutesOptions): void {
  const { platform, engine, languageOf, log } = options
  const authenticate = deviceAuthenticator(platform)

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services',
      summary: 'The catalogue of e-services',
      responses: {
        200: { description: 'Services', content: { 'application/json': { schema: z.array(ServiceSummary) } } },
      },
    }),
    (c) =>
      c.json(
        engine.catalogue.map((d) => ({
          code: d.code,
          version: d.version,
          name: d.name,
          summary: d.summary,
          category: d.category,
          lifeEvents: d.lifeEvents,
          agency: d.agency,
          decidedBy: d.decision.by,
          ...(d.fee && 'amount' in d.fee ? { fee: d.fee } : {}),
        })),
        200,
      ),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services/{code}',
      summary: 'A service’s definition (its JSON Schema: /schemas/service-definition.json)',
      request: { params: z.object({ code: z.string().max(64) }) },
      responses: {
        200: {
          description: 'The definition',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
        ...errors([404]),
      },
    }),
    (c) => c.json(engine.find(c.req.valid('param').code) as unknown as Record<string, unknown>, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/services/{code}/form',
      summary: 'The form of a service for this citizen: may they apply, and what the state already knows',
      security: [{ device: [] }],
      request: { params: z.object({ code: z.string().max(64) }) },
      responses: {
        200: {
          description: 'The form',
          content: {
            'application/json': {
              schema: z.object({
                eligible: z.boolean(),
                reasons: z.array(z.string()),
                prefilled: z.record(z.string(), z.unknown()),
                fields: z.array(z.string()),
                /** The choices of a select whose options are the citizen's own records (`optionsFrom`), by field id. */
                options: z.record(z.string(), z.array(z.object({ value: z.string(), label: z.string() }))),
              }),
            },
          },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const definition = engine.find(c.req.valid('param').code)
      const language = languageOf(c)
      const data = await readApplicantData(engine.ports, definition, me.citizenId)
      const reasons = ineligibility(definition, data)
      const fields = askedFields(definition, { ...data, answers: {} })
      // Every prefilled field, also one asked only after an answer (the postal address once
      // "by post" is chosen): the wallet shows what the registries know instead of asking it.
      const prefilled = Object.fromEntries(
        definition.pages
          .flatMap((page) => page.fields)
          .flatMap((field) => {
            const value = field.prefill ? readPath({ ...data, answers: {} }, field.prefill) : undefined
            return value === undefined ? [] : [[field.id, value]]
          }),
      )
      return c.json(
        {
          eligible: reasons.length === 0,
          reasons: reasons.map((r) => r[language]),
          prefilled,
          fields: fields.map((f) => f.id),
          options: Object.fromEntries(
            fields
              .filter((f) => f.optionsFrom)
              .map((f) => [f.id, (f.options ?? []).map((o) => ({ value: o.value, label: o.label[language] }))]),
          ),
        },
        200,
        noStore,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/applications',
      summary: 'Submit an application; the same Idempotency-Key answers with the same application',
      security: [{ device: [] }],
      request: {
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100) }),
        body: {
          content: {
            'application/json': {
              schema: z.object({ service: z.string().max(64), answers: z.record(z.string(), z.unknown()) }),
            },
          },
        },
      },
      responses: {
        201: { description: 'Submitted', content: { 'application/json': { schema: Application } } },
        ...errors([400, 401, 404, 409, 422]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      await countAttempt(c, {
        ...applicationsPerCitizen,
        store: platform.store,
        now: platform.now,
        log,
        subject: me.citizenId,
      })
      const body = c.req.valid('json')
      const definition = engine.find(body.service)
      try {
        const application = await submitApplication(engine.ports, {
          definition,
          citizenId: me.citizenId,
          clientKey: c.req.valid('header')['idempotency-key'],
          answers: body.answers,
        })
        return c.json(application, 201, noStore)
      } catch (error) {
        const language = languageOf(c)
        // The registers refused a value the citizen gave (an unknown partner): named at its question.
        const question =
          isPolisError(error) && error.field && error.status === 422
            ? questionOfRegistryValue(definition, error.field)
            : undefined
        if (isPolisError(error) && question) {
          const message = messageOf(error.code, language)
          return c.json(
            { error: { code: error.code, message }, reasons: [], fields: [{ field: question, message }] },
            422,
            noStore,
          ) as never
        }
        if (!(error instanceof ApplicationRefused)) throw error
        return c.json(
          {
            error: { code: error.code, message: messageOf(error.code, language) },
            reasons: error.reasons.map((r) => r[language]),
            fields: error.fields.map((f) => ({ field: f.field, message: f.message[language] })),
          },
          422,
          noStore,
        ) as never
      }
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/applications',
      summary: 'The citizen’s applications, newest first',
      security: [{ device: [] }],
      responses: {
        200: {
          description: 'Applications',
          content: {
            'application/json': {
              schema: z.array(
                z.object({
                  id: z.string(),
                  serviceCode: z.string(),
                  status: z.string(),
                  createdAt: z.string(),
                  updatedAt: z.string(),
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
      return c.json(await listApplications(platform.store, me.citizenId), 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/applications/{id}',
      summary: 'One of the citizen’s applications, with every event: who, when and why',
      security: [{ device: [] }],
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: { description: 'The application', content: { 'application/json': { schema: Application } } },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const application = await findApplication(platform.store, me.citizenId, c.req.valid('param').id)
      // A bundle answers with its services; a part, with the bundle it belongs to.
      const parts = await bundleProgress(engine.ports, application)
      const bundle = parts.length === 0 ? await bundleOf(engine.ports, application.id) : undefined
      return c.json(
        { ...application, ...(parts.length > 0 ? { parts } : {}), ...(bundle ? { bundle } : {}) },
        200,
        noStore,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/applications/{id}/rating',
      summary: 'How easy the service was, 1 (very hard) to 5 (very easy): once an application, once it is decided',
      security: [{ device: [] }],
      request: {
        params: z.object({ id: z.string().max(64) }),
        body: { content: { 'application/json': { schema: z.object({ rating: z.number() }) } } },
      },
      responses: {
        204: { description: 'Rated' },
        ...errors([401, 404, 409, 422]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      await rateApplication(platform.store, {
        citizenId: me.citizenId,
        applicationId: c.req.valid('param').id,
        rating: c.req.valid('json').rating,
        now: platform.now(),
      })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/inbox',
      summary: 'The citizen’s inbox, newest first',
      security: [{ device: [] }],
      responses: {
        200: {
          description: 'Messages',
          content: {
            'application/json': {
              schema: z.array(
                z.object({
                  id: z.string(),
                  applicationId: z.string().nullable(),
                  /** A portal page the message leads to when it is not the citizen's own application (a sale to confirm). */
                  link: z.string().nullable(),
                  title: z.string(),
                  body: z.string(),
                  createdAt: z.string(),
                  read: z.boolean(),
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
      const language = languageOf(c)
      const rows = await platform.store.db
        .selectFrom('inbox_messages')
        .selectAll()
        .where('citizen_id', '=', me.citizenId)
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute()
      return c.json(
        rows.map((row) => ({
          id: row.id,
          applicationId: row.application_id,
          link: row.link ? new URL(row.link, platform.publicUrl).href : null,
          title: JSON.parse(row.title)[language] as string,
          body: JSON.parse(row.body)[language] as string,
          createdAt: row.created_at,
          read: row.read_at !== null,
        })),
        200,
        noStore,
      )
    },
  )
}
