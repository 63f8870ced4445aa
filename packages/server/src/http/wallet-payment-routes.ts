import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Language } from '@polis/kernel'
import { askedFields, findApplication, itemsDue, readApplicantData } from '@polis/services'
import type { Context } from 'hono'
import type { Payments } from '../payments/payments.ts'
import type { Platform } from '../platform/create-platform.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'
import { deviceAuthenticator } from './device-auth.ts'

export interface WalletPaymentRoutesOptions {
  platform: Platform
  engine: ServiceEngine
  payments: Payments
  languageOf: (c: Context) => Language
}

const noStore = { 'cache-control': 'no-store' }
const device = [{ device: [] }]
const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
const errors = (statuses: Array<400 | 401 | 404 | 409>) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Error (docs/errors.md)', content: { 'application/json': { schema: ErrorResponse } } },
    ]),
  )

const PayableItem = z
  .object({
    id: z.string(),
    amount: z.number().int().openapi({ description: 'Minor units (kopiykas, cents), as the register says' }),
    currency: z.string(),
    description: z.string(),
    number: z.string(),
    dueDate: z.string().nullable(),
    details: z.array(z.object({ label: z.string(), value: z.string() })),
  })
  .openapi('PayableItem')
const Payment = z
  .object({ id: z.string(), status: z.string(), amount: z.number(), currency: z.string() })
  .openapi('WalletPayment')

/** A register's value as text: what a date, a plate or a number reads as (the wallet formats dates). */
const asText = (value: unknown) => (value === undefined || value === null ? '' : String(value))

/** Where the sandbox sends the citizen back: the wallet, which opens the application and asks how it went. */
export const walletPaymentReturn = (applicationId: string) => `/wallet/#paid=${encodeURIComponent(applicationId)}`

/**
 * Pay services in the wallet: the items the citizen owes as a service's item questions
 * offer them (read from the registers, only theirs), starting the payment of an
 * application's fee at the provider's hosted page (which sends the citizen back to the
 * wallet), and, back in the wallet, asking the provider how it went. The amount is
 * always the register's: the wallet sends an item's id, never a sum.
 */
export function registerWalletPaymentRoutes(app: OpenAPIHono, options: WalletPaymentRoutesOptions): void {
  const { platform, engine, payments, languageOf } = options
  const authenticate = deviceAuthenticator(platform)

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wallet/services/{code}/items',
      summary: 'What the citizen owes, as each item question of a pay service offers it (the register’s amounts)',
      security: device,
      request: { params: z.object({ code: z.string().max(64) }) },
      responses: {
        200: {
          description: 'The items still due, by field id',
          content: {
            'application/json': { schema: z.object({ items: z.record(z.string(), z.array(PayableItem)) }) },
          },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const definition = engine.find(c.req.valid('param').code)
      const language = languageOf(c)
      const itemFields = definition.pages.flatMap((p) => p.fields).filter((f) => f.type === 'item')
      if (itemFields.length === 0) return c.json({ items: {} }, 200, noStore)
      const data = await readApplicantData(engine.ports, definition, me.citizenId)
      const asked = new Set(askedFields(definition, { ...data, answers: {} }).map((f) => f.id))
      const items = Object.fromEntries(
        itemFields
          .filter((field) => asked.has(field.id))
          .map((field) => [
            field.id,
            itemsDue(field, data).map((item) => ({
              id: item.id,
              amount: item.amount,
              currency: item.currency,
              description: item.description,
              number: asText(item.data.number ?? item.id),
              dueDate: typeof item.data.due_date === 'string' ? item.data.due_date : null,
              details: (field.details ?? []).map((d) => ({
                label: d.label[language],
                value: asText(item.data[d.path]),
              })),
            })),
          ]),
      )
      return c.json({ items }, 200, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/applications/{id}/payments',
      summary:
        'Start paying an application’s fee: the provider’s hosted page, which returns to the wallet; the same Idempotency-Key answers with the same page',
      security: device,
      request: {
        params: z.object({ id: z.string().max(64) }),
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100) }),
      },
      responses: {
        201: {
          description: 'Open this page to pay; the provider sends the citizen back to `/wallet/#paid=<application id>`',
          content: { 'application/json': { schema: z.object({ url: z.string() }) } },
        },
        ...errors([401, 404, 409]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const { id } = c.req.valid('param')
      // Anyone else's application is not found; one with nothing owed is said so, before anything is charged
      // (a retry of an attempt whose page was opened gets that page, paid or not).
      const application = await findApplication(platform.store, me.citizenId, id)
      const path = await payments.start(me.citizenId, application.id, {
        returnTo: walletPaymentReturn(application.id),
        clientKey: c.req.valid('header')['idempotency-key'],
      })
      return c.json({ url: `${platform.publicUrl}${path}` }, 201, noStore)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wallet/applications/{id}/payments/confirm',
      summary: 'Back from the provider: ask it how each payment of the application went, and apply what it says',
      security: device,
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: {
          description: 'The application’s payments, oldest first, as the provider says now',
          content: { 'application/json': { schema: z.object({ payments: z.array(Payment) }) } },
        },
        ...errors([401, 404]),
      },
    }),
    async (c) => {
      const me = await authenticate(c)
      const application = await findApplication(platform.store, me.citizenId, c.req.valid('param').id)
      const tried = await platform.store.db
        .selectFrom('payments')
        .select(['id'])
        .where('application_id', '=', application.id)
        .where('citizen_id', '=', me.citizenId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      // The provider's notice may come late, or not at all: the return asks it at once, as the portal does.
      for (const payment of tried) await payments.confirmOnReturn(payment.id)
      const now = await platform.store.db
        .selectFrom('payments')
        .select(['id', 'status', 'amount', 'currency', 'expires_at'])
        .where('application_id', '=', application.id)
        .where('citizen_id', '=', me.citizenId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      return c.json(
        {
          payments: now.map((p) => ({
            id: p.id,
            // An unpaid page past its time has expired, whether or not the provider wrote it down yet.
            status: p.status === 'created' && new Date(p.expires_at) <= platform.now() ? 'expired' : p.status,
            amount: Number(p.amount),
            currency: p.currency,
          })),
        },
        200,
        noStore,
      )
    },
  )
}
