import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { findApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import { sweepExpired } from '../platform/housekeeping.ts'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'
import { createPayments, sandboxCards } from './payments.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let payments: ReturnType<typeof createPayments>
before(async () => {
  t = await createTestPlatform({ citizens: 20, listen: true })
  payments = createPayments(t.platform, createServiceEngine(t.platform), () => {})
})
after(() => t?.close())

/** A passport application with its fee, from an adult citizen's wallet. */
async function passportApplication() {
  const citizen =
    t.citizens.find((c) => c.documents.includes('id-card') && !c.documents.includes('foreign-passport')) ??
    (t.citizens.find((c) => c.documents.includes('id-card')) as (typeof t.citizens)[number])
  const device = await insertWalletDevice(t.platform.store, citizen.id, t.now())
  const engine = createServiceEngine(t.platform)
  const example = engine.find('foreign-passport-application').example?.answers ?? {}
  const path = '/api/wallet/applications'
  const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path, now: t.now() })
  const response = await fetch(`${t.origin}${path}`, {
    method: 'POST',
    headers: {
      authorization: `PolisDevice ${jwt}`,
      'content-type': 'application/json',
      'idempotency-key': `k-${randomUUID()}`,
    },
    body: JSON.stringify({ service: 'foreign-passport-application', answers: example }),
  })
  const body = (await response.json()) as { id: string; status: string }
  assert.equal(body.status, 'awaiting-payment', JSON.stringify(body))
  return { citizenId: citizen.id, applicationId: body.id }
}

const pay = (url: string, card: string, action = 'pay') =>
  fetch(`${t.origin}${url}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card, action }).toString(),
  })

const waitFor = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20))
}

describe(`fees paid through the sandbox provider on ${testEngine}`, () => {
  it('declines a card, then takes one: the application goes on to its official once, whatever the notices do', async () => {
    const { citizenId, applicationId } = await passportApplication()
    const first = await payments.start(citizenId, applicationId)
    const page = await (await fetch(`${t.origin}${first}`)).text()
    assert.match(page, /Pay 558\.00 UAH/)
    assert.equal((await pay(first, sandboxCards.decline)).status, 303)
    await payments.confirmOnReturn(first.split('/').pop() as string)
    assert.equal((await findApplication(t.platform.store, citizenId, applicationId)).status, 'awaiting-payment')
    assert.match(await (await fetch(`${t.origin}${first}`)).text(), /declined/)

    const second = await payments.start(citizenId, applicationId)
    const paid = await pay(second, sandboxCards.success)
    assert.equal(paid.headers.get('location'), `/applications/${applicationId}?paid=1`)
    // The provider's notice comes on its own while the return asks too, three times at once here: once.
    const paymentId = second.split('/').pop() as string
    await Promise.all([1, 2, 3].map(() => payments.confirmOnReturn(paymentId)))
    await waitFor(
      async () => (await findApplication(t.platform.store, citizenId, applicationId)).status === 'in-review',
    )
    const application = await findApplication(t.platform.store, citizenId, applicationId)
    assert.equal(application.status, 'in-review')
    assert.deepEqual(
      application.events.map((e) => e.type),
      ['submitted', 'prefilled', 'payment-requested', 'paid', 'queued'],
    )
    assert.deepEqual(application.events[3]?.data, {
      paymentId: second.split('/').pop(),
      amount: 55800,
      currency: 'UAH',
    })
    // Paying again is refused: the page says it is made.
    assert.match(await (await pay(second, sandboxCards.success)).text(), /This payment is made/)
  })

  it('refuses a notice the provider did not sign, and an amount to refund beyond what was paid', async () => {
    const forged = await fetch(`${t.origin}/api/payments/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-signature': 'A'.repeat(43) },
      body: JSON.stringify({ paymentId: randomUUID() }),
    })
    assert.equal(forged.status, 403)
    const { citizenId, applicationId } = await passportApplication()
    const url = await payments.start(citizenId, applicationId)
    const id = url.split('/').pop() as string
    await pay(url, sandboxCards.success)
    await payments.refund(id, 10_000)
    await assert.rejects(payments.refund(id, 50_000), /more than was paid/)
    const row = await t.platform.store.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.deepEqual([row.status, row.refunded_amount], ['refunded', 10_000])
  })

  it('lets a payment page expire after 90 minutes', async () => {
    const { citizenId, applicationId } = await passportApplication()
    const url = await payments.start(citizenId, applicationId)
    t.now.advance(91 * 60)
    await sweepExpired(t.platform)
    assert.match(await (await fetch(`${t.origin}${url}`)).text(), /expired/)
    assert.match(await (await pay(url, sandboxCards.success)).text(), /expired/)
    assert.equal((await findApplication(t.platform.store, citizenId, applicationId)).status, 'awaiting-payment')
  })
})
