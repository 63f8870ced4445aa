import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { findApplication, listAttachments } from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { sandboxCards } from '../payments/payments.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let context: BrowserContext
let page: Page
let citizenId: string

before(async () => {
  t = await createTestPlatform({ citizens: 60, listen: true })
  browser = await launchBrowser()
  context = await browser.newContext({ ...phone, locale: 'en-GB' })
  await context.clock.setFixedTime(t.now())
  page = await context.newPage()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('wallet-pay-and-files')
const pin = '2468'

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

/** The citizen's applications of a service, as the platform keeps them. */
const applicationsOf = (service: string) =>
  t.platform.store.db
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('citizen_id', '=', citizenId)
    .where('service_code', '=', service)
    .execute()

/** Opens a service from the catalogue, found by a word of its name. */
async function openService(word: string, name: string) {
  await page.getByRole('button', { name: 'Services', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor()
  await page.getByLabel('Search for a service').fill(word)
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click()
  await page.getByRole('heading', { level: 1, name }).waitFor()
}

/** The app opened again (closed, or back from another page): the PIN, then where it goes. */
async function unlock() {
  await page.getByLabel('Enter your PIN').fill(pin)
  await page.getByRole('button', { name: 'Unlock' }).click()
}

/** What the wallet keeps of its keys in IndexedDB: the device's and the signing key's public halves. */
const keptKeys = () =>
  page.evaluate(
    () =>
      new Promise<{ device?: JsonWebKey; signing?: JsonWebKey; deviceId?: string }>((resolve, reject) => {
        const opened = indexedDB.open('polis-wallet')
        opened.onerror = () => reject(opened.error)
        opened.onsuccess = () => {
          const tx = opened.result.transaction(['device', 'signing'])
          const device = tx.objectStore('device').get('current')
          const signing = tx.objectStore('signing').get('current')
          tx.oncomplete = () => {
            resolve({
              device: device.result?.publicJwk,
              deviceId: device.result?.deviceId,
              signing: signing.result?.publicJwk,
            })
            opened.result.close()
          }
        }
      }),
  )

describe(`paying and uploading in the wallet, in headless Chromium at phone size on ${testEngine}`, () => {
  it('pays a fine at the sandbox from the wallet, declined once, and shows the receipt back in the wallet', async () => {
    const drivers = new Set(t.citizens.filter((c) => c.documents.includes('driver-licence')).map((c) => c.id))
    const fines = await t.platform.store.db
      .selectFrom('debts')
      .selectAll()
      .where('kind', '=', 'traffic-fine')
      .where('status', '=', 'due')
      .execute()
    citizenId = await enrolWallet(page, {
      origin: t.origin,
      pin,
      choose: (offered) => offered.find((id) => drivers.has(id) && fines.some((f) => f.citizen_id === id)),
    })
    const fine = fines.find((f) => f.citizen_id === citizenId)
    assert.ok(fine)

    await openService('traffic fine', 'Pay a traffic fine')
    assert.equal(await page.getByRole('link', { name: 'Open it on the portal' }).count(), 0)
    await page.getByRole('button', { name: 'Start' }).click()
    await page.getByRole('heading', { level: 1, name: 'Which fine are you paying?' }).waitFor()
    // Nothing chosen: said at the field.
    await page.getByRole('button', { name: 'Continue' }).click()
    await page
      .locator('.error-summary')
      .getByRole('link', { name: /Choose one of the options/ })
      .waitFor()
    // The register's fine, its amount in the citizen's way of writing money, its number and vehicle.
    const amount = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'UAH' }).format(fine.amount / 100)
    const choice = page.getByRole('radio', { name: new RegExp(fine.description) })
    await choice.waitFor()
    assert.ok(await page.getByText(`${fine.description} — ${amount}`).isVisible())
    assert.ok(await page.getByText(JSON.parse(fine.details).plate).isVisible())
    await choice.check()
    await expectAccessible(page, 'fine')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor()
    assert.ok(await page.getByText(`${fine.description} — ${amount}`).isVisible())
    await page.getByRole('button', { name: 'Submit the application' }).click()

    // Submitted: what is owed, and the button that opens the provider's page.
    await page.getByRole('status').getByText('Application submitted').waitFor()
    const pay = page.getByRole('button', { name: `Pay ${amount}` })
    await pay.waitFor()
    await expectAccessible(page, 'awaiting-payment')
    const [application] = await applicationsOf('traffic-fines')
    assert.ok(application)

    // A declined card: back in the wallet, told so, and nothing is paid.
    await pay.click()
    await page.waitForURL(/\/sandbox-pay\//)
    await page.getByRole('heading', { name: `Pay ${(fine.amount / 100).toFixed(2)} UAH` }).waitFor()
    await page.getByLabel('Card number').fill(sandboxCards.decline)
    await page.getByRole('button', { name: /^Pay/ }).click()
    await page.waitForURL(/\/wallet\//)
    await unlock()
    await page.getByRole('alert').filter({ hasText: 'The payment was not made' }).waitFor()
    assert.equal(new URL(page.url()).hash, '', 'the fragment is cleared')
    await expectAccessible(page, 'payment-declined')

    // Again, with a card that pays: the receipt, and the fine closed in the register.
    await page.getByRole('button', { name: `Pay ${amount}` }).click()
    await page.waitForURL(/\/sandbox-pay\//)
    await page.getByLabel('Card number').fill(sandboxCards.success)
    await page.getByRole('button', { name: /^Pay/ }).click()
    await page.waitForURL(/\/wallet\//)
    await unlock()
    await page.getByRole('status').filter({ hasText: 'Payment made' }).waitFor()
    await page.locator('.tag').filter({ hasText: 'Done' }).waitFor()
    await page.getByText(`${fine.description} (${fine.number})`).waitFor()
    const paid = await t.platform.store.db
      .selectFrom('debts')
      .select(['status', 'payment_id'])
      .where('id', '=', fine.id)
      .executeTakeFirstOrThrow()
    assert.equal(paid.status, 'paid')
    assert.ok(await page.getByText(paid.payment_id ?? 'none').isVisible(), 'the receipt names the payment')
    assert.equal((await findApplication(t.platform.store, citizenId, application.id)).status, 'completed')
    await expectAccessible(page, 'receipt')
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('heading', { level: 1, name: 'My applications' }).waitFor()
  })

  it('uploads a file (refused, kept, replaced, removed), resumes the form after a reload, and submits once', async () => {
    const before = await keptKeys()
    assert.ok(before.device && before.signing, 'the device and signing keys are kept')
    await page.getByRole('button', { name: '← Back' }).click()
    await openService('renew your driving licence', 'Renew your driving licence')
    await page.getByRole('button', { name: 'Start' }).click()
    await page.getByRole('heading', { level: 1, name: /Medical certificate/ }).waitFor()
    await page.getByLabel('Number of your driver’s medical certificate').fill('AB12-CD34-EF56-GH78')
    await page.getByLabel('Date the certificate was issued').fill('2026-05-20')
    const file = page.getByLabel(/Your driver’s medical certificate \(a scan or photo\)/)
    assert.equal(await file.getAttribute('type'), 'file')

    // Nothing uploaded yet: asked for at the field.
    await page.getByRole('button', { name: 'Continue' }).click()
    await page
      .locator('.error-summary')
      .getByRole('link', { name: /Choose a file to upload/ })
      .waitFor()
    // A page named .pdf is not a PDF: refused by its bytes, said at the field in the citizen's language.
    await file.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html></html>') })
    await page.locator('.question-error').filter({ hasText: 'This kind of file is not taken here' }).waitFor()
    assert.equal(await file.getAttribute('aria-invalid'), 'true')
    await expectAccessible(page, 'file-refused')

    await file.setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: pdf })
    await page
      .locator('.uploaded')
      .getByText(/Uploaded: certificate\.pdf \(PDF, \d+\sbytes\)/)
      .waitFor()
    assert.equal(await page.locator('.question-error').count(), 0)
    await expectAccessible(page, 'file-kept')
    // Larger than the question takes: said at once, and not sent.
    await file.setInputFiles({
      name: 'big.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(5 * 1024 * 1024 + 1),
    })
    await page.locator('.question-error').filter({ hasText: 'larger than this question allows: up to 5' }).waitFor()
    // Replaced by a photo taken with the camera: one file kept for the question.
    await page.getByRole('button', { name: 'Take a photo' }).waitFor()
    await page
      .locator('input[type="file"][capture]')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png })
    await page
      .locator('.uploaded')
      .getByText(/Uploaded: photo\.png \(PNG/)
      .waitFor()
    const kept = await t.platform.store.db
      .selectFrom('attachments')
      .select(['id', 'file_name'])
      .where('citizen_id', '=', citizenId)
      .where('application_id', 'is', null)
      .execute()
    assert.deepEqual(
      kept.map((k) => k.file_name),
      ['photo.png'],
    )
    // Removed, then uploaded again.
    await page.getByRole('button', { name: 'Remove photo.png' }).click()
    await page.getByText('The file was removed.').waitFor({ state: 'attached' })
    assert.equal(await page.locator('.uploaded').count(), 0)
    await file.setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: pdf })
    await page
      .locator('.uploaded')
      .getByText(/Uploaded: certificate\.pdf/)
      .waitFor()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { level: 1, name: /How to get the plastic card/ }).waitFor()
    const collect = page.getByRole('radio', { name: 'I will collect it at a service centre' })
    await collect.check()
    // Kept on the phone (IndexedDB, written just after the change) before the app is closed.
    const chosen = await collect.getAttribute('value')
    await page.waitForFunction(
      (value) =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('polis-wallet')
          open.onsuccess = () => {
            const all = open.result.transaction('drafts').objectStore('drafts').getAll()
            all.onsuccess = () => {
              resolve(
                all.result.some((d: { answers: Record<string, unknown> }) => Object.values(d.answers).includes(value)),
              )
              open.result.close()
            }
          }
        }),
      chosen,
    )

    // The app is closed and opened again mid-form: the PIN, then the form where it was, with the file.
    await page.reload()
    await unlock()
    await page.getByRole('heading', { level: 1, name: /How to get the plastic card/ }).waitFor()
    await page.getByRole('status').filter({ hasText: 'You are carrying on where you left off.' }).waitFor()
    assert.ok(await page.getByRole('radio', { name: 'I will collect it at a service centre' }).isChecked())
    await expectAccessible(page, 'resumed')
    assert.deepEqual(await keptKeys(), before, 'the same device and signing keys after the reload')
    await page.getByRole('button', { name: '← Back' }).click()
    await page
      .locator('.uploaded')
      .getByText(/Uploaded: certificate\.pdf/)
      .waitFor()
    assert.equal(
      await page.getByLabel('Number of your driver’s medical certificate').inputValue(),
      'AB12-CD34-EF56-GH78',
    )
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Town of the service centre').fill('Kyiv')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor()
    assert.ok(await page.getByText(/certificate\.pdf \(PDF/).isVisible())
    await expectAccessible(page, 'check-with-file')

    // The application reaches the server but its answer is lost, and the app is closed: opened
    // again, it is at "check your answers" with the same key, and the retry makes no second one.
    const keys: string[] = []
    await page.route('**/api/wallet/applications', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '')
      await route.fetch()
      await route.abort('connectionreset')
    })
    await page.getByRole('button', { name: 'Submit the application' }).click()
    await page.getByRole('alert').filter({ hasText: 'It will not be sent twice' }).waitFor()
    assert.equal((await applicationsOf('driver-licence-renewal')).length, 1)
    await page.unroute('**/api/wallet/applications')
    await page.route('**/api/wallet/applications', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '')
      await route.continue()
    })
    await page.reload()
    await unlock()
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor()
    await page.getByRole('button', { name: 'Submit the application' }).click()
    await page.getByRole('status').getByText('Application submitted').waitFor()
    assert.equal(keys.length, 2)
    assert.equal(keys[0], keys[1], 'one Idempotency-Key, kept across the restart')
    const applications = await applicationsOf('driver-licence-renewal')
    assert.equal(applications.length, 1, 'one application')
    const [renewal] = applications
    assert.ok(renewal)
    assert.deepEqual(
      (await listAttachments(t.platform.store, renewal.id)).map((f) => f.fileName),
      ['certificate.pdf'],
    )
    // Sent: the draft is gone, and the app opens on the documents again.
    await page.unroute('**/api/wallet/applications')
    await page.reload()
    await unlock()
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor()
    await page.getByRole('button', { name: 'Services', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Civic life' }).waitFor()
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Not sent yet' }).count(), 0)
  })

  it('lists a form not sent yet to carry on with, and says a refused file in Ukrainian at its field', async () => {
    await page.getByRole('button', { name: '← Back' }).click()
    await openService('appeal', 'Write to an authority')
    await page.getByRole('button', { name: 'Start' }).click()
    await page.getByLabel('Subject').fill('Street lights')
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('heading', { level: 2, name: 'Not sent yet' }).waitFor()
    await expectAccessible(page, 'drafts')
    await page.getByRole('button', { name: 'Continue: Write to an authority' }).click()
    await page.getByRole('button', { name: 'Start' }).click()
    assert.equal(await page.getByLabel('Subject').inputValue(), 'Street lights')

    // In Ukrainian: the question, and the refusal of a photo where only a PDF is taken, at the field.
    await page.getByLabel('Language').selectOption('uk')
    const file = page.getByLabel(/Документ до звернення \(PDF\)/)
    await file.waitFor()
    assert.ok(await page.getByText(/PDF, до 5\sМБ/).isVisible())
    await file.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png })
    await page.locator('.question-error').filter({ hasText: 'Такий тип файлу тут не приймається' }).waitFor()
    await expectAccessible(page, 'file-refused-uk')
  })
})
