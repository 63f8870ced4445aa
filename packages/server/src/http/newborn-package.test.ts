import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { addOfficial } from '@polis/polis-id'
import { findApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { officeSession, portalSession } from '../test/sessions.ts'
import { unmarriedAdults } from '../test/unmarried-adults.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 120, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('newborn')

/** The configurations a parent's wallet is offered at its next refresh. */
async function offeredTo(citizenId: string): Promise<string[]> {
  const device = await insertWalletDevice(t.platform.store, citizenId, t.now())
  const path = '/api/wallet/offers'
  const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path, now: t.now() })
  const response = await t.app.request(path, { method: 'POST', headers: { authorization: `PolisDevice ${jwt}` } })
  assert.equal(response.status, 201)
  return ((await response.json()) as { offer: { credential_configuration_ids: string[] } }).offer
    .credential_configuration_ids
}

describe(`the newborn package in headless Chromium on ${testEngine}`, () => {
  it('a mother files it on her phone, an official approves it at the desk, and both parents hold the birth certificate', async () => {
    // An unmarried mother and the father she names, both adults in the register.
    const adults = await unmarriedAdults(t.platform.store, { from: '1980-01-01', to: '2004-01-01' })
    const [mother] = adults.women
    const [father] = adults.men
    const official = adults.all.find((p) => p.id !== mother?.id && p.id !== father?.id)
    assert.ok(mother && father && official)

    // The mother, on her phone, in English.
    const phoneContext = await browser.newContext({ ...phone, locale: 'en-GB' })
    await phoneContext.clock.setFixedTime(t.now())
    await phoneContext.addCookies([
      { name: 'polis_portal', value: await portalSession(t.platform.store, mother.id, t.now()), url: t.origin },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const page = await phoneContext.newPage()
    await page.goto(`${t.origin}/services/birth-bundle`)
    await page.getByRole('heading', { name: 'eBaby: register a birth' }).waitFor()
    await page.getByRole('heading', { name: 'This application includes' }).waitFor()
    await page.getByRole('listitem').filter({ hasText: 'Birth benefit' }).waitFor()
    await expectAccessible(page, 'start')
    await page
      .getByRole('button', { name: 'Start now' })
      .or(page.getByRole('link', { name: 'Start now' }))
      .click()
    await page.getByLabel('The baby’s given name').or(page.getByLabel("The baby's given name")).fill('Maria')
    await page.getByLabel("The baby's family name").fill('Коваль')
    await page.getByRole('radio', { name: 'Female' }).check()
    await page.getByLabel('Date of birth').fill('2026-05-20')
    await page.getByRole('button', { name: 'Continue' }).click()
    // Latin letters are not what a civil registry writes: said at the field, and corrected.
    await page.getByRole('alert').first().waitFor()
    await expectAccessible(page, 'child-error')
    await page.getByLabel("The baby's given name").fill('Марія')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel("The father's tax number").fill(father.taxNumber)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('radio', { name: 'Yes' }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Account for the payment (IBAN)').fill('UA213052990000026007015012345')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Submit the application' }).click()
    // One application, two services: the birth registration in review, the benefit waiting for it.
    await page.getByRole('heading', { name: 'The services of this application' }).waitFor()
    const services = page.locator('.parts .part')
    await services.filter({ hasText: 'Register a birth' }).getByText('In review').waitFor()
    await services
      .filter({ hasText: 'Birth benefit' })
      .getByText('Starts once this is done: Register a birth')
      .waitFor()
    await expectAccessible(page, 'submitted')
    const bundleId = /\/applications\/([^/?#]+)/.exec(page.url())?.[1] as string
    assert.ok(bundleId, page.url())
    const registrationLink = services.filter({ hasText: 'Register a birth' }).getByRole('link')
    const applicationId = /\/applications\/([^/?#]+)/.exec((await registrationLink.getAttribute('href')) ?? '')?.[1]
    assert.ok(applicationId)

    // The civil registry office's official, at a desk.
    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    await deskContext.clock.setFixedTime(t.now())
    await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: official.id, agency: 'civil-registry', roles: ['clerk', 'decider'] },
      issuer: 'Polis Testland',
      now: t.now(),
    })
    const deskSession = await officeSession(
      t.platform.store,
      { citizenId: official.id, agency: 'civil-registry', roles: ['clerk', 'decider'] },
      t.now(),
    )
    await deskContext.addCookies([{ name: 'polis_office', value: deskSession, url: t.origin }])
    const desk = await deskContext.newPage()
    await desk.goto(`${t.origin}/office?lang=en`)
    await desk.locator(`a[href="/office/cases/${applicationId}"]`).click()
    await desk.getByText('Марія').first().waitFor()
    await desk.getByText(/^Part of the life-event application “eBaby: register a birth”/).waitFor()
    await expectAccessible(desk, 'desk-case')
    await desk.getByRole('button', { name: 'Take this case' }).click()
    await desk.getByRole('button', { name: 'Approve' }).click()
    await desk.getByText('This case is decided.').waitFor()

    const application = await findApplication(t.platform.store, mother.id, applicationId)
    assert.equal(application.status, 'completed')

    // The mother's one status page: the birth registered, and the benefit granted by the rules after it.
    await page.reload()
    await services.filter({ hasText: 'Birth benefit' }).getByText('Done').waitFor()
    await services.filter({ hasText: 'Register a birth' }).getByText('Done').waitFor()
    await page.locator('dl.facts').getByText('Done').waitFor()
    await expectAccessible(page, 'all-decided')
    await services.filter({ hasText: 'Birth benefit' }).getByRole('link').click()
    await page.getByRole('link', { name: 'Part of the application “eBaby: register a birth”' }).waitFor()
    const benefitId = /\/applications\/([^/?#]+)/.exec(page.url())?.[1] as string
    const benefit = (await findApplication(t.platform.store, mother.id, benefitId)).events.find(
      (e) => e.type === 'output-issued' && e.data.type === 'record',
    )
    const values = (benefit?.data.values ?? []) as Array<{ id: string; value: number }>
    assert.equal(values.find((v) => v.id === 'total')?.value, 4_128_000)
    assert.equal((await findApplication(t.platform.store, mother.id, bundleId)).status, 'completed')

    // Both parents' wallets are offered the baby's birth certificate, read from the act naming them.
    assert.ok((await offeredTo(mother.id)).some((c) => c.startsWith('birth-certificate.')))
    assert.ok((await offeredTo(father.id)).some((c) => c.startsWith('birth-certificate.')))
    const inbox = await t.platform.store.db
      .selectFrom('inbox_messages')
      .select('body')
      .where('citizen_id', '=', father.id)
      .execute()
    assert.ok(
      inbox.some((m) => JSON.parse(m.body).en === 'A document was issued to you: it is waiting in your wallet.'),
    )
    const births = await t.platform.queryRegistry({
      registry: 'civil-status',
      kind: 'birth',
      citizenId: father.id,
      purpose: 'test:newborn',
    })
    assert.ok(births.some((b) => (b.data.child as { given_name: string }).given_name === 'Марія'))
    await phoneContext.close()
    await deskContext.close()
  })
})
