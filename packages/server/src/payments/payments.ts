import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { PolisError } from '@polis/kernel'
import { feeToPay, findApplication, paymentReceived, recordEvents } from '@polis/services'
import { escapeHtml, renderServerPage } from '@polis/ui/server-page'
import type { Context } from 'hono'
import type { Platform } from '../platform/create-platform.ts'
import type { ServiceEngine } from '../services/create-service-engine.ts'

/** A payment's life at the provider: 90 minutes to pay, as card acquirers give a hosted page. */
const paymentMinutes = 90
const secretKey = 'payments.sandbox.secret'

/** Test cards of the sandbox, as real acquirers publish theirs. */
export const sandboxCards = { success: '4242424242424242', decline: '4000000000000002' } as const

/**
 * Payments of fees, and the sandbox provider that stands in for a card acquirer: a
 * hosted payment page, success, decline and cancel, expiry after 90 minutes, a signed
 * notice to the platform (which may come late, or twice), and refunds. The platform
 * also asks the provider on the citizen's return, so a lost notice loses nothing.
 */
export function createPayments(
  platform: Platform,
  engine: ServiceEngine,
  log: (line: Record<string, unknown>) => void,
) {
  const { store } = platform
  let secret: Promise<Buffer> | undefined
  const key = () => {
    secret ??= (async () => {
      const fresh = randomBytes(32).toString('base64url')
      await store.db
        .insertInto('meta')
        .values({ key: secretKey, value: platform.keys.seal(fresh, secretKey) })
        .onConflict((c) => c.column('key').doNothing())
        .execute()
      const row = await store.db
        .selectFrom('meta')
        .select('value')
        .where('key', '=', secretKey)
        .executeTakeFirstOrThrow()
      return Buffer.from(platform.keys.unseal(row.value, secretKey))
    })()
    return secret
  }
  const sign = async (body: string) =>
    createHmac('sha256', await key())
      .update(body)
      .digest('base64url')

  /** What the provider says of a payment now; an unpaid one past its 90 minutes has expired. */
  const statusOf = async (paymentId: string) => {
    const row = await store.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst()
    if (!row) return undefined
    if (row.status === 'created' && new Date(row.expires_at) <= platform.now()) {
      await store.db
        .updateTable('payments')
        .set({ status: 'expired' })
        .where('id', '=', row.id)
        .where('status', '=', 'created')
        .execute()
      return { ...row, status: 'expired' }
    }
    return row
  }

  /**
   * The payment a client key opens: the provider's id for it, derived from the key under
   * its secret (as acquirers keep idempotency keys), so a retry finds it and no one can
   * guess a page from a key.
   */
  const paymentIdOf = async (citizenId: string, clientKey: string) => {
    if (!/^[A-Za-z0-9_-]{8,100}$/.test(clientKey)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'the client key must be 8 to 100 URL-safe characters' })
    }
    const digest = createHmac('sha256', await key())
      .update(`payment\n${citizenId}\n${clientKey}`)
      .digest()
    // A UUID of version 8 (RFC 9562 section 5.8: laid out by its maker).
    digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x80
    digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80
    const hex = digest.subarray(0, 16).toString('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }

  /** The application a payment was opened for, if it was. */
  const keptFor = async (paymentId: string) =>
    (await store.db.selectFrom('payments').select('application_id').where('id', '=', paymentId).executeTakeFirst())
      ?.application_id

  /** Where the citizen goes back to from the provider's page. */
  const returnOf = (payment: { application_id: string; return_to: string | null }) =>
    payment.return_to ?? `/applications/${payment.application_id}?paid=1`

  /** Gives back part or all of a settled payment (the sandbox's books), never beyond what was paid. */
  const refund = async (paymentId: string, amount: number): Promise<void> => {
    const payment = await statusOf(paymentId)
    if (!payment || (payment.status !== 'succeeded' && payment.status !== 'refunded')) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'only a settled payment is refunded' })
    }
    if (!Number.isInteger(amount) || amount < 1 || payment.refunded_amount + amount > payment.amount) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'more than was paid' })
    }
    await store.db
      .updateTable('payments')
      .set({ refunded_amount: payment.refunded_amount + amount, status: 'refunded' })
      .where('id', '=', paymentId)
      .where('refunded_amount', '=', payment.refunded_amount)
      .execute()
  }

  /**
   * Gives a settled payment back whole and records it on its application; of two at it
   * at once (a notice and the citizen's return), the one whose refund lands records it.
   */
  const refundWhole = async (payment: { id: string; application_id: string; amount: number; currency: string }) => {
    const refunded = await store.db
      .updateTable('payments')
      .set({ refunded_amount: payment.amount, status: 'refunded' })
      .where('id', '=', payment.id)
      .where('status', '=', 'succeeded')
      .where('refunded_amount', '=', 0)
      .executeTakeFirst()
    if (Number(refunded.numUpdatedRows) !== 1) return
    await recordEvents(engine.ports, payment.application_id, [
      {
        type: 'refunded',
        at: platform.now().toISOString(),
        actor: 'system',
        reason: null,
        data: { paymentId: payment.id, amount: payment.amount, currency: payment.currency },
      },
    ])
  }

  /**
   * Applies what the provider says to the application, once (the engine ignores a second
   * notice). A payment the application does not take is given back whole, and the refund
   * recorded on it: its item was paid meanwhile by another application, or the
   * application by another payment (two pages paid, one of them after a lost answer).
   */
  const apply = async (paymentId: string) => {
    const payment = await statusOf(paymentId)
    if (payment?.status !== 'succeeded') return
    const application = await store.db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', payment.application_id)
      .executeTakeFirst()
    if (!application) return
    try {
      const outcome = await paymentReceived(engine.ports, {
        definition: await engine.findVersion(application.service_code, application.service_version),
        applicationId: application.id,
        citizenId: application.citizen_id,
        payment: { id: payment.id, amount: payment.amount, currency: payment.currency },
      })
      if (outcome === 'refused') return await refundWhole(payment)
      if (outcome === 'known') {
        // Known may mean recorded by another notice, or taken by nothing: only the latter is given back.
        const now = await findApplication(store, application.citizen_id, application.id)
        if (!now.events.some((e) => e.type === 'paid' && e.data.paymentId === payment.id)) await refundWhole(payment)
      }
    } catch (error) {
      // A notice racing the citizen's return: the other one recorded it.
      const again = await findApplication(store, application.citizen_id, application.id)
      if (!again.events.some((e) => e.type === 'paid' && e.data.paymentId === payment.id)) throw error
    }
  }

  /** The provider's notice, sent as a bank would: a signed POST, fire and forget. */
  const notify = async (paymentId: string) => {
    const body = JSON.stringify({ paymentId })
    try {
      const response = await fetch(`${platform.publicUrl}/api/payments/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sandbox-signature': await sign(body) },
        body,
        signal: AbortSignal.timeout(5000),
      })
      if (!response.ok) log({ level: 'warn', event: 'payment_notice_refused', status: response.status })
    } catch (error) {
      log({ level: 'warn', event: 'payment_notice_failed', name: error instanceof Error ? error.name : 'unknown' })
    }
  }

  /**
   * Starts paying an application's fee; answers the provider's hosted page. The amount
   * is read afresh: an item paid meanwhile is ERR_ALREADY_PAID, before anything is charged.
   * `returnTo` is where the provider sends the citizen back (the wallet's page), set by
   * the platform only; the portal's application page when left out. With a `clientKey`
   * (the wallet's Idempotency-Key), a retry gets the page its first attempt opened,
   * whatever happened since; the key of another application is ERR_PAYMENT_KEY_REUSED.
   */
  const start = async (
    citizenId: string,
    applicationId: string,
    options: { returnTo?: string; clientKey?: string } = {},
  ): Promise<string> => {
    const id = options.clientKey === undefined ? randomUUID() : await paymentIdOf(citizenId, options.clientKey)
    const earlier = await keptFor(id)
    if (earlier !== undefined && earlier !== applicationId) throw new PolisError('ERR_PAYMENT_KEY_REUSED')
    if (earlier !== undefined) return `/sandbox-pay/${id}`
    // A page paid whose notice has not come (lost with a process, or late) is applied first:
    // the citizen is not sent to pay a second time for what they have paid.
    const paid = await store.db
      .selectFrom('payments')
      .select('id')
      .where('application_id', '=', applicationId)
      .where('citizen_id', '=', citizenId)
      .where('status', '=', 'succeeded')
      .execute()
    for (const payment of paid) await apply(payment.id)
    const application = await findApplication(store, citizenId, applicationId)
    if (application.status !== 'awaiting-payment') throw new PolisError('ERR_NOTHING_TO_PAY')
    const definition = await engine.findVersion(application.serviceCode, application.serviceVersion)
    const fee = await feeToPay(engine.ports, definition, citizenId, application)
    const now = platform.now()
    const inserted = await store.db
      .insertInto('payments')
      .values({
        id,
        application_id: applicationId,
        citizen_id: citizenId,
        amount: fee.amount,
        currency: fee.currency,
        description: fee.item ? `${definition.name.en}: ${fee.item.number}` : definition.name.en,
        status: 'created',
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + paymentMinutes * 60_000).toISOString(),
        settled_at: null,
        refunded_amount: 0,
        return_to: options.returnTo ?? null,
      })
      .onConflict((c) => c.column('id').doNothing())
      .executeTakeFirst()
    // The same key sent twice at once: the other request's page stands, if it is this application's.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1 && (await keptFor(id)) !== applicationId) {
      throw new PolisError('ERR_PAYMENT_KEY_REUSED')
    }
    return `/sandbox-pay/${id}`
  }

  return {
    start,

    /** On the citizen's return: asks the provider and applies what it says. */
    confirmOnReturn: apply,

    /** Refunds part or all of a settled payment (the sandbox's books). */
    refund,

    register(app: OpenAPIHono) {
      // The platform's side: the provider's signed notice. A notice that does not verify is refused and logged.
      app.post('/api/payments/notify', async (c) => {
        const body = await c.req.text()
        const given = c.req.header('x-sandbox-signature') ?? ''
        const expected = await sign(body)
        if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
          log({ level: 'warn', event: 'payment_notice_forged' })
          throw new PolisError('ERR_FORBIDDEN', { detail: 'the notice is not the provider’s' })
        }
        let paymentId: unknown
        try {
          paymentId = (JSON.parse(body) as { paymentId?: unknown }).paymentId
        } catch {
          throw new PolisError('ERR_MALFORMED')
        }
        if (typeof paymentId !== 'string') throw new PolisError('ERR_MALFORMED')
        await apply(paymentId)
        return c.json({ received: true })
      })

      // The sandbox provider's hosted payment page.
      const hosted = async (c: Context, problem?: string) => {
        const payment = await statusOf(c.req.param('id') as string)
        if (!payment) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such payment' })
        const nonce = randomBytes(16).toString('base64url')
        c.header(
          'content-security-policy',
          `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
        )
        c.header('cache-control', 'no-store')
        const amount = `${(payment.amount / 100).toFixed(2)} ${payment.currency}`
        const open = payment.status === 'created'
        const said: Record<string, string> = {
          succeeded: 'This payment is made.',
          declined: 'The card was declined.',
          cancelled: 'This payment was cancelled.',
          expired: 'This payment has expired: start again from the application.',
          refunded: 'This payment was refunded.',
        }
        const body = `<h1>Pay ${escapeHtml(amount)}</h1>
<p>${escapeHtml(payment.description)}</p>
<p class="muted">A sandbox: no money moves. Card ${sandboxCards.success} pays, ${sandboxCards.decline} is declined.</p>
${problem ? `<p class="bad" role="alert" id="card-error">${escapeHtml(problem)}</p>` : ''}
${
  open
    ? `<form method="post" class="card"><label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number"${problem ? ' aria-invalid="true" aria-describedby="card-error"' : ''}>
<button class="primary" type="submit" name="action" value="pay">Pay ${escapeHtml(amount)}</button>
<button class="secondary" type="submit" name="action" value="cancel">Cancel</button></form>`
    : `<p role="status">${escapeHtml(said[payment.status] ?? payment.status)}</p><a class="button secondary" href="${escapeHtml(returnOf(payment))}">Back to the application</a>`
}`
        return c.html(
          renderServerPage({ language: 'en', brand: 'Sandbox payments', title: `Pay ${amount}`, nonce, body }),
          problem ? 400 : 200,
        )
      }
      app.get('/sandbox-pay/:id', (c) => hosted(c))
      app.post('/sandbox-pay/:id', async (c) => {
        const payment = await statusOf(c.req.param('id'))
        if (!payment) throw new PolisError('ERR_NOT_FOUND')
        if (payment.status !== 'created') return hosted(c)
        const form = (await c.req.parseBody()) as Record<string, unknown>
        const card = String(form.card ?? '').replace(/\s/g, '')
        let status: 'succeeded' | 'declined' | 'cancelled'
        if (form.action === 'cancel') status = 'cancelled'
        else if (card === sandboxCards.success) status = 'succeeded'
        else if (card === sandboxCards.decline) status = 'declined'
        else return hosted(c, `Use a sandbox card: ${sandboxCards.success} or ${sandboxCards.decline}.`)
        await store.db
          .updateTable('payments')
          .set({ status, settled_at: platform.now().toISOString() })
          .where('id', '=', payment.id)
          .where('status', '=', 'created')
          .execute()
        void notify(payment.id)
        return c.redirect(returnOf(payment), 303)
      })
    },
  }
}
export type Payments = ReturnType<typeof createPayments>
