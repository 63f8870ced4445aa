import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { presentQr } from '@polis/documents/qr'
import { messageOf } from '@polis/kernel/errors'
import { testEngine } from '@polis/store'
import type { Browser, Page } from 'playwright-core'
import QRCode from 'qrcode'
import {
  addFederatedCountry,
  refreshFederatedCountries,
  setIssuerWithdrawn,
} from '../federation/federated-countries.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

// Issue 9, docs/federation.md: Ukraine's and Estonia's instances side by side, each on its
// own port with its own store; Estonia relies on Ukraine's trust list, and an Estonian
// inspector's verifier app checks a Ukrainian ID card, then refuses it once Ukraine has
// withdrawn the issuer and Estonia has refreshed.
let ua: Awaited<ReturnType<typeof createTestPlatform>>
let ee: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let page: Page
let holder: CryptoKeyPair
let credential: Uint8Array
const files = mkdtempSync(join(tmpdir(), 'polis-federation-'))
const check = accessibilityCheck('federation')

/** axe in the light and the dark scheme, with a screenshot of each when POLIS_SCREENSHOTS is set. */
async function expectAccessible(name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await check(page, `${name}-${colorScheme}`)
  }
  await page.emulateMedia({ colorScheme: null })
}

/** The holder's wallet showing the Ukrainian ID card, made now by Ukraine's clock. */
function present(): Promise<string> {
  return presentQr({
    credential,
    disclose: ['given_name', 'family_name', 'age_over_18', 'portrait'],
    deviceSign: async (bytes) =>
      new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          holder.privateKey,
          bytes as Uint8Array<ArrayBuffer>,
        ),
      ),
    now: ua.now(),
  })
}

let codes = 0
async function showCode(): Promise<void> {
  const path = join(files, `code-${++codes}.png`)
  await QRCode.toFile(path, await present(), { errorCorrectionLevel: 'L', margin: 4, scale: 4 })
  await page.locator('input[type="file"]').setInputFiles(path)
}

/** Estonia's verifier API, over the network. */
async function verifyInEstonia(language: string) {
  const response = await fetch(`${ee.origin}/api/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify({ presentation: await present() }),
  })
  return {
    status: response.status,
    body: (await response.json()) as {
      issuer: { subject: string; country?: { code: string; name: string } }
      error: { code: string; message: string }
    },
  }
}

before(async () => {
  ua = await createTestPlatform({ citizens: 40, listen: true })
  ee = await createTestPlatform({ citizens: 30, listen: true, env: () => ({ POLIS_COUNTRY: 'EE' }) })
  holder = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', holder.publicKey)
  const issued = await ua.issuer.issue({
    citizenId: ua.holding('id-card'),
    documentType: 'id-card',
    format: 'polis_qr',
    holderKey: { kty, crv, x, y } as never,
  })
  credential = new Uint8Array(Buffer.from(issued.credential, 'base64url'))
  // Estonia's operator adds Ukraine's list by its URL and the anchor fingerprint Ukraine gave;
  // with it come the status lists of Ukraine's issuers.
  const anchorSha256 = createHash('sha256').update(ua.platform.trust.anchor).digest('hex')
  await addFederatedCountry(ee.platform, { code: 'UA', url: `${ua.origin}/trust/list`, anchorSha256 })
  browser = await launchBrowser()
  // A phone set to Finnish, which Polis does not speak: the Estonian instance's app opens in Estonian.
  const context = await browser.newContext({ ...phone, locale: 'fi-FI' })
  await context.clock.setFixedTime(ee.now())
  page = await context.newPage()
})
after(async () => {
  await browser?.close()
  await ee?.close()
  await ua?.close()
})

describe(`a Ukrainian ID card in Estonia's verifier, two instances on ${testEngine}`, () => {
  it('is valid through Estonia’s verifier API, which says Ukraine issued it', async () => {
    assert.notEqual(ee.origin, ua.origin)
    const { status, body } = await verifyInEstonia('et')
    assert.equal(status, 200, JSON.stringify(body))
    assert.deepEqual(body.issuer.country, { code: 'UA', name: 'Ukraine (Polis demo)' })
  })

  it('is green in Estonia’s verifier app at phone size, in Estonian, naming Ukraine', async () => {
    await page.goto(`${ee.origin}/verify/`)
    await page.getByRole('heading', { level: 1, name: 'Dokumendi kontroll' }).waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'et')
    await page.getByRole('status').filter({ hasText: 'Usaldusandmed uuendati' }).waitFor()
    await expectAccessible('scan')
    await showCode()
    await page.getByRole('heading', { level: 1, name: 'Kehtiv', exact: true }).waitFor({ timeout: 15_000 })
    await page.getByText('Väljaandnud riik: Ukraina').waitFor()
    await page.getByText('Väljaandja: Riiklik Migratsiooniteenistus').waitFor()
    await expectAccessible('ukrainian-id-card-valid')
    await page.getByRole('button', { name: 'Kontrolli järgmist' }).click()
  })

  it('turns red once Ukraine withdraws the issuer and Estonia has refreshed, naming both', async () => {
    await setIssuerWithdrawn(ua.platform, { agency: 'migration-service', withdrawn: true })
    // Estonia's housekeeping fetches Ukraine's list again; its verifier API refuses at once.
    const [outcome] = await refreshFederatedCountries(ee.platform)
    assert.equal(outcome?.ok, true)
    const api = await verifyInEstonia('et')
    assert.equal(api.status, 400)
    assert.equal(api.body.error.code, 'ERR_ISSUER_WITHDRAWN')
    const reason = `${messageOf('ERR_ISSUER_WITHDRAWN', 'et')} Ukraina: Riiklik Migratsiooniteenistus.`
    assert.equal(api.body.error.message, reason)

    // The app refuses once it has refreshed its copy from Estonia's instance.
    const refreshed = page.waitForResponse((response) => response.url().endsWith('/trust/federation/UA/list'))
    await page.getByRole('button', { name: 'Värskenda kohe' }).click()
    await refreshed
    await page.locator('.trust-line button:enabled').waitFor()
    await showCode()
    await page.getByRole('heading', { level: 1, name: 'Ei kehti' }).waitFor({ timeout: 15_000 })
    assert.equal(await page.locator('.reason').textContent(), reason)
    assert.equal(await page.locator('[aria-live="assertive"]').textContent(), `Ei kehti: ${reason}`)
    await expectAccessible('ukrainian-issuer-withdrawn')
  })
})
