import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { portalSession } from '../test/sessions.ts'

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

const expectAccessible = accessibilityCheck('attach')

describe(`a question that asks for a file, in headless Chromium on a phone, on ${testEngine}`, () => {
  it('is an accessible file input: a file that is not what it is called is refused at the field, a PDF is taken', async () => {
    const driver = t.holding('driver-licence')
    const session = await portalSession(t.platform.store, driver, t.now())
    const context = await browser.newContext({ ...phone, locale: 'en-GB' })
    await context.addCookies([
      { name: 'polis_portal', value: session, url: t.origin },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const page = await context.newPage()
    await page.goto(`${t.origin}/services/driver-licence-renewal/apply/medical`)
    const input = page.getByLabel('Your driver’s medical certificate (a scan or photo)')
    await input.waitFor()
    assert.equal(await input.getAttribute('type'), 'file')
    await page.getByText('PDF, JPEG or PNG, up to 5 MB.').waitFor()
    await expectAccessible(page, 'question')

    await page.getByLabel('Number of your driver’s medical certificate').fill('4F2A-19C7-08B3-D6E5')
    await page.getByLabel('Date the certificate was issued').fill('2026-11-02')
    // A web page called a PDF: its bytes say otherwise.
    await input.setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>') })
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('alert').first().waitFor()
    assert.match(await page.title(), /^Error: /)
    assert.equal(await input.getAttribute('aria-invalid'), 'true')
    await page.locator('#medical_certificate-error').getByText('This kind of file is not taken here').waitFor()
    await expectAccessible(page, 'error')

    await input.setInputFiles({
      name: 'certificate.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    })
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'How to get the plastic card' }).waitFor()
    await page.getByRole('link', { name: 'Back' }).click()
    await page.getByText('Uploaded: certificate.pdf (15 bytes).').waitFor()
    await expectAccessible(page, 'uploaded')
    await context.close()
  })
})
