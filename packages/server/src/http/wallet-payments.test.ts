import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { messageOf } from '@polis/kernel'
import { findApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import { sandboxCards } from '../payments/payments.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 60 })
})
after(() => t?.close())

type Device = Awaited<ReturnType<typeof insertWalletDevice>>

/** A request signed by the wallet's device key, as the wallet sends it. */
async function call(device: Device, method: string, path: string, init: RequestInit = {}) {
  const jwt = await deviceJwt({ device, origin: t.origin, method, path: path.replace(/\?.*/, ''), now: t.now() })
  return t.app.request(path, {
    ...init,
    method,
    headers: { authorization: `PolisDevice ${jwt}`, 'accept-language': 'en', ...init.headers },
  })
}

const debtsDue = (kind: string) =>
  t.platform.store.db
    .selectFrom('debts')
    .selectAll()
    .where('kind', '=', kind)
    .where('status', '=', 'due')
    .orderBy('id')
    .execute()

/** Submits a pay service from the wallet, choosing an item by its id; answers the application. */
async function applyToPay(device: Device, item: string, key: string) {
  const response = await call(device, 'POST', '/api/wallet/applications', {
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ service: 'traffic-fines', answers: { fine: item } }),
  })
  assert.equal(response.status, 201, await response.clone().text())
  return (await response.json()) as { id: string; status: string }
}

/** Starts paying an application's fee, each call a new attempt with a key of its own (or the one given). */
const start = (device: Device, applicationId: string, key = `wallet-pay-${randomUUID()}`) =>
  call(device, 'POST', `/api/wallet/applications/${applicationId}/payments`, { headers: { 'idempotency-key': key } })

/** The sandbox's hosted page, sent as a browser sends its form. */
const payAtSandbox = (url: string, card: string, action = 'pay') =>
  t.app.request(new URL(url).pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card, action }).toString(),
  })

interface Item {
  id: string
  amount: number
  currency: string
  number: string
  dueDate: string | null
  details: Array<{ label: string; value: string }>
}

describe(`paying a fine from the wallet through the sandbox on ${testEngine}`, () => {
  it('lists only the citizen’s own items with the register’s amounts, pays one and returns to the wallet', async () => {
    const fines = await debtsDue('traffic-fine')
    const fine = fines[0]
    const other = fines.find((f) => f.citizen_id !== fine?.citizen_id)
    assert.ok(fine && other, 'two citizens with traffic fines')
    const phone = await insertWalletDevice(t.platform.store, fine.citizen_id, t.now())
    const stranger = await insertWalletDevice(t.platform.store, other.citizen_id, t.now())

    // What they owe, from the register: their own fines only, each with its amount, number, date and vehicle.
    const listed = await call(phone, 'GET', '/api/wallet/services/traffic-fines/items')
    assert.equal(listed.status, 200)
    assert.equal(listed.headers.get('cache-control'), 'no-store')
    const { items } = (await listed.json()) as { items: Record<string, Item[]> }
    const offered = items.fine ?? []
    const mine = fines.filter((f) => f.citizen_id === fine.citizen_id)
    assert.deepEqual(offered.map((i) => i.id).sort(), mine.map((f) => f.id).sort())
    const shown = offered.find((i) => i.id === fine.id)
    assert.ok(shown)
    assert.deepEqual([shown.amount, shown.currency, shown.number], [fine.amount, 'UAH', fine.number])
    assert.equal(shown.dueDate, fine.due_on)
    assert.deepEqual(shown.details[0], { label: 'Number plate', value: JSON.parse(fine.details).plate })
    // Without the device's signature, nothing.
    assert.equal((await t.app.request('/api/wallet/services/traffic-fines/items')).status, 401)

    const application = await applyToPay(phone, fine.id, 'wallet-pay-fine-0001')
    assert.equal(application.status, 'awaiting-payment')

    // Someone else's application is not found; nothing is started for them.
    const foreign = await call(stranger, 'POST', `/api/wallet/applications/${application.id}/payments`, {
      headers: { 'idempotency-key': 'stranger-pay-0001' },
    })
    assert.equal(foreign.status, 404)

    // The page to pay at, for the register's amount whatever the wallet might have sent.
    const started = await call(phone, 'POST', `/api/wallet/applications/${application.id}/payments`, {
      headers: { 'content-type': 'application/json', 'idempotency-key': 'wallet-pay-0001' },
      body: JSON.stringify({ amount: 1 }),
    })
    assert.equal(started.status, 201)
    const { url } = (await started.json()) as { url: string }
    assert.match(url, new RegExp(`^${t.origin}/sandbox-pay/[0-9a-f-]{36}$`))
    const paymentId = url.split('/').pop() as string
    const payment = await t.platform.store.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow()
    assert.deepEqual([payment.amount, payment.currency], [fine.amount, 'UAH'])

    // The provider sends the citizen back to the wallet, which opens the application.
    const paid = await payAtSandbox(url, sandboxCards.success)
    assert.equal(paid.status, 303)
    assert.equal(paid.headers.get('location'), `/wallet/#paid=${application.id}`)

    // Back in the wallet, the provider is asked at once: the fine is paid and closed, once.
    const confirmed = await call(phone, 'POST', `/api/wallet/applications/${application.id}/payments/confirm`)
    assert.equal(confirmed.status, 200)
    assert.deepEqual(await confirmed.json(), {
      payments: [{ id: paymentId, status: 'succeeded', amount: fine.amount, currency: 'UAH' }],
    })
    const done = await findApplication(t.platform.store, fine.citizen_id, application.id)
    assert.equal(done.status, 'completed')
    assert.equal(done.events.filter((e) => e.type === 'paid').length, 1)
    const closed = await t.platform.store.db
      .selectFrom('debts')
      .select(['status', 'payment_id'])
      .where('id', '=', fine.id)
      .executeTakeFirstOrThrow()
    assert.deepEqual([closed.status, closed.payment_id], ['paid', paymentId])
    // Asked again (a second return, a reload), nothing changes.
    await call(phone, 'POST', `/api/wallet/applications/${application.id}/payments/confirm`)
    const again = await findApplication(t.platform.store, fine.citizen_id, application.id)
    assert.equal(again.events.length, done.events.length)

    // Nothing is left to pay: said with a stable code, in the citizen's language.
    const twice = await call(phone, 'POST', `/api/wallet/applications/${application.id}/payments`, {
      headers: { 'accept-language': 'uk', 'idempotency-key': 'wallet-pay-0002' },
    })
    assert.equal(twice.status, 409)
    assert.deepEqual(await twice.json(), {
      error: { code: 'ERR_NOTHING_TO_PAY', message: messageOf('ERR_NOTHING_TO_PAY', 'uk') },
    })
    // And the fine is no longer offered.
    const after = (await (await call(phone, 'GET', '/api/wallet/services/traffic-fines/items')).json()) as {
      items: Record<string, Item[]>
    }
    assert.ok(!(after.items.fine ?? []).some((i) => i.id === fine.id))
  })

  it('keeps a declined or cancelled payment’s application awaiting payment, to pay again', async () => {
    const fines = await debtsDue('traffic-fine')
    const fine = fines[0]
    assert.ok(fine)
    const phone = await insertWalletDevice(t.platform.store, fine.citizen_id, t.now())
    const application = await applyToPay(phone, fine.id, 'wallet-pay-fine-0002')

    const first = (await (await start(phone, application.id)).json()) as {
      url: string
    }
    t.now.advance(60)
    const declined = await payAtSandbox(first.url, sandboxCards.decline)
    assert.equal(declined.headers.get('location'), `/wallet/#paid=${application.id}`)
    const second = (await (await start(phone, application.id)).json()) as { url: string }
    await payAtSandbox(second.url, '', 'cancel')
    t.now.advance(60)

    const confirmed = (await (
      await call(phone, 'POST', `/api/wallet/applications/${application.id}/payments/confirm`)
    ).json()) as { payments: Array<{ status: string }> }
    assert.deepEqual(
      confirmed.payments.map((p) => p.status),
      ['declined', 'cancelled'],
    )
    assert.equal((await findApplication(t.platform.store, fine.citizen_id, application.id)).status, 'awaiting-payment')

    // A page left unpaid for its 90 minutes has expired when the citizen comes back.
    const third = (await (await start(phone, application.id)).json()) as {
      url: string
    }
    t.now.advance(91 * 60)
    const expired = (await (
      await call(phone, 'POST', `/api/wallet/applications/${application.id}/payments/confirm`)
    ).json()) as { payments: Array<{ id: string; status: string }> }
    assert.deepEqual(expired.payments.at(-1), {
      id: third.url.split('/').pop(),
      status: 'expired',
      amount: fine.amount,
      currency: 'UAH',
    })
  })

  it('answers a retry with its key with the page it opened, paid or not, and gives back a second page paid for one application', async () => {
    const fine = (await debtsDue('traffic-fine')).at(-1)
    assert.ok(fine)
    const phone = await insertWalletDevice(t.platform.store, fine.citizen_id, t.now())
    const application = await applyToPay(phone, fine.id, 'wallet-pay-fine-0003')
    const other = await applyToPay(phone, fine.id, 'wallet-pay-fine-0004')

    const first = await start(phone, application.id, 'wallet-pay-retry-0001')
    assert.equal(first.status, 201)
    const { url } = (await first.json()) as { url: string }
    const again = await start(phone, application.id, 'wallet-pay-retry-0001')
    assert.equal(again.status, 201)
    assert.deepEqual(await again.json(), { url }, 'a retry with the key opens the same page')
    // The key of one attempt is not another application's.
    const reused = await start(phone, other.id, 'wallet-pay-retry-0001')
    assert.equal(reused.status, 409)
    assert.equal(((await reused.json()) as { error: { code: string } }).error.code, 'ERR_PAYMENT_KEY_REUSED')

    // A second attempt (its key lost with the app) opens a second page while the first is open; both are paid.
    const second = (await (await start(phone, application.id, 'wallet-pay-retry-0002')).json()) as { url: string }
    assert.notEqual(second.url, url)
    assert.equal((await payAtSandbox(url, sandboxCards.success)).status, 303)
    assert.equal((await payAtSandbox(second.url, sandboxCards.success)).status, 303)
    // Before any notice or return: a third attempt is not sent to pay, and what was paid is applied once.
    const third = await start(phone, application.id, 'wallet-pay-retry-0003')
    assert.equal(third.status, 409)
    assert.equal(((await third.json()) as { error: { code: string } }).error.code, 'ERR_NOTHING_TO_PAY')
    const [firstId, secondId] = [url, second.url].map((u) => u.split('/').pop() as string)
    const confirmed = (await (
      await call(phone, 'POST', `/api/wallet/applications/${application.id}/payments/confirm`)
    ).json()) as { payments: Array<{ id: string; status: string }> }
    assert.deepEqual(
      confirmed.payments.map((p) => [p.id, p.status]).sort(),
      [
        [firstId, 'succeeded'],
        [secondId, 'refunded'],
      ].sort(),
    )
    const done = await findApplication(t.platform.store, fine.citizen_id, application.id)
    assert.equal(done.status, 'completed')
    assert.deepEqual(
      done.events.filter((e) => e.type === 'paid').map((e) => e.data.paymentId),
      [firstId],
    )
    assert.deepEqual(
      done.events.filter((e) => e.type === 'refunded').map((e) => [e.data.paymentId, e.data.amount]),
      [[secondId, fine.amount]],
    )
    // The first attempt retried once more, long after: its page, which says it is paid.
    const late = await start(phone, application.id, 'wallet-pay-retry-0001')
    assert.deepEqual(await late.json(), { url })
    const rows = await t.platform.store.db
      .selectFrom('payments')
      .select(['id', 'status', 'refunded_amount'])
      .where('application_id', '=', application.id)
      .execute()
    assert.equal(rows.length, 2, 'one payment a key, however often retried')
  })

  it('starts nothing for a service that is not a pay service’s, nor for an unknown application', async () => {
    const citizen = t.citizens[0]
    assert.ok(citizen)
    const phone = await insertWalletDevice(t.platform.store, citizen.id, t.now())
    const none = await call(phone, 'GET', '/api/wallet/services/appeal/items')
    assert.deepEqual(await none.json(), { items: {} })
    const unknown = await start(phone, '00000000-0000-4000-8000-000000000000')
    assert.equal(unknown.status, 404)
    assert.equal((await call(phone, 'GET', '/api/wallet/services/no-such-service/items')).status, 404)
  })
})
