import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { findApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import { sandboxCards } from '../payments/payments.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { type Phone, servedInstance } from '../test/served-instance.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let served: Awaited<ReturnType<typeof servedInstance>>
before(async () => {
  served = await servedInstance({ prefix: 'crashpay', citizens: 120 })
})
after(() => served?.close())

/** A request from a phone, signed as the wallet signs it; the status and the body. */
async function call(phone: Phone, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const jwt = await deviceJwt({ device: phone, origin: served.origin, method, path, now: new Date() })
  const response = await fetch(`${served.origin}${path}`, {
    method,
    headers: {
      authorization: `PolisDevice ${jwt}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(20_000),
  })
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> }
}

/** The pay services, by the kind of register record each pays, and the question that chooses it. */
const services: Record<string, { code: string; field: string }> = {
  'traffic-fine': { code: 'traffic-fines', field: 'fine' },
  'parking-fine': { code: 'parking-fines', field: 'fine' },
  'court-fine': { code: 'court-fines', field: 'fine' },
  'enforcement-debt': { code: 'enforcement-debts', field: 'debt' },
  'property-tax': { code: 'property-tax', field: 'notice' },
}

/** One fine paid from a wallet: the submission's key and the payment's, kept on the phone before they are sent. */
interface Payer {
  phone: Phone
  fine: { id: string; kind: string; amount: number }
  submissionKey: string
  paymentKey: string
  /** What the server answered before the kill, step by step. */
  applicationId?: string
  url?: string
  paid?: boolean
  confirmed?: boolean
}

/**
 * The wallet's journey to pay a fine, each step sent with the key kept for it: submit,
 * open the provider's page, pay there with the card, come back and confirm. Throws where
 * a step was cut off; what was answered before is kept on the payer.
 */
async function pay(payer: Payer, paymentKey = payer.paymentKey, options: { openOnly?: boolean } = {}) {
  const submitted = await call(
    payer.phone,
    'POST',
    '/api/wallet/applications',
    { 'idempotency-key': payer.submissionKey },
    {
      service: services[payer.fine.kind]?.code,
      answers: { [services[payer.fine.kind]?.field ?? '']: payer.fine.id },
    },
  )
  assert.ok(submitted.status === 201 || submitted.status === 200, `submission answered ${submitted.status}`)
  const applicationId = String(submitted.body.id)
  if (payer.applicationId) assert.equal(applicationId, payer.applicationId, 'a retried submission, its application')
  payer.applicationId = applicationId
  const started = await call(payer.phone, 'POST', `/api/wallet/applications/${applicationId}/payments`, {
    'idempotency-key': paymentKey,
  })
  // An attempt that opened no page, once the fine was paid by another, is told there is nothing to pay;
  // an attempt that had its page answered gets that page again, paid or not.
  const opened = paymentKey === payer.paymentKey && payer.url !== undefined
  if (started.status === 409 && started.body.error && !opened) {
    assert.equal((started.body.error as { code: string }).code, 'ERR_NOTHING_TO_PAY')
    return
  }
  assert.equal(started.status, 201, `payment start answered ${started.status} ${JSON.stringify(started.body)}`)
  const url = String(started.body.url)
  if (paymentKey === payer.paymentKey) {
    if (payer.url) assert.equal(url, payer.url, 'a retried payment, its page')
    payer.url = url
  }
  if (options.openOnly) return
  const card = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card: sandboxCards.success, action: 'pay' }).toString(),
    signal: AbortSignal.timeout(20_000),
  })
  // 303 back to the wallet once paid; a page paid before says so (200).
  assert.ok(card.status === 303 || card.status === 200, `the provider answered ${card.status}`)
  if (paymentKey === payer.paymentKey) payer.paid = true
  const confirmed = await call(payer.phone, 'POST', `/api/wallet/applications/${applicationId}/payments/confirm`)
  assert.equal(confirmed.status, 200, `confirm answered ${confirmed.status}`)
  if (paymentKey === payer.paymentKey) payer.confirmed = true
}

describe(`a server killed in the middle of payments, on ${testEngine}`, () => {
  it('loses and duplicates nothing: each fine paid once, a second payment refunded, every retry with its key answered', {
    timeout: 300_000,
  }, async () => {
    await served.start()
    const store = await served.store()
    const fines = await store.db
      .selectFrom('debts')
      .select(['id', 'citizen_id', 'kind', 'amount'])
      .where('kind', 'in', Object.keys(services))
      .where('status', '=', 'due')
      .orderBy('id')
      .limit(24)
      .execute()
    assert.ok(fines.length >= 16, `${fines.length} fines due`)
    const phones = new Map<string, Phone>()
    for (const fine of fines) {
      if (!phones.has(fine.citizen_id))
        phones.set(fine.citizen_id, await insertWalletDevice(store, fine.citizen_id, new Date()))
    }
    const payers: Payer[] = fines.map((fine, i) => ({
      phone: phones.get(fine.citizen_id) as Phone,
      fine: { id: fine.id, kind: fine.kind, amount: Number(fine.amount) },
      submissionKey: `crash-pay-submit-${i}-${randomUUID()}`,
      paymentKey: `crash-pay-${i}-${randomUUID()}`,
    }))

    // Four wallets at a time; the server is killed (SIGKILL: no draining) once a quarter of the fines are paid.
    let next = 0
    let cutOff = 0
    let finished = false
    const killed = (async () => {
      while (payers.filter((p) => p.confirmed).length < payers.length / 4 && !finished)
        await new Promise((resolve) => setTimeout(resolve, 5))
      await served.kill()
    })()
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < payers.length) {
          const payer = payers[next++] as Payer
          await pay(payer).catch(() => cutOff++)
        }
      }),
    )
    finished = true
    await killed
    const confirmed = payers.filter((p) => p.confirmed).length
    assert.ok(confirmed >= payers.length / 4 && cutOff > 0, `${confirmed} paid, ${cutOff} cut off`)

    // Started again. Every second wallet cut off lost its payment key with the app, and pays in a
    // new attempt first (half of them with the first attempt's page left open, to be paid too);
    // then every journey is retried with its keys, the finished ones too.
    await served.start()
    for (const [i, payer] of payers.entries()) {
      if (!payer.confirmed && i % 2 === 0) {
        if (i % 4 === 2) await pay(payer, payer.paymentKey, { openOnly: true })
        await pay(payer, `crash-pay-again-${i}-${randomUUID()}`)
      }
      await pay(payer)
    }

    // Each fine: one application, paid once and closed by that payment; every other payment given back.
    const applications = await store.db
      .selectFrom('applications')
      .select(['id', 'client_key'])
      .where('client_key', 'like', 'crash-pay-submit-%')
      .execute()
    assert.equal(applications.length, payers.length, 'one application a submission')
    let kept = 0
    let refunded = 0
    for (const payer of payers) {
      const application = await findApplication(store, payer.phone.citizenId, payer.applicationId as string)
      assert.equal(application.status, 'completed')
      const paid = application.events.filter((e) => e.type === 'paid').map((e) => String(e.data.paymentId))
      assert.equal(paid.length, 1, 'paid once')
      const debt = await store.db
        .selectFrom('debts')
        .select(['status', 'payment_id'])
        .where('id', '=', payer.fine.id)
        .executeTakeFirstOrThrow()
      assert.deepEqual([debt.status, debt.payment_id], ['paid', paid[0]], 'the fine closed by the payment recorded')
      const payments = await store.db
        .selectFrom('payments')
        .select(['id', 'status', 'amount', 'refunded_amount'])
        .where('application_id', '=', application.id)
        .execute()
      assert.ok(payments.length <= 2, `${payments.length} payments for at most two attempts`)
      const refunds = application.events.filter((e) => e.type === 'refunded').map((e) => String(e.data.paymentId))
      for (const payment of payments) {
        const taken = payment.status === 'succeeded' || payment.status === 'refunded'
        if (!taken) continue
        if (payment.id === paid[0]) {
          assert.equal(payment.status, 'succeeded', 'the payment recorded is kept')
          kept += Number(payment.amount)
        } else {
          assert.equal(payment.status, 'refunded', 'a payment not recorded is given back')
          assert.equal(Number(payment.refunded_amount), Number(payment.amount), 'whole')
          assert.ok(refunds.includes(payment.id), 'and the refund recorded on the application')
          refunded++
        }
      }
      assert.equal(new Set(refunds).size, refunds.length, 'a refund recorded once')
    }
    assert.ok(refunded > 0, 'a second payment was made, and given back')
    const owed = payers.reduce((sum, p) => sum + p.fine.amount, 0)
    assert.equal(kept, owed, 'the money kept is what the fines came to: none lost, none taken twice')
    await served.stop()
  })
})
