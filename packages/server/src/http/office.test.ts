import assert from 'node:assert/strict'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { addOfficial } from '@polis/polis-id'
import { giveInformation } from '@polis/services'
import { testEngine } from '@polis/store'
import * as OTPAuth from 'otpauth'
import type { Browser, Page } from 'playwright-core'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { confirmOnPhone } from '../test/confirm-on-phone.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let desk: Page
let officialPhone: Page
const pin = '8642'

before(async () => {
  t = await createTestPlatform({ citizens: 20, listen: true })
  browser = await launchBrowser()
  const deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
  const phoneContext = await browser.newContext({ ...phone, locale: 'en-GB' })
  for (const context of [deskContext, phoneContext]) await context.clock.setFixedTime(t.now())
  desk = await deskContext.newPage()
  officialPhone = await phoneContext.newPage()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('office')

/** A citizen's appeal, sent from their wallet's phone through the API. */
async function appealFrom(citizenId: string): Promise<string> {
  const device = await insertWalletDevice(t.platform.store, citizenId, t.now())
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
      answers: {
        subject: 'Bus stop shelter',
        text: 'The bus stop on Shevchenko street has had no shelter for a year.',
        answer_by_email: 'no',
      },
    }),
  })
  const body = (await response.json()) as { id: string; status: string }
  assert.equal(body.status, 'in-review')
  return body.id
}

describe(`the office in headless Chromium on ${testEngine}`, () => {
  it('signs an official in with the wallet and a code, shows the queue, and decides a case the citizen hears of', async () => {
    const officialId = await enrolWallet(officialPhone, { origin: t.origin, pin, choose: (offered) => offered[0] })
    const { totpUri } = await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: officialId, agency: 'state-chancellery', roles: ['clerk', 'decider'] },
      issuer: 'Polis Testland',
      now: t.now(),
    })
    const citizen = t.citizens.find((c) => c.id !== officialId) as (typeof t.citizens)[number]
    const applicationId = await appealFrom(citizen.id)

    await desk.goto(`${t.origin}/office`)
    await expectAccessible(desk, 'welcome')
    await desk.getByRole('link', { name: 'Sign in with Polis ID' }).click()
    await confirmOnPhone(desk, officialPhone, pin)
    // The second factor, on the desk's screen.
    await desk.getByRole('heading', { name: 'Second factor for officials' }).waitFor({ timeout: 15_000 })
    await expectAccessible(desk, 'second-factor')
    const code = (OTPAuth.URI.parse(totpUri) as OTPAuth.TOTP).generate({ timestamp: t.now().getTime() })
    await desk.getByLabel('Authenticator code').fill(code)
    await desk.getByRole('button', { name: 'Confirm' }).click()
    // A security key is offered once the code is given (official-keys.test.ts adds one).
    await desk.getByRole('heading', { name: 'Add a security key?' }).waitFor()
    await desk.getByRole('link', { name: 'Not now' }).click()
    await desk.getByRole('heading', { name: /asks for your data/ }).waitFor()
    await desk.getByRole('button', { name: 'Allow' }).click()

    await desk.getByRole('heading', { name: 'Work queue: state-chancellery' }).waitFor()
    await expectAccessible(desk, 'queue')
    await desk.getByRole('link', { name: 'Write to an authority' }).click()
    await desk.getByText('The bus stop on Shevchenko street has had no shelter for a year.').waitFor()
    await desk.getByRole('button', { name: 'Take this case' }).click()
    // A question first: the case goes back to the citizen, who answers it.
    await desk.getByRole('button', { name: 'Ask the citizen for more' }).click()
    await desk.getByRole('alert').filter({ hasText: 'Write the question for the citizen' }).waitFor()
    await desk.getByLabel('Reason for the decision').fill('Which bus stop number is it?')
    await desk.getByRole('button', { name: 'Ask the citizen for more' }).click()
    await desk.getByText('Waiting for the citizen’s answer.').waitFor()
    await giveInformation(createServiceEngine(t.platform).ports, {
      applicationId,
      citizenId: citizen.id,
      answer: 'Stop 214, by the school.',
    })
    await desk.reload()
    await desk.getByText('Stop 214, by the school.').waitFor()
    await desk.getByRole('button', { name: 'Refuse' }).click()
    await desk.getByRole('alert').filter({ hasText: 'Give the reason for refusing' }).waitFor()
    await expectAccessible(desk, 'case')
    await desk.getByLabel('Reason for the decision').fill('The shelter is to be built in July.')
    await desk.getByRole('button', { name: 'Approve' }).click()
    await desk.getByText('This case is decided.').waitFor()

    const events = await t.platform.store.db
      .selectFrom('application_events')
      .select(['type', 'actor'])
      .where('application_id', '=', applicationId)
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      events.map((e) => e.type),
      ['submitted', 'queued', 'assigned', 'info-requested', 'info-given', 'decided', 'output-issued', 'completed'],
    )
    assert.equal(events.find((e) => e.type === 'decided')?.actor, `official:${officialId}`)
    const inbox = await t.platform.store.db
      .selectFrom('inbox_messages')
      .select('body')
      .where('citizen_id', '=', citizen.id)
      .execute()
    assert.ok(inbox.some((m) => JSON.parse(m.body).en === 'Your application was approved.'))
  })

  it('never shows a case to an official of another agency', async () => {
    const other = t.citizens[5] as (typeof t.citizens)[number]
    const applicationId = await appealFrom((t.citizens[6] as (typeof t.citizens)[number]).id)
    // An official of the tax service, signed in (a session as the sign-in above makes one).
    const session = randomBytes(32).toString('base64url')
    await t.platform.store.db
      .insertInto('office_sessions')
      .values({
        id_hash: createHash('sha256').update(session).digest('base64url'),
        official_id: other.id,
        agency: 'tax-service',
        roles: JSON.stringify(['clerk', 'decider']),
        id_token: null,
        created_at: t.now().toISOString(),
        expires_at: new Date(t.now().getTime() + 3_600_000).toISOString(),
      })
      .execute()
    const cookie = { cookie: `polis_office=${session}`, 'accept-language': 'en' }
    const queue = await t.app.request('/office', { headers: cookie })
    const listed = await queue.text()
    assert.match(listed, /Work queue: tax-service/)
    const ukrainian = await (await t.app.request('/office', { headers: { ...cookie, 'accept-language': 'uk' } })).text()
    assert.match(ukrainian, /Черга справ: tax-service/)
    assert.match(ukrainian, /<html lang="uk">/)
    assert.doesNotMatch(listed, /Write to an authority/)
    const read = await t.app.request(`/office/cases/${applicationId}`, { headers: cookie })
    assert.equal(read.status, 404)
    const decided = await t.app.request(`/office/cases/${applicationId}/decide`, {
      method: 'POST',
      headers: { ...cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=approve&reason=none',
    })
    assert.equal(decided.status, 404)
  })
})
