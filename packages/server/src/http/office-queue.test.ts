import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { addOfficial } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { officeSession } from '../test/sessions.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 30 })
})
after(() => t?.close())

const agency = 'state-chancellery'

/** An official of the agency with a desk session already open (Polis ID's sign-in is tested in office.test.ts). */
async function officialAt(index: number, roles: Array<'clerk' | 'decider' | 'supervisor'>, at = agency) {
  const citizen = t.citizens[index] as (typeof t.citizens)[number]
  await addOfficial({
    store: t.platform.store,
    sealer: t.platform.keys,
    registration: { citizenId: citizen.id, agency: at, roles },
    issuer: 'Polis Testland',
    now: t.now(),
  })
  const secret = await officeSession(t.platform.store, { citizenId: citizen.id, agency: at, roles }, t.now())
  const desk = (path: string, form?: Record<string, string>) =>
    t.app.request(path, {
      method: form ? 'POST' : 'GET',
      headers: {
        cookie: `polis_office=${secret}`,
        'accept-language': 'en',
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: t.origin } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    })
  return { id: citizen.id, desk }
}

/** A citizen's appeal (decided by the chancellery within 30 days), sent from their phone. */
async function appealFrom(index: number, subject: string): Promise<string> {
  const citizen = t.citizens[index] as (typeof t.citizens)[number]
  const device = await insertWalletDevice(t.platform.store, citizen.id, t.now())
  const path = '/api/wallet/applications'
  const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path, now: t.now() })
  const response = await t.app.request(path, {
    method: 'POST',
    headers: {
      authorization: `PolisDevice ${jwt}`,
      'content-type': 'application/json',
      'idempotency-key': `k-${randomUUID()}`,
    },
    body: JSON.stringify({
      service: 'appeal',
      answers: { subject, text: 'A question for the authority, at some length.', answer_by_email: 'no' },
    }),
  })
  assert.equal(response.status, 201)
  return ((await response.json()) as { id: string }).id
}

const rowsOf = (html: string) =>
  [...html.matchAll(/<tr><td data-label="[^"]*"><a href="\/office\/cases\/([\w-]+)">/g)].map((m) => m[1])

describe(`the office's work queue on ${testEngine}`, () => {
  it('puts the most urgent first, marks what is overdue, and filters by who took a case', async () => {
    const older = await appealFrom(10, 'Older appeal')
    t.now.advance(40 * 86_400)
    const newer = await appealFrom(11, 'Newer appeal')
    const clerk = await officialAt(1, ['clerk', 'decider'])

    const queue = await (await clerk.desk('/office')).text()
    assert.deepEqual(rowsOf(queue).slice(0, 2), [older, newer], 'due soonest first')
    assert.match(queue, /Overdue: 1/)
    assert.match(queue, /<strong class="overdue">overdue<\/strong>/)

    assert.equal((await clerk.desk(`/office/cases/${newer}/take`, {})).status, 303)
    assert.deepEqual(rowsOf(await (await clerk.desk('/office?who=mine')).text()), [newer])
    assert.ok(!rowsOf(await (await clerk.desk('/office?who=unassigned')).text()).includes(newer))
    // Unknown filters fall back to the defaults rather than failing.
    assert.equal((await clerk.desk('/office?who=everyone&status=x&service=not-ours')).status, 200)
  })

  it('lets the first of two officials take a case, and tells the second', async () => {
    const first = await officialAt(2, ['decider'])
    const second = await officialAt(3, ['decider'])
    const id = await appealFrom(12, 'Contested appeal')
    assert.equal((await first.desk(`/office/cases/${id}/take`, {})).status, 303)
    const refused = await second.desk(`/office/cases/${id}/take`, {})
    assert.equal(refused.status, 400)
    assert.match(await refused.text(), /Another official took this case first/)
    const row = await t.platform.store.db
      .selectFrom('applications')
      .select('assignee')
      .where('id', '=', id)
      .executeTakeFirst()
    assert.equal(row?.assignee, `official:${first.id}`)
  })

  it('lets a supervisor give a case to another decider of the agency, or put it back, and nobody else', async () => {
    const supervisor = await officialAt(4, ['supervisor'])
    const decider = await officialAt(5, ['decider'])
    const outsider = await officialAt(6, ['decider'], 'tax-service')
    const id = await appealFrom(13, 'Appeal to hand over')

    const casePage = await (await supervisor.desk(`/office/cases/${id}`)).text()
    assert.match(casePage, /Give this case to/)
    assert.ok(!casePage.includes(outsider.id), 'only the agency’s deciders are offered')
    assert.equal((await decider.desk(`/office/cases/${id}/assign`, { to: decider.id })).status, 403)
    assert.equal((await supervisor.desk(`/office/cases/${id}/assign`, { to: outsider.id })).status, 400)
    assert.equal((await supervisor.desk(`/office/cases/${id}/assign`, { to: decider.id })).status, 303)
    assert.deepEqual(rowsOf(await (await decider.desk('/office?who=mine')).text()), [id])
    assert.equal((await supervisor.desk(`/office/cases/${id}/assign`, { to: '' })).status, 303)

    const events = await t.platform.store.db
      .selectFrom('application_events')
      .select(['type', 'actor', 'data'])
      .where('application_id', '=', id)
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      events.map((e) => e.type),
      ['submitted', 'queued', 'assigned', 'released'],
    )
    assert.equal(JSON.parse(events[2]?.data ?? '{}').to, `official:${decider.id}`)
    assert.equal(events[3]?.actor, `official:${supervisor.id}`)
    // Another agency's official does not see the case at all.
    assert.equal((await outsider.desk(`/office/cases/${id}`)).status, 404)
  })
})
