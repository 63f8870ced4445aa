import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { AxeBuilder } from '@axe-core/playwright'
import { presentQr } from '@polis/documents/qr'
import { type ErrorCode, messageOf } from '@polis/kernel/errors'
import { testEngine } from '@polis/store'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import QRCode from 'qrcode'
import { createShareCode } from '../sharing/share-codes.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

/** Chromium whose camera plays the given MJPEG file, with the permission prompt answered yes. */
function launchCameraBrowser(video: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.POLIS_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  })
}

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let context: BrowserContext
let page: Page
let holder: CryptoKeyPair
let credential: Uint8Array
let givenName: string
let status: { uri: string; idx: number }
const screenshots = process.env.POLIS_SCREENSHOTS
const files = mkdtempSync(join(tmpdir(), 'polis-verifier-'))
const hour = 3600_000

before(async () => {
  t = await createTestPlatform({ citizens: 40, listen: true })
  // A wallet's in-person copy of an ID card, bound to a device key held here.
  holder = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', holder.publicKey)
  const citizenId = t.holding('id-card')
  const issued = await t.issuer.issue({
    citizenId,
    documentType: 'id-card',
    format: 'polis_qr',
    holderKey: { kty, crv, x, y } as never,
  })
  credential = new Uint8Array(Buffer.from(issued.credential, 'base64url'))
  status = issued.status
  const [person] = await t.platform.queryRegistry({
    registry: 'population',
    citizenId,
    purpose: 'test',
    kind: 'person',
  })
  givenName = String(person?.data.given_name)
  browser = await launchBrowser()
  context = await browser.newContext({ ...phone, locale: 'en-GB' })
  // The browser shares the platform's frozen clock, so codes made here are fresh to it.
  await context.clock.setFixedTime(t.now())
  page = await context.newPage()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

/** A code as the holder's wallet shows it, made at `at` with the claims an inspector asks for. */
function present(
  at: Date,
  disclose = ['given_name', 'family_name', 'birth_date', 'age_over_18', 'portrait'],
): Promise<string> {
  return presentQr({
    credential,
    disclose,
    deviceSign: async (bytes) =>
      new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          holder.privateKey,
          bytes as Uint8Array<ArrayBuffer>,
        ),
      ),
    now: at,
  })
}

async function qrPng(text: string, name: string): Promise<string> {
  const path = join(files, name)
  await QRCode.toFile(path, text, { errorCorrectionLevel: 'L', margin: 4, scale: 4 })
  return path
}

/** axe at WCAG 2.2 AA in the light and the dark scheme; a screenshot of each when asked. */
async function expectAccessible(name: string, on: Page = page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await on.emulateMedia({ colorScheme })
    const results = await new AxeBuilder({ page: on })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze()
    assert.deepEqual(
      results.violations.map((v) => `${name} (${colorScheme}): ${v.id} ${v.help} (${v.nodes.length})`),
      [],
    )
    if (screenshots) await on.screenshot({ path: `${screenshots}/verifier-${name}-${colorScheme}.png`, fullPage: true })
  }
  await on.emulateMedia({ colorScheme: null })
}

let typed = 0

async function typeCode(text: string) {
  await page.getByRole('button', { name: 'Type a code' }).click()
  await page.getByLabel('QR code text or 8-digit one-time code').waitFor()
  if (screenshots && !typed++) await expectAccessible('type-code')
  await page.getByLabel('QR code text or 8-digit one-time code').fill(text)
  await page.getByRole('button', { name: 'Check', exact: true }).click()
}

async function expectRefused(reason: string) {
  await page.getByRole('heading', { level: 1, name: 'Not valid' }).waitFor()
  assert.equal(await page.locator('.reason').textContent(), reason)
  // The verdict is read out, not only shown.
  assert.equal(await page.locator('[aria-live="assertive"]').textContent(), `Not valid: ${reason}`)
}

const refusal = (code: ErrorCode) => messageOf(code, 'en')

describe(`verifier app in headless Chromium at phone size on ${testEngine}`, () => {
  it('opens on the scan screen and downloads the trust data, all from its own origin', async () => {
    const elsewhere: string[] = []
    page.on('request', (request) => {
      if (!request.url().startsWith(t.origin) && !request.url().startsWith('blob:')) elsewhere.push(request.url())
    })
    await page.goto(`${t.origin}/verify/`)
    await page.getByRole('heading', { level: 1, name: 'Check a document' }).waitFor()
    await page.getByRole('status').filter({ hasText: 'Trust data updated now' }).waitFor()
    await expectAccessible('scan')
    // The QR reader and its WebAssembly are stored for offline use at install: nothing comes from a CDN.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    const stored = await page.evaluate(async () => {
      const names = await caches.keys()
      const cache = await caches.open(names[0] as string)
      return (await cache.keys()).map((request) => new URL(request.url).pathname)
    })
    assert.ok(
      stored.some((path) => /^\/verify\/assets\/zxing_reader-.*\.wasm$/.test(path)),
      stored.join(),
    )
    assert.deepEqual(elsewhere, [])
  })

  it('refuses a foreign code and a garbled one, in red, with the reason', async () => {
    await typeCode('https://shop.example/loyalty/12345')
    await expectRefused(refusal('ERR_QR_FOREIGN'))
    await expectAccessible('refused')
    await page.getByRole('button', { name: 'Check the next one' }).click()

    await typeCode('PQ1:THIS IS NOT BASE45 AT ALL')
    await expectRefused(refusal('ERR_MALFORMED'))
    await page.getByRole('button', { name: 'Check the next one' }).click()
  })

  it('shows a valid document from an image of its code, and refuses the same code again', async () => {
    const image = await qrPng(await present(t.now()), 'code.png')
    await page.getByRole('button', { name: 'Type a code' }).waitFor()
    await page.locator('input[type="file"]').setInputFiles(image)
    await page.getByRole('heading', { level: 1, name: 'Valid', exact: true }).waitFor({ timeout: 15_000 })
    await page.getByRole('heading', { level: 2, name: 'Identity card' }).waitFor()
    assert.ok(await page.getByText(givenName, { exact: true }).isVisible(), 'the given name is shown')
    assert.ok(await page.getByRole('img', { name: 'Holder’s portrait' }).isVisible())
    assert.ok(await page.getByText('Aged 18 or over').isVisible(), 'claims are labelled from the catalogue')
    assert.match((await page.locator('[aria-live="assertive"]').textContent()) ?? '', /^Valid: Identity card$/)
    await expectAccessible('valid')

    await page.getByRole('button', { name: 'Check the next one' }).click()
    await page.locator('input[type="file"]').setInputFiles(image)
    await expectRefused(refusal('ERR_PRESENTATION_REPLAYED'))
    await page.getByRole('button', { name: 'Check the next one' }).click()
  })

  it('redeems a one-time code online, typed or through the wallet’s link, and only once', async () => {
    const share = async () => {
      const presentation = await present(t.now())
      const check = await t.verifier.verifyQr(presentation)
      return (
        await createShareCode({ store: t.platform.store, deviceId: 'a-phone', presentation, check, now: t.now() })
      ).code
    }
    const typed = await share()
    await typeCode(`${typed.slice(0, 4)} ${typed.slice(4)}`)
    await page.getByRole('heading', { level: 1, name: 'Valid', exact: true }).waitFor()
    assert.ok(await page.getByText(givenName, { exact: true }).isVisible())
    assert.ok(await page.getByRole('img', { name: 'Holder’s portrait' }).isVisible())
    await page.getByRole('button', { name: 'Check the next one' }).click()

    // A phone's own camera app opens the wallet's link QR in the verifier.
    await page.goto(`${t.origin}/verify/#code=${await share()}`)
    await page.getByRole('heading', { level: 1, name: 'Valid', exact: true }).waitFor()
    assert.equal(new URL(page.url()).hash, '', 'the code leaves the address bar')
    await page.getByRole('button', { name: 'Check the next one' }).click()

    await typeCode(typed)
    await expectRefused(refusal('ERR_SHARE_CODE_INVALID'))
    await page.getByRole('button', { name: 'Check the next one' }).click()
  })

  it('keeps a log of checks without personal data, and clears it', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
    const entries = page.locator('.log-entry')
    await entries.first().waitFor()
    assert.equal(await entries.count(), 7)
    assert.equal(await page.locator('.log-entry.accepted').count(), 3)
    assert.ok(await page.getByText('ERR_PRESENTATION_REPLAYED').isVisible())
    const stored = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('polis-verifier')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const read = open.result.transaction('log').objectStore('log').getAll()
            read.onsuccess = () => resolve(JSON.stringify(read.result))
          }
        }),
    )
    assert.ok(!stored.includes(givenName), 'no name in the log')
    assert.ok(!/portrait|given_name|birth/.test(stored), 'no claim in the log')
    await expectAccessible('settings')

    // A server that presents another national anchor is refused; the pinned one keeps working.
    await page.route('**/trust/anchor.jwk', (route) =>
      route.fulfill({
        json: {
          kty: 'EC',
          crv: 'P-256',
          x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
          y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
        },
      }),
    )
    await page.getByRole('button', { name: 'Refresh now' }).click()
    await page.getByRole('alert').filter({ hasText: 'different national trust anchor' }).waitFor()
    await expectAccessible('anchor-refused')
    await page.unroute('**/trust/anchor.jwk')
    await page.getByRole('button', { name: 'Refresh now' }).click()
    await page.getByRole('alert').waitFor({ state: 'detached' })

    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: 'Clear log' }).click()
    await page.getByText('No checks yet.').waitFor()
    await page.getByLabel('Warn when the data is older than').selectOption('12')
    await page.getByRole('button', { name: 'Back' }).click()
  })

  it('warns when the trust data is older than the limit, and still checks offline', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await context.setOffline(true)
    const later = new Date(t.now().getTime() + 13 * hour)
    await context.clock.setFixedTime(later)
    await page.reload()
    await page.getByRole('status').filter({ hasText: 'older than 12 hours' }).waitFor()
    assert.ok(await page.getByRole('status').filter({ hasText: 'No connection' }).isVisible())
    await expectAccessible('stale')

    await page.locator('input[type="file"]').setInputFiles(await qrPng(await present(later), 'later.png'))
    await page.getByRole('heading', { level: 1, name: 'Valid', exact: true }).waitFor({ timeout: 15_000 })
    await page.getByRole('button', { name: 'Check the next one' }).click()
    await context.setOffline(false)
    await context.clock.setFixedTime(t.now())
  })

  it('speaks the inspector’s language, remembered, reasons included', async () => {
    await page.getByLabel('Language').selectOption('uk')
    await page.getByRole('heading', { level: 1, name: 'Перевірка документа' }).waitFor()
    await page.reload()
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'uk')
    await page.getByRole('button', { name: 'Ввести код' }).click()
    await page.getByLabel('Текст QR-коду або 8-значний одноразовий код').fill('WIFI:S:cafe;;')
    await page.getByRole('button', { name: 'Перевірити', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Недійсний' }).waitFor()
    assert.equal(await page.locator('.reason').textContent(), messageOf('ERR_QR_FOREIGN', 'uk'))
    await expectAccessible('refused-uk')
    await page.getByLabel('Мова').selectOption('et')
    await page.getByRole('heading', { level: 1, name: 'Ei kehti' }).waitFor()
    assert.equal(await page.locator('.reason').textContent(), messageOf('ERR_QR_FOREIGN', 'et'))
    await page.getByLabel('Keel').selectOption('en')
    await page.getByRole('button', { name: 'Check the next one' }).click()
  })

  it('reads a code through the camera', async () => {
    // Chromium's fake camera plays a file: one JPEG of the code is a one-frame MJPEG. A small
    // code (no portrait) has large modules, which survive the camera's scaling and JPEG.
    const shot = await browser.newPage({ viewport: { width: 640, height: 480 } })
    await shot.setContent(
      `<body style="margin:0;display:grid;place-items:center;height:100vh;background:#fff">
        <img src="${await QRCode.toDataURL(await present(t.now(), ['given_name', 'age_over_18']), { errorCorrectionLevel: 'L', margin: 4, width: 470 })}">`,
    )
    const video = join(files, 'camera.mjpeg')
    // Frames repeated, so that a camera opened late (a loaded machine) still has one to read.
    const frame = await shot.screenshot({ type: 'jpeg', quality: 95 })
    writeFileSync(video, Buffer.concat(Array.from({ length: 30 }, () => frame)))
    await shot.close()

    const camera = await launchCameraBrowser(video)
    try {
      const phoneContext = await camera.newContext({ ...phone, locale: 'en-GB' })
      await phoneContext.clock.setFixedTime(t.now())
      const inspector = await phoneContext.newPage()
      await inspector.goto(`${t.origin}/verify/`)
      await inspector.getByRole('status').filter({ hasText: 'Trust data updated now' }).waitFor()
      // The fake UI grants the camera: the app starts it by itself, or on the button, whichever comes first.
      const start = inspector.locator('button.camera-start:enabled')
      const valid = inspector.getByRole('heading', { level: 1, name: 'Valid', exact: true })
      await start
        .or(valid)
        .first()
        .waitFor({ timeout: 40_000 })
        .catch(async (cause: unknown) => {
          throw new Error(`the camera read nothing: ${await inspector.locator('main').textContent()}`, { cause })
        })
      if (await start.isVisible()) await start.click()
      await valid.waitFor({ timeout: 40_000 })
      assert.ok(await inspector.getByText(givenName, { exact: true }).isVisible())
    } finally {
      await camera.close()
    }
  })

  it('turns red for a revoked document once its status list is refreshed', async () => {
    await t.issuer.changeStatus({ status, to: 'revoked', reason: 'test' })
    const listFetched = page.waitForResponse((response) => /\/status\/[0-9a-f-]{36}$/.test(response.url()))
    await page.getByRole('button', { name: 'Refresh now' }).click()
    await listFetched
    // The button comes back once the new list is verified and stored.
    await page.locator('.trust-line button:enabled').waitFor()
    await page.locator('input[type="file"]').setInputFiles(await qrPng(await present(t.now()), 'revoked.png'))
    await expectRefused(refusal('ERR_REVOKED'))
  })
})
