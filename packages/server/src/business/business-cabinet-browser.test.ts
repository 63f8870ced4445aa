import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { listRepresentatives } from '@polis/registries'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { askDeletion, reportDeletion } from '../sharing/deletion-requests.ts'
import { insertApprover } from '../test/approved-business.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { officeSession, portalSession } from '../test/sessions.ts'
import { findBusinessByRegisterNumber } from './businesses.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 60, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('business')

describe(`the business cabinet and the office's approval, in headless Chromium on a phone, on ${testEngine}`, () => {
  it('registers Demo Bank, an approver approves it, and its representative makes an API key', async () => {
    const [director] = await listRepresentatives(t.platform.store, '40000017')
    assert.ok(director)
    const context = await browser.newContext({ ...phone, locale: 'en-GB' })
    await context.addCookies([
      {
        name: 'polis_portal',
        value: await portalSession(t.platform.store, director.citizenId, t.now()),
        url: t.origin,
      },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const page = await context.newPage()
    await page.goto(`${t.origin}/business`)
    await page.getByRole('heading', { name: 'Business cabinet' }).waitFor()
    await expectAccessible(page, 'home')
    await page.getByRole('link', { name: 'Demo Bank' }).click()
    await page.getByRole('heading', { name: 'Register for sharing' }).waitFor()
    await expectAccessible(page, 'register')

    // Nothing filled: every mistake is said at its field and summed up on top.
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('alert').waitFor()
    assert.equal(await page.getByLabel('Contact e-mail').getAttribute('aria-invalid'), 'true')
    await page.locator('#documents-error').getByText('Choose at least one document.').waitFor()
    await expectAccessible(page, 'register-errors')

    await page.getByLabel('Contact e-mail').fill('partners@bank.example')
    await page.getByLabel('Data-protection contact').fill('dpo@bank.example')
    await page.getByLabel('Purpose code').fill('open-account')
    await page.getByLabel('Purpose, as citizens read it').fill('To open an account')
    await page.getByLabel('In Ukrainian').fill('Щоб відкрити рахунок')
    await page.getByLabel('Identity card', { exact: true }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Claims you ask for' }).waitFor()
    await expectAccessible(page, 'claims')
    for (const claim of ['Family name', 'Given name', 'Date of birth']) {
      await page.getByLabel(claim, { exact: true }).check()
    }
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await page.getByText('Waiting for approval').waitFor()
    await expectAccessible(page, 'pending')

    const approver = t.citizens.find((c) => c.id !== director.citizenId)?.id ?? ''
    await insertApprover(t.platform, { citizenId: approver })
    const office = await browser.newContext({ ...phone, locale: 'en-GB' })
    const official = { citizenId: approver, agency: 'tax-service', roles: ['approver'] }
    await office.addCookies([
      { name: 'polis_office', value: await officeSession(t.platform.store, official, t.now()), url: t.origin },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const desk = await office.newPage()
    await desk.goto(`${t.origin}/office`)
    await desk.getByRole('link', { name: 'Businesses' }).click()
    await desk.getByRole('heading', { name: 'Demo Bank' }).waitFor()
    await desk.getByText('To open an account').waitFor()
    await expectAccessible(desk, 'office-pending')
    await desk.getByRole('button', { name: 'Refuse' }).click()
    await desk.getByText('Write the reason in 3 to 1000 characters.').waitFor()
    await expectAccessible(desk, 'office-refuse-error')
    await desk.getByRole('button', { name: 'Approve Demo Bank' }).click()
    await desk.getByText('No registration is waiting.').waitFor()
    await expectAccessible(desk, 'office-decided')
    await office.close()

    await page.reload()
    await page.getByText('Approved', { exact: true }).waitFor()
    await page.getByRole('link', { name: 'Access certificate (PEM)' }).waitFor()
    await page.getByRole('button', { name: 'Create an API key' }).click()
    const key = await page.locator('#new-key').textContent()
    assert.match(key ?? '', /^pk_[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{43}$/)
    await expectAccessible(page, 'api-key')
    await page.getByRole('button', { name: 'Make a new webhook secret' }).click()
    assert.match((await page.locator('#new-secret').textContent()) ?? '', /^whsec_/)
    await expectAccessible(page, 'webhook-secret')

    // A citizen who shared with the bank asks it to delete the data: the bank answers in the cabinet.
    const business = await findBusinessByRegisterNumber(t.platform, '40000017')
    const requestId = 'shared-request-0001'
    const citizen = t.citizens.find((c) => c.id !== director.citizenId && c.id !== approver)?.id ?? ''
    await t.platform.store.db
      .insertInto('verifier_requests')
      .values({
        id: requestId,
        business_id: business?.id ?? '',
        purpose: 'open-account',
        pending: '{}',
        request_object: '',
        webhook_url: null,
        created_at: t.now().toISOString(),
        expires_at: t.now().toISOString(),
        answered_at: t.now().toISOString(),
        outcome: 'verified',
        result: null,
        error_code: null,
        citizen_id: citizen,
      })
      .execute()
    const deletion = await askDeletion(t.platform, {
      citizenId: citizen,
      input: { request_id: requestId, claims: [{ document: 'id-card', claims: ['given_name', 'birth_date'] }] },
    })
    await page.getByRole('link', { name: 'Deletion requests' }).click()
    await page.getByText('Waiting for your answer').waitFor()
    await page.getByText('Identity card: Given name, Date of birth').waitFor()
    await expectAccessible(page, 'deletions')
    await page.getByRole('button', { name: 'Refuse' }).click()
    await page.getByText('Write the reason in 3 to 1000 characters.').waitFor()
    await expectAccessible(page, 'deletions-error')
    await page.getByRole('button', { name: 'We erased it' }).click()
    await page.getByText('Erased', { exact: true }).waitFor()
    await expectAccessible(page, 'deletions-answered')
    await page.goto(`${t.origin}/business/40000017?lang=uk`)
    await page.getByText('Погоджено', { exact: true }).waitFor()
    await expectAccessible(page, 'approved-uk')
    await context.close()

    // The citizen reports it anyway; the data-protection authority's official reads the report.
    await reportDeletion(t.platform, { citizenId: citizen, id: deletion.id, text: 'They still send me offers.' })
    const authority = await browser.newContext({ ...phone, locale: 'en-GB' })
    const dpa = { citizenId: approver, agency: 'data-protection', roles: ['dpa'] }
    await authority.addCookies([
      { name: 'polis_office', value: await officeSession(t.platform.store, dpa, t.now()), url: t.origin },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const reports = await authority.newPage()
    await reports.goto(`${t.origin}/office`)
    await reports.getByRole('link', { name: 'Reports to the data-protection authority' }).click()
    await reports.getByText('They still send me offers.').waitFor()
    await expectAccessible(reports, 'office-reports')
    await authority.close()
  })
})
